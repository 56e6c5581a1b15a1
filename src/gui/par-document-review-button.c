/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-document-review-button"

#include "config.h"

#include "par-document-review-button.h"

#include <glib/gi18n.h>

#include "par-format.h"

/**
 * ParDocumentReviewButton:
 *
 * The office's verdict on one evidence document of a criterion, in the
 * document's row of the evidence pane: an icon showing the verdict, and a
 * popover where the office gives it (a verdict and a comment, saved with
 * par_workspace_review()) or where the unit reads it.
 */
struct _ParDocumentReviewButton
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkMenuButton *button;
  GtkPopover    *popover;
  GtkDropDown   *verdict_dropdown;
  GtkEntry      *comment_entry;
  GtkLabel      *comment_label;
  GtkLabel      *error_label;
  GtkWidget     *save_button;

  /* Owned */
  ParWorkspace  *workspace;
  char          *unit_code;
  char          *criterion_code;
  char          *sha256;
  char          *comment;
  ParVerdict     verdict;
  int            year;
  gboolean       editable;
};

G_DEFINE_FINAL_TYPE (ParDocumentReviewButton, par_document_review_button, GTK_TYPE_WIDGET)

static void
par_document_review_button_dispose (GObject *object)
{
  ParDocumentReviewButton *self = (ParDocumentReviewButton *)object;

  g_clear_object (&self->workspace);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_DOCUMENT_REVIEW_BUTTON);

  G_OBJECT_CLASS (par_document_review_button_parent_class)->dispose (object);
}

static void
par_document_review_button_finalize (GObject *object)
{
  ParDocumentReviewButton *self = (ParDocumentReviewButton *)object;

  g_free (self->unit_code);
  g_free (self->criterion_code);
  g_free (self->sha256);
  g_free (self->comment);

  G_OBJECT_CLASS (par_document_review_button_parent_class)->finalize (object);
}

static void
popover_show_cb (ParDocumentReviewButton *self)
{
  gtk_drop_down_set_selected (self->verdict_dropdown, self->verdict);
  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry),
                         self->comment != NULL ? self->comment : "");
  gtk_label_set_label (self->comment_label, self->comment != NULL ? self->comment : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

/**
 * par_document_review_button_save:
 * @self: a #ParDocumentReviewButton
 * @verdict: the verdict
 * @comment: (nullable): the comment
 * @error: return location for a #GError
 *
 * Saves the office's verdict and comment on the document, as the
 * popover's Save button does.
 *
 * Returns: %TRUE when saved
 */
gboolean
par_document_review_button_save (ParDocumentReviewButton  *self,
                                 ParVerdict                verdict,
                                 const char               *comment,
                                 GError                  **error)
{
  ParReviewChange change = {
    .set_verdict = TRUE, .verdict = verdict, .set_comment = TRUE, .comment = comment,
  };

  g_return_val_if_fail (PAR_IS_DOCUMENT_REVIEW_BUTTON (self), FALSE);
  g_return_val_if_fail (self->workspace != NULL && self->editable, FALSE);

  return par_workspace_review (self->workspace, self->year, self->unit_code,
                               self->criterion_code, self->sha256, &change, error);
}

static void
save_clicked_cb (ParDocumentReviewButton *self)
{
  g_autoptr(GError) error = NULL;

  if (!par_document_review_button_save (self, gtk_drop_down_get_selected (self->verdict_dropdown),
                                        gtk_editable_get_text (GTK_EDITABLE (self->comment_entry)),
                                        &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_popover_popdown (self->popover);
}

static void
par_document_review_button_class_init (ParDocumentReviewButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_document_review_button_dispose;
  object_class->finalize = par_document_review_button_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/"
                                               "par-document-review-button.ui");
  gtk_widget_class_bind_template_child (widget_class, ParDocumentReviewButton, button);
  gtk_widget_class_bind_template_child (widget_class, ParDocumentReviewButton, popover);
  gtk_widget_class_bind_template_child (widget_class, ParDocumentReviewButton, verdict_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ParDocumentReviewButton, comment_entry);
  gtk_widget_class_bind_template_child (widget_class, ParDocumentReviewButton, comment_label);
  gtk_widget_class_bind_template_child (widget_class, ParDocumentReviewButton, error_label);
  gtk_widget_class_bind_template_child (widget_class, ParDocumentReviewButton, save_button);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
}

static void
par_document_review_button_init (ParDocumentReviewButton *self)
{
  g_autoptr(GtkStringList) verdicts = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (ParVerdict verdict = PAR_VERDICT_NONE; verdict <= PAR_VERDICT_REJECTED; verdict++)
    gtk_string_list_append (verdicts, par_verdict_get_label (verdict));
  gtk_drop_down_set_model (self->verdict_dropdown, G_LIST_MODEL (verdicts));
}

/**
 * par_document_review_button_new:
 * @workspace: the workspace
 * @year: the year
 * @unit_code: the unit
 * @criterion_code: the leaf the document is linked to
 * @sha256: the document's SHA-256
 *
 * Returns: (transfer floating): a new button, showing no verdict
 */
GtkWidget *
par_document_review_button_new (ParWorkspace *workspace,
                                 int           year,
                                 const char   *unit_code,
                                 const char   *criterion_code,
                                 const char   *sha256)
{
  ParDocumentReviewButton *self = g_object_new (PAR_TYPE_DOCUMENT_REVIEW_BUTTON, NULL);

  self->workspace = g_object_ref (workspace);
  self->year = year;
  self->unit_code = g_strdup (unit_code);
  self->criterion_code = g_strdup (criterion_code);
  self->sha256 = g_strdup (sha256);
  par_document_review_button_set_review (self, PAR_VERDICT_NONE, NULL, FALSE);
  return GTK_WIDGET (self);
}

const char *
par_document_review_button_get_sha256 (ParDocumentReviewButton *self)
{
  g_return_val_if_fail (PAR_IS_DOCUMENT_REVIEW_BUTTON (self), NULL);
  return self->sha256;
}

ParVerdict
par_document_review_button_get_verdict (ParDocumentReviewButton *self)
{
  g_return_val_if_fail (PAR_IS_DOCUMENT_REVIEW_BUTTON (self), PAR_VERDICT_NONE);
  return self->verdict;
}

/**
 * par_document_review_button_set_review:
 * @self: a #ParDocumentReviewButton
 * @verdict: the office's verdict on the document
 * @comment: (nullable): its comment
 * @editable: whether the office may give it here
 *
 * Shows the verdict. A document without a verdict shows nothing where it
 * cannot be reviewed.
 */
void
par_document_review_button_set_review (ParDocumentReviewButton *self,
                                       ParVerdict               verdict,
                                       const char              *comment,
                                       gboolean                 editable)
{
  static const char *styles[] = { "dim-label", "success", "warning", "error" };
  g_autofree char *tooltip = NULL;

  g_return_if_fail (PAR_IS_DOCUMENT_REVIEW_BUTTON (self));
  g_return_if_fail (verdict <= PAR_VERDICT_REJECTED);

  self->verdict = verdict;
  self->editable = editable;
  g_free (self->comment);
  self->comment = g_strdup (comment);

  /* A document not reviewed yet asks to be. */
  gtk_menu_button_set_icon_name (self->button, verdict != PAR_VERDICT_NONE
                                               ? par_format_verdict_icon (verdict)
                                               : "dialog-question-symbolic");
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), verdict != PAR_VERDICT_NONE
                                                       ? par_format_verdict_style (verdict)
                                                       : "dim-label");
  if (verdict == PAR_VERDICT_NONE && comment == NULL)
    tooltip = g_strdup (_("Review this document"));
  else if (comment != NULL)
    tooltip = g_strdup_printf ("%s: %s", par_verdict_get_label (verdict), comment);
  else
    tooltip = g_strdup (par_verdict_get_label (verdict));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);

  gtk_widget_set_sensitive (GTK_WIDGET (self->verdict_dropdown), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->comment_entry), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->comment_label), !editable && comment != NULL);
  gtk_widget_set_visible (self->save_button, editable);
  gtk_widget_set_visible (GTK_WIDGET (self),
                          editable || verdict != PAR_VERDICT_NONE || comment != NULL);
}
