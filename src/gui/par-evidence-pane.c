/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-evidence-pane"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "par-decision.h"
#include "par-document-probe.h"
#include "par-document-review-button.h"
#include "par-dossier.h"
#include "par-error.h"
#include "par-evidence-object.h"
#include "par-evidence-pane.h"
#include "par-evidence.h"
#include "par-pdf-view.h"

/**
 * ParEvidencePane:
 *
 * The evidence of one criterion of a unit in a year: the list of linked
 * documents (title, number, date, pages), attach by button or by dropping
 * files, link a document already in the workspace, edit, remove, and a
 * preview of the selected document. Attaching runs on a worker with its
 * own connection and shows its progress; the preview works on a copy of
 * the document in the user's cache folder (also what "Open with the
 * system viewer" opens).
 */
struct _ParEvidencePane
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkMenuButton  *link_button;
  GtkPopover     *link_popover;
  GtkListBox     *documents_list;
  GtkButton      *add_button;
  GtkProgressBar *progress_bar;
  GtkListBox     *evidence_list;
  GtkLabel       *placeholder_label;
  ParPdfView     *preview;

  /* owned */
  ParWorkspace   *workspace;
  char           *unit_code;
  char           *criterion_code;
  int             year;
  GListStore     *store;
  GPtrArray      *documents;        /* ParDocument, for the link popover */
  GQueue          pending;          /* GFile to attach */
  GCancellable   *attach_cancellable;
  GCancellable   *extract_cancellable;
  gint64          select_link;      /* select this link after a reload */
  gboolean        editable;

  /* The office's verdicts on the documents (the cycle between desks). */
  GHashTable     *reviews;          /* sha256 → DocumentVerdict */
  gboolean        show_reviews;
  gboolean        can_review;
};

typedef struct
{
  ParVerdict  verdict;
  char       *comment;
} DocumentVerdict;

static void
document_verdict_free (gpointer data)
{
  DocumentVerdict *verdict = data;

  g_free (verdict->comment);
  g_free (verdict);
}

G_DEFINE_FINAL_TYPE (ParEvidencePane, par_evidence_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITABLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  REVIEWS_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void attach_next (ParEvidencePane *self);

static void
show_error (ParEvidencePane *self,
            const char      *heading,
            const GError    *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_warning ("%s: %s", heading, error->message);
  if (!GTK_IS_WINDOW (root))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_buttons (ParEvidencePane *self)
{
  gboolean can_attach = self->editable && self->workspace != NULL && self->criterion_code != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), can_attach);
  gtk_widget_set_sensitive (GTK_WIDGET (self->link_button), can_attach);
  gtk_label_set_label (self->placeholder_label,
                       self->editable
                       ? _("No evidence yet: attach a PDF or an image, or drop files here")
                       : _("No evidence was attached"));
}

static void
reload (ParEvidencePane *self)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 select = self->select_link;
  guint select_position = G_MAXUINT;

  self->select_link = 0;
  if (self->workspace != NULL && self->unit_code != NULL && self->criterion_code != NULL)
    {
      list = par_workspace_list_evidence (self->workspace, self->year, self->unit_code,
                                          self->criterion_code, &error);
      if (list == NULL)
        g_warning ("Cannot list the evidence: %s", error->message);
    }

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      ParEvidence *evidence = g_ptr_array_index (list, i);

      if (evidence->link_id == select)
        select_position = i;
      g_ptr_array_add (objects, par_evidence_object_new (evidence));
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       objects->pdata, objects->len);

  update_buttons (self);

  if (select_position != G_MAXUINT)
    par_evidence_pane_select (self, select_position);
  else if (objects->len > 0)
    par_evidence_pane_select (self, 0);
  else
    par_pdf_view_load (self->preview, NULL, NULL);
}

static void
evidence_changed_cb (ParEvidencePane *self,
                     int              year,
                     const char      *unit_code,
                     const char      *criterion_code,
                     ParWorkspace    *workspace)
{
  if (year == self->year && (unit_code == NULL || g_strcmp0 (unit_code, self->unit_code) == 0))
    reload (self);
}

/**
 * par_evidence_pane_set_context:
 * @self: a #ParEvidencePane
 * @workspace: (nullable): the workspace
 * @year: the year
 * @unit_code: (nullable): the unit's code
 * @criterion_code: (nullable): a leaf's code
 *
 * Shows the evidence of one leaf of a unit.
 */
void
par_evidence_pane_set_context (ParEvidencePane *self,
                               ParWorkspace    *workspace,
                               int              year,
                               const char      *unit_code,
                               const char      *criterion_code)
{
  g_return_if_fail (PAR_IS_EVIDENCE_PANE (self));
  g_return_if_fail (workspace == NULL || PAR_IS_WORKSPACE (workspace));

  if (self->workspace != workspace)
    {
      if (self->workspace != NULL)
        g_signal_handlers_disconnect_by_func (self->workspace, evidence_changed_cb, self);
      g_set_object (&self->workspace, workspace);
      if (workspace != NULL)
        g_signal_connect_object (workspace, "evidence-changed",
                                 G_CALLBACK (evidence_changed_cb), self, G_CONNECT_SWAPPED);
    }
  self->year = year;
  g_free (self->unit_code);
  self->unit_code = g_strdup (unit_code);
  g_free (self->criterion_code);
  self->criterion_code = g_strdup (criterion_code);

  /* Files queued for another criterion are not attached to this one. */
  g_queue_clear_full (&self->pending, g_object_unref);
  reload (self);
}

GListModel *
par_evidence_pane_get_model (ParEvidencePane *self)
{
  g_return_val_if_fail (PAR_IS_EVIDENCE_PANE (self), NULL);

  return G_LIST_MODEL (self->store);
}

/**
 * par_evidence_pane_get_preview:
 * @self: a #ParEvidencePane
 *
 * Returns: (transfer none): the #ParPdfView showing the selected document
 */
GtkWidget *
par_evidence_pane_get_preview (ParEvidencePane *self)
{
  g_return_val_if_fail (PAR_IS_EVIDENCE_PANE (self), NULL);

  return GTK_WIDGET (self->preview);
}

/**
 * par_evidence_pane_set_editable:
 * @self: a #ParEvidencePane
 * @editable: whether evidence may be attached, linked, edited and removed
 *
 * A published year's evidence is only shown: its documents are previewed,
 * but nothing is attached, changed or removed.
 */
void
par_evidence_pane_set_editable (ParEvidencePane *self,
                                gboolean         editable)
{
  g_return_if_fail (PAR_IS_EVIDENCE_PANE (self));

  editable = !!editable;
  if (self->editable == editable)
    return;
  self->editable = editable;
  if (!editable)
    g_queue_clear_full (&self->pending, g_object_unref);
  update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EDITABLE]);
}

gboolean
par_evidence_pane_get_editable (ParEvidencePane *self)
{
  g_return_val_if_fail (PAR_IS_EVIDENCE_PANE (self), FALSE);
  return self->editable;
}

void
par_evidence_pane_select (ParEvidencePane *self,
                          guint            position)
{
  GtkListBoxRow *row;

  g_return_if_fail (PAR_IS_EVIDENCE_PANE (self));

  row = gtk_list_box_get_row_at_index (self->evidence_list, position);
  if (row != NULL)
    gtk_list_box_select_row (self->evidence_list, row);
}

/* The preview reads a copy in the cache folder, named by content hash, so
 * a document is copied out once. */
typedef struct
{
  char   *workspace_path;
  gint64  document_id;
  GFile  *destination;
  gint64  size;
  char   *media_type;
  gboolean launch;    /* open it with the system's application once out */
} Extract;

static void
extract_free (gpointer data)
{
  Extract *extract = data;

  g_free (extract->workspace_path);
  g_clear_object (&extract->destination);
  g_free (extract->media_type);
  g_free (extract);
}

static void
extract_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Extract *extract = task_data;
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFile) parent = g_file_get_parent (extract->destination);
  g_autoptr(GError) error = NULL;

  info = g_file_query_info (extract->destination, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, cancellable,
                            NULL);
  if (info != NULL && g_file_info_get_size (info) == extract->size)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_file_make_directory_with_parents (parent, cancellable, NULL);
  if (!(workspace = par_workspace_open (extract->workspace_path, PAR_WORKSPACE_OPEN_EXISTING,
                                        &error)) ||
      !par_workspace_save_document (workspace, extract->document_id, extract->destination,
                                    cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
extract_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ParEvidencePane *self = PAR_EVIDENCE_PANE (object);
  Extract *extract = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, extract->launch ? _("Cannot Open the Document")
                                          : _("Cannot Preview the Document"), error);
      return;
    }
  if (extract->launch)
    {
      g_autofree char *uri = g_file_get_uri (extract->destination);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
      return;
    }
  if (par_media_type_is_office (extract->media_type))
    par_pdf_view_show_message (self->preview, _("No Preview of Office Documents"),
                               _("Open it in its own application with the button in the list. "
                                 "The PDF dossier includes it when LibreOffice is installed."));
  else
    par_pdf_view_load (self->preview, extract->destination, extract->media_type);
}

/* Takes a stored document out to the cache folder (once: the file is
 * named by its content), then previews or opens it. */
static void
extract_document (ParEvidencePane   *self,
                  const ParEvidence *evidence,
                  gboolean           launch)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  GCancellable *cancellable = g_cancellable_new ();
  Extract *extract;

  name = g_strdup_printf ("%s.%s", evidence->document->sha256,
                          par_document_get_extension (evidence->document));
  path = g_build_filename (g_get_user_cache_dir (), "parindex", "evidence", name, NULL);

  extract = g_new0 (Extract, 1);
  extract->workspace_path = g_strdup (par_workspace_get_path (self->workspace));
  extract->document_id = evidence->document->id;
  extract->destination = g_file_new_for_path (path);
  extract->size = evidence->document->size;
  extract->media_type = g_strdup (evidence->document->media_type);
  extract->launch = launch;

  /* Only the preview's extraction is cancelled by the next selection. */
  if (!launch)
    self->extract_cancellable = g_object_ref (cancellable);
  task = g_task_new (self, cancellable, extract_done_cb, NULL);
  g_object_unref (cancellable);
  g_task_set_source_tag (task, extract_document);
  g_task_set_task_data (task, extract, extract_free);
  g_task_run_in_thread (task, extract_thread);
}

static void
open_clicked_cb (GtkButton       *button,
                 ParEvidencePane *self)
{
  ParEvidenceObject *object = g_object_get_data (G_OBJECT (button), "evidence");

  if (self->workspace != NULL)
    extract_document (self, par_evidence_object_get_evidence (object), TRUE);
}

static void
row_selected_cb (ParEvidencePane *self,
                 GtkListBoxRow   *row)
{
  g_autoptr(ParEvidenceObject) object = NULL;

  if (self->extract_cancellable != NULL)
    g_cancellable_cancel (self->extract_cancellable);
  g_clear_object (&self->extract_cancellable);

  if (row == NULL || self->workspace == NULL)
    return;
  object = g_list_model_get_item (G_LIST_MODEL (self->store), gtk_list_box_row_get_index (row));
  if (object == NULL)
    return;
  extract_document (self, par_evidence_object_get_evidence (object), FALSE);
}

static void
attach_progress_cb (double      fraction,
                    const char *text,
                    gpointer    user_data)
{
  ParEvidencePane *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  if (text != NULL)
    gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
attach_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ParEvidencePane) self = user_data;
  g_autoptr(ParEvidence) evidence = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->attach_cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);

  evidence = par_workspace_attach_evidence_finish (PAR_WORKSPACE (object), result, &error);
  if (evidence == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Cannot Attach the Document"), error);
    }
  else
    {
      self->select_link = evidence->link_id;
      /* The workspace's evidence-changed reloads; this pane may not be
       * listening to the same criterion any more. */
      if (g_strcmp0 (evidence->criterion_code, self->criterion_code) == 0)
        reload (self);
    }
  attach_next (self);
}

static void
attach_next (ParEvidencePane *self)
{
  g_autoptr(GFile) file = NULL;

  if (self->attach_cancellable != NULL || self->workspace == NULL ||
      self->criterion_code == NULL || !self->editable)
    return;
  if (!(file = g_queue_pop_head (&self->pending)))
    return;

  self->attach_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Checking the document"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  par_workspace_attach_evidence_async (self->workspace, self->year, self->unit_code,
                                       self->criterion_code, file, NULL, NULL,
                                       attach_progress_cb, g_object_ref (self), g_object_unref,
                                       self->attach_cancellable, attach_done_cb,
                                       g_object_ref (self));
}

/**
 * par_evidence_pane_attach_file:
 * @self: a #ParEvidencePane
 * @file: a PDF, PNG, JPEG or office document (.docx, .xlsx, .odt, .ods)
 *
 * Attaches @file to the pane's criterion on a worker, after any file
 * already being attached.
 */
void
par_evidence_pane_attach_file (ParEvidencePane *self,
                               GFile           *file)
{
  g_return_if_fail (PAR_IS_EVIDENCE_PANE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_queue_push_tail (&self->pending, g_object_ref (file));
  attach_next (self);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  ParEvidencePane *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          par_evidence_pane_attach_file (self, file);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
add_clicked_cb (ParEvidencePane *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  static const char *suffixes[] = { "pdf", "png", "jpg", "jpeg", "docx", "xlsx", "odt", "ods" };

  chooser = gtk_file_chooser_native_new (_("Attach Evidence"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents, images and office documents"));
  gtk_file_filter_add_mime_type (filter, PAR_MEDIA_TYPE_PDF);
  gtk_file_filter_add_mime_type (filter, PAR_MEDIA_TYPE_PNG);
  gtk_file_filter_add_mime_type (filter, PAR_MEDIA_TYPE_JPEG);
  gtk_file_filter_add_mime_type (filter, PAR_MEDIA_TYPE_DOCX);
  gtk_file_filter_add_mime_type (filter, PAR_MEDIA_TYPE_XLSX);
  gtk_file_filter_add_mime_type (filter, PAR_MEDIA_TYPE_ODT);
  gtk_file_filter_add_mime_type (filter, PAR_MEDIA_TYPE_ODS);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
drop_cb (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         ParEvidencePane *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->criterion_code == NULL ||
      !self->editable)
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    par_evidence_pane_attach_file (self, l->data);
  return files != NULL;
}

static void
link_popover_show_cb (ParEvidencePane *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->documents_list))) != NULL)
    gtk_list_box_remove (self->documents_list, child);
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  if (self->workspace == NULL)
    return;

  self->documents = par_workspace_list_documents (self->workspace, &error);
  for (guint i = 0; self->documents != NULL && i < self->documents->len; i++)
    {
      ParDocument *document = g_ptr_array_index (self->documents, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = g_strdup_printf ("%s%s%s", document->number != NULL
                                                   ? document->number : "",
                                                   document->number != NULL ? " · " : "",
                                                   document->file_name != NULL
                                                   ? document->file_name : "");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), document->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->documents_list, row);
    }
}

static void
document_activated_cb (ParEvidencePane *self,
                       GtkListBoxRow   *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEvidence) evidence = NULL;
  ParDocument *document;
  int index = gtk_list_box_row_get_index (row);

  gtk_popover_popdown (self->link_popover);
  if (self->documents == NULL || index < 0 || (guint) index >= self->documents->len)
    return;
  document = g_ptr_array_index (self->documents, index);
  evidence = par_workspace_link_evidence (self->workspace, self->year, self->unit_code,
                                          self->criterion_code, document->id, NULL, &error);
  if (evidence == NULL)
    show_error (self, _("Cannot Link the Document"), error);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ParEvidencePane  *self)
{
  g_autoptr(GError) error = NULL;
  ParEvidenceObject *object = g_object_get_data (G_OBJECT (dialog), "evidence");

  if (g_strcmp0 (response, "remove") != 0 || self->workspace == NULL)
    return;
  if (!par_workspace_unlink_evidence (self->workspace,
                                      par_evidence_object_get_evidence (object)->link_id, &error))
    show_error (self, _("Cannot Remove the Evidence"), error);
}

/* Unlinking may delete the document with its last link: ask first. */
static void
remove_clicked_cb (GtkButton       *button,
                   ParEvidencePane *self)
{
  ParEvidenceObject *object = g_object_get_data (G_OBJECT (button), "evidence");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Remove the Evidence?"), NULL);
  /* Translators: the first %s is a document's title, the second a criterion's code ("1.1") */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” will no longer be evidence for criterion %s. A document "
                                    "that no other criterion uses is deleted from the workspace."),
                                  par_evidence_object_get_title (object),
                                  par_evidence_object_get_evidence (object)->criterion_code);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "evidence", g_object_ref (object), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  ParEvidencePane *pane;
  gint64           document_id;
  gint64           link_id;
  GtkEditable     *title;
  GtkEditable     *number;
  GtkEditable     *date;
  GtkEditable     *issuer;
  GtkEditable     *pages;
  GtkLabel        *error;
} EditDialog;

enum { EDIT_TITLE, EDIT_NUMBER, EDIT_DATE, EDIT_ISSUER, EDIT_PAGES, N_EDIT_FIELDS };

static void present_edit_dialog (ParEvidencePane *self,
                                 gint64           document_id,
                                 gint64           link_id,
                                 const char      *values[N_EDIT_FIELDS]);

/* The date is checked as it is typed, in the form the list shows dates
 * (15/01/2025) or as 2025-01-15: Save waits for a date it can store. */
static void
edit_changed_cb (AdwMessageDialog *dialog,
                 GtkEditable      *unused)
{
  EditDialog *edit = g_object_get_data (G_OBJECT (dialog), "edit");
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  gboolean valid = par_date_parse_user (gtk_editable_get_text (edit->date), &iso, &error);

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (edit->date), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (edit->date), "error");
  gtk_label_set_label (edit->error, valid ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (edit->error), !valid);
  adw_message_dialog_set_response_enabled (dialog, "save", valid);
}

static void
edit_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  EditDialog       *edit)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;

  if (g_strcmp0 (response, "save") == 0)
    {
      ParDocumentInfo info = {
        gtk_editable_get_text (edit->title), gtk_editable_get_text (edit->number),
        NULL, gtk_editable_get_text (edit->issuer),
      };

      if (!par_date_parse_user (gtk_editable_get_text (edit->date), &iso, &error) ||
          !(info.date = iso, par_workspace_update_document (edit->pane->workspace,
                                                            edit->document_id, &info, &error)) ||
          !par_workspace_set_evidence_pages (edit->pane->workspace, edit->link_id,
                                             gtk_editable_get_text (edit->pages), &error))
        {
          /* Refused: the details come back as typed, to be corrected. */
          const char *values[N_EDIT_FIELDS] = {
            gtk_editable_get_text (edit->title), gtk_editable_get_text (edit->number),
            gtk_editable_get_text (edit->date), gtk_editable_get_text (edit->issuer),
            gtk_editable_get_text (edit->pages),
          };

          show_error (edit->pane, _("Cannot Save the Document’s Details"), error);
          present_edit_dialog (edit->pane, edit->document_id, edit->link_id, values);
        }
    }
}

static void
edit_dialog_free (gpointer data)
{
  EditDialog *edit = data;

  g_object_unref (edit->pane);
  g_free (edit);
}

static GtkEditable *
add_entry (GtkGrid    *grid,
           int         row,
           const char *label,
           const char *text,
           const char *placeholder)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_grid_attach (grid, title, 0, row, 1, 1);
  gtk_grid_attach (grid, entry, 1, row, 1, 1);
  return GTK_EDITABLE (entry);
}

static void
present_edit_dialog (ParEvidencePane *self,
                     gint64           document_id,
                     gint64           link_id,
                     const char      *values[N_EDIT_FIELDS])
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  EditDialog *edit = g_new0 (EditDialog, 1);
  GtkWidget *dialog;
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *error = gtk_label_new (NULL);

  edit->pane = g_object_ref (self);
  edit->document_id = document_id;
  edit->link_id = link_id;
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  edit->title = add_entry (GTK_GRID (grid), 0, _("_Title"), values[EDIT_TITLE], NULL);
  edit->number = add_entry (GTK_GRID (grid), 1, _("_Number/symbol"), values[EDIT_NUMBER],
                            "15/KH-UBND");
  edit->date = add_entry (GTK_GRID (grid), 2, _("_Date"), values[EDIT_DATE], "15/01/2025");
  edit->issuer = add_entry (GTK_GRID (grid), 3, _("_Issuer"), values[EDIT_ISSUER], NULL);
  edit->pages = add_entry (GTK_GRID (grid), 4, _("_Pages"), values[EDIT_PAGES],
                           _("e.g. pages 2–3"));
  edit->error = GTK_LABEL (error);
  gtk_label_set_wrap (edit->error, TRUE);
  gtk_label_set_max_width_chars (edit->error, 30);
  gtk_label_set_xalign (edit->error, 0);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);
  gtk_grid_attach (GTK_GRID (grid), error, 1, 5, 1, 1);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Document Details"), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_object_set_data_full (G_OBJECT (dialog), "edit", edit, edit_dialog_free);
  g_signal_connect_object (edit->date, "changed", G_CALLBACK (edit_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect (dialog, "response", G_CALLBACK (edit_response_cb), edit);
  edit_changed_cb (ADW_MESSAGE_DIALOG (dialog), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_clicked_cb (GtkButton       *button,
                 ParEvidencePane *self)
{
  ParEvidenceObject *object = g_object_get_data (G_OBJECT (button), "evidence");
  const ParEvidence *evidence = par_evidence_object_get_evidence (object);
  g_autofree char *date = par_date_format_short (evidence->document->date);
  const char *values[N_EDIT_FIELDS] = {
    evidence->document->title, evidence->document->number, date, evidence->document->issuer,
    evidence->pages,
  };

  present_edit_dialog (self, evidence->document->id, evidence->link_id, values);
}

static void
update_review_button (ParDocumentReviewButton *button,
                      ParEvidencePane         *self)
{
  DocumentVerdict *verdict = g_hash_table_lookup (self->reviews,
                                                  par_document_review_button_get_sha256 (button));

  par_document_review_button_set_review (button,
                                         verdict != NULL ? verdict->verdict : PAR_VERDICT_NONE,
                                         verdict != NULL ? verdict->comment : NULL,
                                         self->can_review && self->editable);
}

/**
 * par_evidence_pane_set_reviews:
 * @self: a #ParEvidencePane
 * @documents: (nullable) (element-type ParDocumentReview): the office's
 *   verdicts on the leaf's documents
 * @show: whether the documents' rows show them (once a unit is in the
 *   cycle between desks)
 * @can_review: whether the office gives them here
 *
 * The verdicts on the documents, in their rows.
 */
void
par_evidence_pane_set_reviews (ParEvidencePane *self,
                               GPtrArray       *documents,
                               gboolean         show,
                               gboolean         can_review)
{
  gboolean rebuild;

  g_return_if_fail (PAR_IS_EVIDENCE_PANE (self));

  g_hash_table_remove_all (self->reviews);
  for (guint i = 0; documents != NULL && i < documents->len; i++)
    {
      const ParDocumentReview *review = g_ptr_array_index (documents, i);
      DocumentVerdict *verdict = g_new0 (DocumentVerdict, 1);

      verdict->verdict = review->verdict;
      verdict->comment = g_strdup (review->comment);
      g_hash_table_insert (self->reviews, g_strdup (review->sha256), verdict);
    }
  rebuild = show != self->show_reviews;
  self->show_reviews = show;
  self->can_review = can_review;
  if (rebuild)
    reload (self);
  else
    g_signal_emit (self, signals [REVIEWS_CHANGED], 0);
}

/**
 * par_evidence_pane_lookup_review_button:
 *
 * Returns: (transfer none) (nullable): the verdict button in the row of the
 *   document @sha256
 */
GtkWidget *
par_evidence_pane_lookup_review_button (ParEvidencePane *self,
                                        const char      *sha256)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (PAR_IS_EVIDENCE_PANE (self), NULL);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->evidence_list, i)) != NULL; i++)
    {
      GtkWidget *button = g_object_get_data (G_OBJECT (row), "review-button");

      if (button != NULL &&
          g_strcmp0 (par_document_review_button_get_sha256 (PAR_DOCUMENT_REVIEW_BUTTON (button)),
                     sha256) == 0)
        return button;
    }
  return NULL;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  ParEvidencePane *self = user_data;
  ParEvidenceObject *object = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *subtitle = par_evidence_object_dup_subtitle (object);
  const char *media_type;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), par_evidence_object_get_title (object));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* One line each, so that the list's height does not depend on its width
   * (the pane is narrow); the tooltip has it all. */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  gtk_widget_set_tooltip_text (row, par_evidence_object_get_title (object));
  media_type = par_evidence_object_get_evidence (object)->document->media_type;
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (
                               g_str_equal (media_type, PAR_MEDIA_TYPE_XLSX) ||
                               g_str_equal (media_type, PAR_MEDIA_TYPE_ODS)
                               ? "x-office-spreadsheet-symbolic"
                               : g_str_has_prefix (media_type, "image/")
                               ? "image-x-generic-symbolic" : "x-office-document-symbolic"));
  /* Office documents open in their own application. */
  if (par_media_type_is_office (media_type))
    {
      GtkWidget *open = gtk_button_new_from_icon_name ("document-open-symbolic");

      gtk_widget_set_tooltip_text (open, _("Open with the system’s application"));
      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (open, "flat");
      g_object_set_data_full (G_OBJECT (open), "evidence", g_object_ref (object), g_object_unref);
      g_signal_connect (open, "clicked", G_CALLBACK (open_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
    }

  gtk_widget_set_tooltip_text (edit, _("Edit the document’s details"));
  gtk_widget_set_tooltip_text (remove, _("Remove this evidence from the criterion"));
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *button = i == 0 ? edit : remove;

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      g_object_bind_property (self, "editable", button, "sensitive", G_BINDING_SYNC_CREATE);
      g_object_set_data_full (G_OBJECT (button), "evidence", g_object_ref (object), g_object_unref);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  g_signal_connect (edit, "clicked", G_CALLBACK (edit_clicked_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  if (self->show_reviews)
    {
      const ParEvidence *evidence = par_evidence_object_get_evidence (object);
      GtkWidget *button = par_document_review_button_new (self->workspace, self->year,
                                                          self->unit_code, self->criterion_code,
                                                          evidence->document->sha256);

      update_review_button (PAR_DOCUMENT_REVIEW_BUTTON (button), self);
      g_signal_connect_object (self, "reviews-changed", G_CALLBACK (update_review_button), button,
                               G_CONNECT_SWAPPED);
      g_object_set_data (G_OBJECT (row), "review-button", button);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
par_evidence_pane_dispose (GObject *object)
{
  ParEvidencePane *self = (ParEvidencePane *)object;
  GtkWidget *child;

  if (self->attach_cancellable != NULL)
    g_cancellable_cancel (self->attach_cancellable);
  if (self->extract_cancellable != NULL)
    g_cancellable_cancel (self->extract_cancellable);
  g_clear_object (&self->attach_cancellable);
  g_clear_object (&self->extract_cancellable);
  g_queue_clear_full (&self->pending, g_object_unref);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_func (self->workspace, evidence_changed_cb, self);
  g_clear_object (&self->workspace);
  g_clear_object (&self->store);
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->reviews, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_EVIDENCE_PANE);
  /* The template's top box is not a bound child: unparent it here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (par_evidence_pane_parent_class)->dispose (object);
}

static void
par_evidence_pane_finalize (GObject *object)
{
  ParEvidencePane *self = (ParEvidencePane *)object;

  g_free (self->unit_code);
  g_free (self->criterion_code);

  G_OBJECT_CLASS (par_evidence_pane_parent_class)->finalize (object);
}

static void
par_evidence_pane_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ParEvidencePane *self = PAR_EVIDENCE_PANE (object);

  switch (prop_id)
    {
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_evidence_pane_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ParEvidencePane *self = PAR_EVIDENCE_PANE (object);

  switch (prop_id)
    {
    case PROP_EDITABLE:
      par_evidence_pane_set_editable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_evidence_pane_class_init (ParEvidencePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_evidence_pane_dispose;
  object_class->finalize = par_evidence_pane_finalize;
  object_class->get_property = par_evidence_pane_get_property;
  object_class->set_property = par_evidence_pane_set_property;

  /**
   * ParEvidencePane:editable: (getter get_editable) (setter set_editable)
   *
   * Whether evidence may be attached, linked, edited and removed: not in a
   * published year.
   */
  properties [PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ParEvidencePane::reviews-changed:
   *
   * The office's verdicts on the documents changed.
   */
  signals [REVIEWS_CHANGED] =
    g_signal_new ("reviews-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/par-evidence-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, ParEvidencePane, link_button);
  gtk_widget_class_bind_template_child (widget_class, ParEvidencePane, link_popover);
  gtk_widget_class_bind_template_child (widget_class, ParEvidencePane, documents_list);
  gtk_widget_class_bind_template_child (widget_class, ParEvidencePane, add_button);
  gtk_widget_class_bind_template_child (widget_class, ParEvidencePane, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ParEvidencePane, evidence_list);
  gtk_widget_class_bind_template_child (widget_class, ParEvidencePane, placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, ParEvidencePane, preview);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, link_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, document_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "parevidencepane");

  g_type_ensure (PAR_TYPE_PDF_VIEW);
}

static void
par_evidence_pane_init (ParEvidencePane *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->editable = TRUE;
  self->store = g_list_store_new (PAR_TYPE_EVIDENCE_OBJECT);
  self->reviews = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, document_verdict_free);
  g_queue_init (&self->pending);
  gtk_list_box_bind_model (self->evidence_list, G_LIST_MODEL (self->store), create_row, self, NULL);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  reload (self);
}

GtkWidget *
par_evidence_pane_new (void)
{
  return g_object_new (PAR_TYPE_EVIDENCE_PANE, NULL);
}

/* The dossier: a save dialog, then the work on a worker with its progress
 * in a message dialog that can cancel it. */
typedef struct
{
  AdwMessageDialog *dialog;
  GtkProgressBar   *progress;
  GCancellable     *cancellable;
  ParWorkspace     *workspace;
  GFile            *file;
  int               year;
  char             *unit_code;
  gboolean          done;
  gboolean          closed;
} Dossier;

static void
dossier_free (Dossier *dossier)
{
  g_clear_object (&dossier->cancellable);
  g_clear_object (&dossier->workspace);
  g_clear_object (&dossier->file);
  g_free (dossier->unit_code);
  g_free (dossier);
}

static void
dossier_progress_cb (double      fraction,
                     const char *text,
                     gpointer    user_data)
{
  Dossier *dossier = user_data;

  gtk_progress_bar_set_fraction (dossier->progress, fraction);
  if (text != NULL)
    gtk_progress_bar_set_text (dossier->progress, text);
}

static void
dossier_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Dossier *dossier = user_data;
  g_autoptr(GError) error = NULL;

  dossier->done = TRUE;
  if (dossier->closed)
    {
      par_workspace_write_dossier_finish (PAR_WORKSPACE (object), result, NULL);
      dossier_free (dossier);
      return;
    }
  if (par_workspace_write_dossier_finish (PAR_WORKSPACE (object), result, &error))
    {
      g_autofree char *name = g_file_get_basename (dossier->file);

      adw_message_dialog_set_heading (dossier->dialog, _("Dossier Written"));
      adw_message_dialog_format_body (dossier->dialog, _("The evidence dossier was saved as %s."),
                                      name);
      adw_message_dialog_set_response_enabled (dossier->dialog, "open", TRUE);
      /* Done, the body says so: the bar and its last step ("Writing the
       * dossier") go. */
      gtk_widget_set_visible (GTK_WIDGET (dossier->progress), FALSE);
    }
  else
    {
      adw_message_dialog_set_heading (dossier->dialog, _("Cannot Write the Dossier"));
      adw_message_dialog_set_body (dossier->dialog, error->message);
      gtk_widget_set_visible (GTK_WIDGET (dossier->progress), FALSE);
    }
  adw_message_dialog_set_response_label (dossier->dialog, "cancel", _("_Close"));
}

static void
dossier_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Dossier          *dossier)
{
  if (g_strcmp0 (response, "open") == 0)
    {
      g_autofree char *uri = g_file_get_uri (dossier->file);
      g_app_info_launch_default_for_uri (uri, NULL, NULL);
    }
  if (!dossier->done)
    {
      /* The worker still holds the data: free them when it is done. */
      dossier->closed = TRUE;
      g_cancellable_cancel (dossier->cancellable);
      return;
    }
  dossier_free (dossier);
}

static void
dossier_start (Dossier   *dossier,
               GtkWindow *parent)
{
  ParDossierFormat format = PAR_DOSSIER_FORMAT_PDF;
  g_autofree char *name = g_file_get_basename (dossier->file);
  GtkWidget *progress = gtk_progress_bar_new ();

  par_dossier_format_for_path (name, &format);
  dossier->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Writing the Dossier"),
                                                                NULL));
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (progress), TRUE);
  dossier->progress = GTK_PROGRESS_BAR (progress);
  adw_message_dialog_set_extra_child (dossier->dialog, progress);
  adw_message_dialog_add_responses (dossier->dialog, "cancel", _("_Cancel"), "open", _("_Open"),
                                    NULL);
  adw_message_dialog_set_response_enabled (dossier->dialog, "open", FALSE);
  g_signal_connect (dossier->dialog, "response", G_CALLBACK (dossier_response_cb), dossier);
  gtk_window_present (GTK_WINDOW (dossier->dialog));

  dossier->cancellable = g_cancellable_new ();
  par_workspace_write_dossier_async (dossier->workspace, dossier->year, dossier->unit_code,
                                     dossier->file, format, dossier_progress_cb, dossier, NULL,
                                     dossier->cancellable, dossier_done_cb, dossier);
}

static void
dossier_chooser_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  Dossier *dossier = user_data;
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      dossier->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      dossier_start (dossier, parent);
    }
  else
    dossier_free (dossier);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * par_evidence_pane_make_dossier:
 * @parent: the window
 * @workspace: the workspace
 * @year: the year
 * @unit_code: the unit's code
 *
 * Asks where to save the unit's evidence dossier (`.pdf` or `.zip`) and
 * writes it on a worker, showing progress with a Cancel button — what
 * the window's `unit.make-dossier` action calls.
 */
void
par_evidence_pane_make_dossier (GtkWindow    *parent,
                                ParWorkspace *workspace,
                                int           year,
                                const char   *unit_code)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) zip = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  Dossier *dossier;

  g_return_if_fail (PAR_IS_WORKSPACE (workspace));
  g_return_if_fail (unit_code != NULL);

  dossier = g_new0 (Dossier, 1);
  dossier->workspace = g_object_ref (workspace);
  dossier->year = year;
  dossier->unit_code = g_strdup (unit_code);

  chooser = gtk_file_chooser_native_new (_("Save the Evidence Dossier"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_file_filter_set_name (pdf, _("PDF document"));
  gtk_file_filter_add_suffix (pdf, "pdf");
  gtk_file_filter_set_name (zip, _("Zip archive"));
  gtk_file_filter_add_suffix (zip, "zip");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pdf);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), zip);
  /* TRANSLATORS: the file name of a dossier: hồ sơ = dossier */
  name = g_strdup_printf (_("dossier-%s-%d.pdf"), unit_code, year);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (dossier_chooser_cb), dossier);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
