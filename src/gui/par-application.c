/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-application"

#include "config.h"

#include "par-application.h"

#include <glib/gi18n.h>
#ifdef G_OS_UNIX
#include <glib-unix.h>
#include <signal.h>
#endif

#include "par-i18n.h"
#include "par-window-private.h"

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
      par_window_open_when_shown (PAR_WINDOW (window));
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
          par_window_open_when_shown (window);
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
help_shown_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) && PAR_IS_WINDOW (object))
    _par_window_show_error (PAR_WINDOW (object), _("Could not open the user guide"), error);
}

/* F1: the user guide, in the user's language, in the system's browser. */
static void
par_application_help_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  ParApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *path = par_i18n_get_help_file ();
  g_autofree char *uri = NULL;

  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                                     _("The user guide is not installed"));

      if (PAR_IS_WINDOW (window))
        _par_window_show_error (PAR_WINDOW (window), _("Could not open the user guide"), error);
      return;
    }
  uri = g_filename_to_uri (path, NULL, NULL);
  gtk_show_uri_full (window, uri, GDK_CURRENT_TIME, NULL, help_shown_cb, NULL);
}

/* Ctrl+Q closes every window as its ✕ does: what is typed is saved (or
 * the clerk is asked), the workspace's log is written back into its file.
 * The application ends with its last window. */
static void
par_application_quit_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  ParApplication *self = user_data;
  GList *windows;

  g_assert (PAR_IS_APPLICATION (self));

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *iter = windows; iter != NULL; iter = iter->next)
    gtk_window_close (iter->data);
  g_list_free (windows);
}

#ifdef G_OS_UNIX
/* Logging out or a `kill`: what is typed and valid is saved, and every
 * window is closed (its workspace's log written back into the file)
 * without asking; a typed value that cannot be saved is dropped, the
 * stored one stays. */
static gboolean
terminate_cb (gpointer user_data)
{
  ParApplication *self = user_data;

  for (GList *iter = gtk_application_get_windows (GTK_APPLICATION (self)); iter != NULL;
       iter = iter->next)
    if (PAR_IS_WINDOW (iter->data))
      par_window_commit_pending (iter->data);
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_CONTINUE;
}
#endif

/* However the application ends, its windows are destroyed, which closes
 * their workspaces. */
static void
par_application_shutdown (GApplication *application)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (application)));

  for (GList *iter = windows; iter != NULL; iter = iter->next)
    gtk_window_destroy (iter->data);
  g_list_free (windows);

  G_APPLICATION_CLASS (par_application_parent_class)->shutdown (application);
}

static const GActionEntry app_actions[] = {
  { "about", par_application_about_action },
  { "help", par_application_help_action },
  { "quit", par_application_quit_action },
};

static void
par_application_startup (GApplication *application)
{
  ParApplication *self = (ParApplication *)application;
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "F1", NULL };
  /* GtkApplication's own for its shortcuts window, which the window now
   * builds on demand (par-window-actions.c). */
  static const char *shortcuts_accels[] = { "<Control>question", "<Control>slash", NULL };

  g_assert (PAR_IS_APPLICATION (self));

  G_APPLICATION_CLASS (par_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         shortcuts_accels);

#ifdef G_OS_UNIX
  g_unix_signal_add (SIGTERM, terminate_cb, self);
  g_unix_signal_add (SIGINT, terminate_cb, self);
  g_unix_signal_add (SIGHUP, terminate_cb, self);
#endif
}

static void
par_application_class_init (ParApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = par_application_activate;
  app_class->open = par_application_open;
  app_class->startup = par_application_startup;
  app_class->shutdown = par_application_shutdown;
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
