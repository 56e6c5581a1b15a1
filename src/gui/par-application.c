/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-application"

#include "config.h"

#include "par-application.h"

#include <glib/gi18n.h>

#include "par-window.h"

struct _ParApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (ParApplication, par_application, ADW_TYPE_APPLICATION)

static ParWindow *
par_application_find_window_for_file (ParApplication *self,
                                      GFile          *file)
{
  GList *windows;

  g_assert (PAR_IS_APPLICATION (self));
  g_assert (G_IS_FILE (file));

  windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (const GList *iter = windows; iter != NULL; iter = iter->next)
    {
      GFile *window_file;

      if (!PAR_IS_WINDOW (iter->data))
        continue;

      window_file = par_window_get_file (iter->data);

      if (window_file != NULL && g_file_equal (window_file, file))
        return iter->data;
    }

  return NULL;
}

static void
par_application_activate (GApplication *application)
{
  ParApplication *self = (ParApplication *)application;
  GtkWindow *window;

  g_assert (PAR_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (par_window_new (self));
      /* The clerk picks up where they left off. */
      par_window_restore_last (PAR_WINDOW (window));
    }

  gtk_window_present (window);
}

static void
par_application_open (GApplication  *application,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  ParApplication *self = (ParApplication *)application;

  g_assert (PAR_IS_APPLICATION (self));
  g_assert (files != NULL || n_files == 0);

  for (int i = 0; i < n_files; i++)
    {
      ParWindow *window;

      /* Opening a workspace twice would give two windows editing the same file. */
      window = par_application_find_window_for_file (self, files[i]);

      if (window == NULL)
        {
          window = par_window_new (self);
          par_window_open_file (window, files[i]);
        }

      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
par_application_about_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  ParApplication *self = user_data;
  GtkWindow *window;
  GtkWindow *about;

  g_assert (PAR_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("ParIndex"),
                        "developer-name", _("The ParIndex developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Self-assessment, appraisal and publication of the "
                                      "Administrative Reform Index (PAR INDEX) of agencies "
                                      "and communes in Viet Nam."),
                        "website", "https://github.com/parindex/parindex",
                        "issue-url", "https://github.com/parindex/parindex/issues",
                        "copyright", _("© 2026 The ParIndex developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line, each optionally followed by
                           an e-mail address or a web page in angle brackets. */
                        "translator-credits", _("translator-credits"),
                        NULL);

  gtk_window_present (about);
}

static void
par_application_quit_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  ParApplication *self = user_data;

  g_assert (PAR_IS_APPLICATION (self));

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "about", par_application_about_action },
  { "quit", par_application_quit_action },
};

static void
par_application_startup (GApplication *application)
{
  ParApplication *self = (ParApplication *)application;
  static const char *quit_accels[] = { "<Control>q", NULL };

  g_assert (PAR_IS_APPLICATION (self));

  G_APPLICATION_CLASS (par_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
}

static void
par_application_class_init (ParApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = par_application_activate;
  app_class->open = par_application_open;
  app_class->startup = par_application_startup;
}

static void
par_application_init (ParApplication *self)
{
}

/**
 * par_application_new:
 *
 * Creates the application object for the `parindex` program.
 *
 * Returns: (transfer full): a new #ParApplication
 */
ParApplication *
par_application_new (void)
{
  return g_object_new (PAR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS | G_APPLICATION_HANDLES_OPEN,
                       NULL);
}
