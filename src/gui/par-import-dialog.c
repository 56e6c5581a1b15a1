/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-import-dialog"

#include "config.h"

#include "par-import-dialog.h"

#include <glib/gi18n.h>

#include "par-file-chooser.h"
#include "par-format.h"

/**
 * ParImportDialog:
 *
 * Imports units or score entries from a CSV file (FORMATS.md §2, §3) into
 * a year, as `parindex-cli add-units` and `import-scores` do and through
 * the same functions of the core. The file is checked first on a worker
 * (par_workspace_check_import_async()), which changes nothing: the dialog
 * shows how many rows the file has, what they would add and change, how
 * the file is read, every bad row (line, column, why and what to do) and
 * the first rows as they will be read. Import is offered only for a file
 * without a bad row, and imports it all or nothing on a worker
 * (par_workspace_import_async()) with progress; Cancel stops a check or an
 * import (rolled back). Emits #ParImportDialog::imported once the rows are
 * in the workspace, then closes.
 */
struct _ParImportDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkWidget      *cancel_button;
  GtkWidget      *import_button;
  AdwComboRow    *kind_row;
  AdwActionRow   *file_row;
  GtkWidget      *choose_button;
  GtkProgressBar *progress_bar;
  GtkLabel       *summary_label;
  GtkLabel       *reading_label;
  GtkWidget      *problems_group;
  GtkListBox     *problems_list;
  GtkWidget      *preview_group;
  GtkListBox     *preview_list;

  /* Owned */
  ParWorkspace   *workspace;
  int             year;
  GFile          *file;
  ParImportCheck *check;
  GCancellable   *cancellable;
  char           *error;
  gboolean        busy;
  gboolean        importing;
};

G_DEFINE_FINAL_TYPE (ParImportDialog, par_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static ParImportKind
selected_kind (ParImportDialog *self)
{
  return adw_combo_row_get_selected (self->kind_row) == 1 ? PAR_IMPORT_SCORES : PAR_IMPORT_UNITS;
}

static void
set_busy (ParImportDialog *self,
          gboolean         busy,
          const char      *text)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), !busy);
  gtk_widget_set_sensitive (self->choose_button, !busy);
  gtk_widget_set_sensitive (self->import_button,
                            !busy && self->check != NULL &&
                            par_import_check_get_importable (self->check));
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static void
show_summary (ParImportDialog *self,
              const char      *text,
              gboolean         is_error)
{
  gtk_label_set_text (self->summary_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
}

static GtkWidget *
create_problem_row (gpointer item,
                    gpointer user_data)
{
  ParImportLine *line = item;
  const char *column = par_import_line_get_column (line);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  g_autofree char *title = NULL;

  if (column != NULL)
    title = g_strdup_printf (_("Line %u, column “%s”"), par_import_line_get_line (line), column);
  else
    title = g_strdup_printf (_("Line %u"), par_import_line_get_line (line));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (par_import_line_get_remedy (line) == PAR_IMPORT_REMEDY_ADD_UNIT)
    {
      /* The command line names its command; the window, what to do here. */
      g_autofree char *problem = NULL;

      /* TRANSLATORS: a bad row's problem, then what to do about it */
      problem = g_strdup_printf (_("%s; %s"), par_import_line_get_problem (line),
                                 _("import the units file first, or add the unit with "
                                   "“Add a Unit” (+) below the list of units"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), par_import_line_get_problem (line));
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

/* A row as the import will read it: its fields, and for a score entry
 * what its criterion's rule makes of the value. */
static GtkWidget *
create_preview_row (gpointer item,
                    gpointer user_data)
{
  ParImportLine *line = item;
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GString) fields = g_string_new (NULL);
  g_autofree char *subtitle = NULL;
  ParEntryState state;
  ParMilli points;

  for (guint i = 0; i < par_import_line_get_n_values (line); i++)
    {
      const char *value = par_import_line_get_value (line, i);

      if (value[0] == '\0')
        continue;
      if (fields->len > 0)
        g_string_append (fields, " · ");
      g_string_append (fields, value);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fields->str);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  if (par_import_line_get_entry (line, &state, &points))
    {
      g_autofree char *formatted = par_format_points (points);

      switch (state)
        {
        case PAR_ENTRY_VALUE:
          /* TRANSLATORS: a preview row of a scores file: its line, the points its value earns */
          subtitle = g_strdup_printf (_("Line %u: %s points"), par_import_line_get_line (line),
                                      formatted);
          break;
        case PAR_ENTRY_NA:
          subtitle = g_strdup_printf (_("Line %u: not applicable"), par_import_line_get_line (line));
          break;
        case PAR_ENTRY_NONE:
          subtitle = g_strdup_printf (_("Line %u: did not arise"), par_import_line_get_line (line));
          break;
        case PAR_ENTRY_EMPTY:
        default:
          subtitle = g_strdup_printf (_("Line %u: the entry is cleared"),
                                      par_import_line_get_line (line));
          break;
        }
    }
  else
    subtitle = g_strdup_printf (_("Line %u"), par_import_line_get_line (line));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
clear_check (ParImportDialog *self)
{
  g_clear_object (&self->check);
  gtk_list_box_bind_model (self->problems_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->preview_list, NULL, NULL, NULL, NULL);
  gtk_widget_set_visible (self->problems_group, FALSE);
  gtk_widget_set_visible (self->preview_group, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->reading_label), FALSE);
  g_clear_pointer (&self->error, g_free);
  show_summary (self, NULL, FALSE);
}

static char *
summary_text (ParImportCheck *check)
{
  guint n_rows = par_import_check_get_n_rows (check);
  guint n_problems = par_import_check_get_n_problems (check);
  guint n_added = par_import_check_get_n_added (check);
  guint n_changed = par_import_check_get_n_changed (check);
  g_autofree char *rows = g_strdup_printf (ngettext ("The file has %u row.", "The file has %u rows.",
                                                     n_rows), n_rows);
  g_autofree char *effect = NULL;

  if (n_rows == 0)
    return g_strdup (_("The file has no rows below its header: there is nothing to import."));
  if (n_problems > 0)
    {
      g_autofree char *bad = g_strdup_printf (ngettext ("%u row must be corrected before the "
                                                        "file can be imported; nothing has been "
                                                        "changed.",
                                                        "%u rows must be corrected before the "
                                                        "file can be imported; nothing has been "
                                                        "changed.", n_problems), n_problems);
      return g_strdup_printf ("%s %s", rows, bad);
    }
  if (par_import_check_get_kind (check) == PAR_IMPORT_UNITS)
    {
      g_autofree char *added = g_strdup_printf (ngettext ("%u unit will be added", "%u units will be added",
                                                          n_added), n_added);
      g_autofree char *changed = g_strdup_printf (ngettext ("%u unit already in the year will be updated",
                                                            "%u units already in the year will be updated",
                                                            n_changed), n_changed);
      /* TRANSLATORS: “5 units will be added, 2 units already in the year will be updated.” */
      effect = g_strdup_printf (_("%s, %s."), added, changed);
    }
  else
    {
      g_autofree char *added = g_strdup_printf (ngettext ("%u entry will be added",
                                                          "%u entries will be added", n_added),
                                                n_added);
      g_autofree char *changed = g_strdup_printf (ngettext ("%u entry will change",
                                                            "%u entries will change", n_changed),
                                                  n_changed);
      effect = g_strdup_printf (_("%s, %s."), added, changed);
    }
  return g_strdup_printf ("%s %s", rows, effect);
}

/* How the file is read: what separates its fields, its columns, those left
 * aside, and whether numbers may have a decimal comma. */
static char *
reading_text (ParImportCheck *check)
{
  const char * const *ignored = par_import_check_get_ignored_columns (check);
  g_autofree char *columns = g_strjoinv (", ", (char **) par_import_check_get_columns (check));
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, par_import_check_get_delimiter (check) == ';'
                                ? _("Fields separated by “;”. Columns read: %s.")
                                : _("Fields separated by “,”. Columns read: %s."), columns);
  if (par_import_check_get_decimal_comma (check))
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("Numbers may have a decimal comma (97,5)."));
    }
  if (ignored != NULL && ignored[0] != NULL)
    {
      g_autofree char *others = g_strjoinv (", ", (char **) ignored);

      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Columns left aside: %s."), others);
    }
  return g_string_free (text, FALSE);
}

static void
show_check (ParImportDialog *self)
{
  ParImportCheck *check = self->check;
  g_autofree char *summary = summary_text (check);
  g_autofree char *reading = reading_text (check);
  guint n_listed = g_list_model_get_n_items (par_import_check_get_problems (check));
  guint n_problems = par_import_check_get_n_problems (check);

  show_summary (self, summary, !par_import_check_get_importable (check));
  gtk_label_set_text (self->reading_label, reading);
  gtk_widget_set_visible (GTK_WIDGET (self->reading_label), TRUE);

  gtk_list_box_bind_model (self->problems_list, par_import_check_get_problems (check),
                           create_problem_row, self, NULL);
  gtk_widget_set_visible (self->problems_group, n_listed > 0);
  if (n_problems > n_listed)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("The first %u of %u rows to correct.",
                                                         "The first %u of %u rows to correct.",
                                                         n_listed), n_listed, n_problems);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->problems_group), more);
    }
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->problems_group), NULL);

  gtk_list_box_bind_model (self->preview_list, par_import_check_get_preview (check),
                           create_preview_row, self, NULL);
  gtk_widget_set_visible (self->preview_group,
                          g_list_model_get_n_items (par_import_check_get_preview (check)) > 0);
}

static void
progress_cb (double      fraction,
             const char *text,
             gpointer    user_data)
{
  ParImportDialog *self = user_data;

  if (self->busy)
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ParImportDialog) self = user_data;
  g_autoptr(ParImportCheck) check = NULL;
  g_autoptr(GError) error = NULL;

  check = par_workspace_check_import_finish (PAR_WORKSPACE (object), result, &error);
  if (self->workspace == NULL)
    return;   /* Closed meanwhile. */
  g_clear_object (&self->cancellable);
  clear_check (self);
  self->check = g_steal_pointer (&check);
  if (self->check != NULL)
    show_check (self);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_summary (self, _("The check was cancelled; nothing has been changed."), FALSE);
  else
    {
      self->error = g_strdup (error->message);
      show_summary (self, error->message, TRUE);
    }
  set_busy (self, FALSE, NULL);
}

/**
 * par_import_dialog_check_file:
 * @self: a #ParImportDialog
 * @kind: what @file holds
 * @file: a CSV file
 *
 * Checks @file on a worker, as its import would read it, and shows what
 * the check found. Nothing changes.
 */
void
par_import_dialog_check_file (ParImportDialog *self,
                              ParImportKind    kind,
                              GFile           *file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (PAR_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!self->busy);

  if (file != self->file)
    {
      g_set_object (&self->file, file);
      name = g_file_get_basename (file);
      adw_action_row_set_subtitle (self->file_row, name);
      adw_window_title_set_subtitle (self->window_title, name);
    }
  if (selected_kind (self) != kind)
    {
      /* Selecting the kind checks the file again: once is enough. */
      self->busy = TRUE;
      adw_combo_row_set_selected (self->kind_row, kind == PAR_IMPORT_SCORES ? 1 : 0);
      self->busy = FALSE;
    }

  clear_check (self);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE, _("Checking the file…"));
  par_workspace_check_import_async (self->workspace, kind, self->year, file, progress_cb,
                                    g_object_ref (self), g_object_unref, self->cancellable,
                                    checked_cb, g_object_ref (self));
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ParImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  guint count = 0;
  gboolean ok;

  ok = par_workspace_import_finish (PAR_WORKSPACE (object), result, &count, &error);
  self->importing = FALSE;
  if (self->workspace == NULL)
    return;
  g_clear_object (&self->cancellable);
  if (ok)
    {
      set_busy (self, FALSE, NULL);
      g_signal_emit (self, signals[IMPORTED], 0, count);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  /* Nothing was imported: the check is no longer to be trusted (the
   * workspace or the file changed since), so it is done again on demand. */
  g_clear_object (&self->check);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_summary (self, _("The import was cancelled; nothing has been changed."), FALSE);
  else
    {
      self->error = g_strdup (error->message);
      show_summary (self, error->message, TRUE);
    }
  set_busy (self, FALSE, NULL);
}

/**
 * par_import_dialog_import:
 * @self: a #ParImportDialog
 *
 * Imports the checked file on a worker, all or nothing, with progress.
 */
void
par_import_dialog_import (ParImportDialog *self)
{
  g_return_if_fail (PAR_IS_IMPORT_DIALOG (self));
  g_return_if_fail (!self->busy);
  g_return_if_fail (self->check != NULL && par_import_check_get_importable (self->check));

  self->importing = TRUE;
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE, _("Importing…"));
  par_workspace_import_async (self->workspace, par_import_check_get_kind (self->check),
                              self->year, self->file, progress_cb, g_object_ref (self),
                              g_object_unref, self->cancellable, imported_cb,
                              g_object_ref (self));
}

/**
 * par_import_dialog_cancel:
 *
 * Stops a check, or an import (rolled back) unless it has committed.
 */
void
par_import_dialog_cancel (ParImportDialog *self)
{
  g_return_if_fail (PAR_IS_IMPORT_DIALOG (self));

  if (!self->busy || self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
}

static void
kind_changed_cb (ParImportDialog *self)
{
  if (!self->busy && self->file != NULL)
    par_import_dialog_check_file (self, selected_kind (self), self->file);
}

static void
chosen_cb (GtkNativeDialog *native,
           int              response,
           gpointer         user_data)
{
  ParImportDialog *self = user_data;
  g_autoptr(GFile) file = par_file_chooser_take_file (native, response);

  if (file != NULL && !self->busy)
    par_import_dialog_check_file (self, selected_kind (self), file);
}

static void
choose_clicked_cb (ParImportDialog *self)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  native = par_file_chooser_new (GTK_WINDOW (self), _("Choose a CSV File"),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect_object (native, "response", G_CALLBACK (chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
import_clicked_cb (ParImportDialog *self)
{
  par_import_dialog_import (self);
}

static void
cancel_clicked_cb (ParImportDialog *self)
{
  if (self->busy)
    par_import_dialog_cancel (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Escape or closing while a check or an import runs cancels it; the
 * dialog stays until it has stopped, to say what happened. */
static gboolean
par_import_dialog_close_request (GtkWindow *window)
{
  ParImportDialog *self = (ParImportDialog *)window;

  if (self->busy)
    {
      par_import_dialog_cancel (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (par_import_dialog_parent_class)->close_request (window);
}

static void
par_import_dialog_dispose (GObject *object)
{
  ParImportDialog *self = (ParImportDialog *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->workspace);
  g_clear_object (&self->check);
  g_clear_object (&self->file);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (par_import_dialog_parent_class)->dispose (object);
}

static void
par_import_dialog_finalize (GObject *object)
{
  ParImportDialog *self = (ParImportDialog *)object;

  g_free (self->error);

  G_OBJECT_CLASS (par_import_dialog_parent_class)->finalize (object);
}

static void
par_import_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ParImportDialog *self = PAR_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_import_dialog_class_init (ParImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = par_import_dialog_dispose;
  object_class->finalize = par_import_dialog_finalize;
  object_class->get_property = par_import_dialog_get_property;
  window_class->close_request = par_import_dialog_close_request;

  /**
   * ParImportDialog:busy:
   *
   * Whether a file is being checked or imported.
   */
  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ParImportDialog::imported:
   * @self: the dialog
   * @count: the rows imported
   *
   * The file's rows are in the workspace.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/"
                                               "par-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ParImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ParImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ParImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, ParImportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ParImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, ParImportDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, ParImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ParImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ParImportDialog, reading_label);
  gtk_widget_class_bind_template_child (widget_class, ParImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, ParImportDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, ParImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, ParImportDialog, preview_list);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
par_import_dialog_init (ParImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * par_import_dialog_new:
 * @parent: the window
 * @workspace: the workspace imported into
 * @year: the year
 *
 * Returns: (transfer none): the dialog, shown; destroyed with @parent or
 *   when closed
 */
ParImportDialog *
par_import_dialog_new (GtkWindow    *parent,
                       ParWorkspace *workspace,
                       int           year)
{
  ParImportDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (PAR_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (PAR_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);
  self->year = year;
  title = g_strdup_printf (_("Import into %d"), year);
  adw_window_title_set_title (self->window_title, title);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

gboolean
par_import_dialog_get_busy (ParImportDialog *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_DIALOG (self), FALSE);
  return self->busy;
}

/**
 * par_import_dialog_get_check:
 *
 * Returns: (transfer none) (nullable): what the last check found
 */
ParImportCheck *
par_import_dialog_get_check (ParImportDialog *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_DIALOG (self), NULL);
  return self->check;
}

/**
 * par_import_dialog_get_error:
 *
 * Returns: (nullable): why the last check or import failed
 */
const char *
par_import_dialog_get_error (ParImportDialog *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_DIALOG (self), NULL);
  return self->error;
}
