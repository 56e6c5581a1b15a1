/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-history-window"

#include "config.h"

#include "par-history-window.h"

#include <glib/gi18n.h>

#include "par-decimal.h"
#include "par-history.h"
#include "par-history-item.h"

/**
 * ParHistoryWindow:
 *
 * The history of a unit, or of one of its criteria, in a window of its
 * own: every change the audit log holds, newest first — when, who, the
 * stage, the value and the note before and after, what was done and where
 * it came from (the window, the command line, a package of round 2). The
 * records are read on a worker thread with a connection of its own, so a
 * long history never holds up the main window.
 */
struct _ParHistoryWindow
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwStatusPage        *error_page;
  GtkColumnView        *column_view;
  GListStore           *store;
  GtkColumnViewColumn  *criterion_column;
  GtkLabel             *count_label;

  /* Owned */
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (ParHistoryWindow, par_history_window, ADW_TYPE_WINDOW)

static void
par_history_window_dispose (GObject *object)
{
  ParHistoryWindow *self = (ParHistoryWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_HISTORY_WINDOW);

  G_OBJECT_CLASS (par_history_window_parent_class)->dispose (object);
}

static void
par_history_window_class_init (ParHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_history_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/par-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ParHistoryWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ParHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ParHistoryWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, ParHistoryWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ParHistoryWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, ParHistoryWindow, store);
  gtk_widget_class_bind_template_child (widget_class, ParHistoryWindow, criterion_column);
  gtk_widget_class_bind_template_child (widget_class, ParHistoryWindow, count_label);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);

  g_type_ensure (PAR_TYPE_HISTORY_ITEM);
}

static void
par_history_window_init (ParHistoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

static void
history_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ParHistoryWindow) self = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  char separator = par_locale_decimal_separator ();

  records = par_workspace_list_history_finish (PAR_WORKSPACE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  if (records == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  items = g_ptr_array_new_full (records->len, g_object_unref);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (items, par_history_item_new (g_ptr_array_index (records, i), separator));
  g_list_store_splice (self->store, 0, 0, items->pdata, items->len);

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change, newest first",
                                        "%u changes, newest first", records->len), records->len);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, records->len > 0 ? "list" : "empty");
}

/**
 * par_history_window_new:
 * @parent: the main window
 * @workspace: the workspace
 * @year: the year
 * @unit_code: the unit
 * @unit_name: its name, for the title
 * @criterion_code: (nullable): one of its criteria, or %NULL for the
 *   whole unit
 *
 * Returns: (transfer full): a window reading the history; present it
 */
ParHistoryWindow *
par_history_window_new (GtkWindow    *parent,
                        ParWorkspace *workspace,
                        int           year,
                        const char   *unit_code,
                        const char   *unit_name,
                        const char   *criterion_code)
{
  ParHistoryWindow *self;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (PAR_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (unit_code != NULL, NULL);

  self = g_object_new (PAR_TYPE_HISTORY_WINDOW, "transient-for", parent, NULL);
  if (criterion_code != NULL)
    {
      /* TRANSLATORS: the history window's title: "History of 1.2" */
      title = g_strdup_printf (_("History of %s"), criterion_code);
      gtk_column_view_column_set_visible (self->criterion_column, FALSE);
    }
  else
    title = g_strdup (_("History of the Unit"));
  subtitle = g_strdup_printf ("%s (%s) — %d", unit_name, unit_code, year);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);

  gtk_spinner_start (self->spinner);
  par_workspace_list_history_async (workspace, year, unit_code, criterion_code,
                                    self->cancellable, history_loaded_cb, g_object_ref (self));
  return self;
}

/**
 * par_history_window_get_items:
 * @self: a #ParHistoryWindow
 *
 * Returns: (transfer none): the rows shown, #ParHistoryItem, newest first
 */
GListModel *
par_history_window_get_items (ParHistoryWindow *self)
{
  g_return_val_if_fail (PAR_IS_HISTORY_WINDOW (self), NULL);

  return G_LIST_MODEL (self->store);
}

/**
 * par_history_window_is_loading:
 * @self: a #ParHistoryWindow
 *
 * Returns: whether the records are still being read
 */
gboolean
par_history_window_is_loading (ParHistoryWindow *self)
{
  g_return_val_if_fail (PAR_IS_HISTORY_WINDOW (self), FALSE);

  return g_str_equal (gtk_stack_get_visible_child_name (self->stack), "loading");
}
