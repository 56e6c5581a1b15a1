/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-window"

#include "config.h"

#include "par-window-private.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (ParWindow, par_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
par_window_dispose (GObject *object)
{
  ParWindow *self = (ParWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_WINDOW);

  g_clear_object (&self->file);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (par_window_parent_class)->dispose (object);
}

static void
par_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ParWindow *self = PAR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, par_window_get_file (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_window_class_init (ParWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_window_dispose;
  object_class->get_property = par_window_get_property;

  /**
   * ParWindow:file: (getter get_file)
   *
   * The workspace file shown in the window, or %NULL while the welcome page is shown.
   */
  properties [PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/par-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ParWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, window_title);

  _par_window_class_actions_init (klass);

  gtk_widget_class_add_binding_action (widget_class,
                                       GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class,
                                       GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
par_window_init (ParWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  /* Every window starts at the size last saved, but windows do not follow each other
   * around: a setting changed by another window is not applied back to this one.
   */
  g_settings_bind (self->settings, "window-width",
                   self, "default-width",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (self->settings, "window-height",
                   self, "default-height",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (self->settings, "window-maximized",
                   self, "maximized",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
}

/**
 * par_window_new:
 * @application: the application the window belongs to
 *
 * Creates a window showing the welcome page.
 *
 * Returns: (transfer none): a new #ParWindow, owned by @application
 */
ParWindow *
par_window_new (ParApplication *application)
{
  g_return_val_if_fail (PAR_IS_APPLICATION (application), NULL);

  return g_object_new (PAR_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * par_window_get_file:
 * @self: a #ParWindow
 *
 * Gets the workspace file shown in the window.
 *
 * Returns: (transfer none) (nullable): the file, or %NULL if none was opened
 */
GFile *
par_window_get_file (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), NULL);

  return self->file;
}

/**
 * par_window_open_file:
 * @self: a #ParWindow
 * @file: a workspace file (`*.parindex`)
 *
 * Shows @file in the window. For now the window only remembers the file and names it
 * in the header bar; the "workspace" page of the stack will show its contents.
 */
void
par_window_open_file (ParWindow *self,
                      GFile     *file)
{
  g_autofree char *basename = NULL;
  g_autofree char *display_name = NULL;

  g_return_if_fail (PAR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->file != NULL && g_file_equal (self->file, file))
    return;

  g_set_object (&self->file, file);

  basename = g_file_get_basename (file);
  display_name = g_filename_display_name (basename);

  adw_window_title_set_subtitle (self->window_title, display_name);
  gtk_window_set_title (GTK_WINDOW (self), display_name);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FILE]);
}
