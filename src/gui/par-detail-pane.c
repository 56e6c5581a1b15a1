/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-detail-pane"

#include "config.h"

#include "par-detail-pane.h"

#include <glib/gi18n.h>

#include "par-evidence-pane.h"
#include "par-format.h"
#include "par-review-pane.h"

/**
 * ParDetailPane:
 *
 * The selected criterion: its full title, its rule in words, the evidence
 * expected, its owner and guidance, the unit's and the appraiser's notes,
 * whether the appraiser requested an explanation and the unit's
 * explanation; for a leaf, the office's review (a #ParReviewPane) and its
 * evidence (a #ParEvidencePane), with the office's verdicts on the
 * documents.
 */
struct _ParDetailPane
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkStack        *stack;
  GtkLabel        *code_label;
  GtkLabel        *title_label;
  GtkWidget       *rule_box;
  GtkLabel        *rule_label;
  GtkWidget       *evidence_section;
  GtkLabel        *evidence_label;
  GtkWidget       *owner_box;
  GtkLabel        *owner_label;
  GtkWidget       *rubric_box;
  GtkLabel        *rubric_label;
  GtkWidget       *notes_box;
  ParReviewPane   *review_pane;
  GtkEntry        *self_note_entry;
  GtkEntry        *appraisal_note_entry;
  GtkWidget       *explanation_box;
  GtkSwitch       *explanation_switch;
  GtkTextView     *explanation_view;
  GtkLabel        *error_label;
  GtkBox          *evidence_box;
  ParEvidencePane *evidence_pane;

  /* Owned */
  ParCriterionRow *row;
  GSignalGroup    *session_signals;  /* the row's session: whether it is editable */
  gboolean         loading;
};

G_DEFINE_FINAL_TYPE (ParDetailPane, par_detail_pane, GTK_TYPE_WIDGET)

static void
par_detail_pane_dispose (GObject *object)
{
  ParDetailPane *self = (ParDetailPane *)object;

  g_clear_object (&self->row);
  g_clear_object (&self->session_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_DETAIL_PANE);
  /* The template's top-level child is not bound: unparent it too. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (par_detail_pane_parent_class)->dispose (object);
}

static void
show_error (ParDetailPane *self,
            const GError  *error)
{
  gtk_label_set_label (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
set_text (GtkLabel   *label,
          GtkWidget  *box,
          const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (box, text != NULL && text[0] != '\0');
}

static char *
explanation_text (ParDetailPane *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->explanation_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
save_explanation (ParDetailPane *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ParUnitSession *session;

  if (self->loading || self->row == NULL || par_criterion_row_is_group (self->row))
    return;
  session = par_criterion_row_get_session (self->row);
  text = explanation_text (self);
  if (!par_workspace_set_explanation (par_unit_session_get_workspace (session),
                                      par_unit_session_get_year (session),
                                      par_unit_session_get_unit (session)->code,
                                      par_criterion_row_get_node (self->row)->code,
                                      gtk_switch_get_active (self->explanation_switch),
                                      text, &error))
    show_error (self, error);
  else
    show_error (self, NULL);
}

static void
explanation_switch_cb (ParDetailPane *self)
{
  save_explanation (self);
}

static void
explanation_leave_cb (GtkEventControllerFocus *controller,
                      ParDetailPane           *self)
{
  save_explanation (self);
}

static void
save_note (ParDetailPane *self,
           ParStage       stage,
           GtkEntry      *entry)
{
  g_autoptr(GError) error = NULL;

  if (self->loading || self->row == NULL || par_criterion_row_is_group (self->row))
    return;
  if (!par_unit_session_set_note (par_criterion_row_get_session (self->row), self->row, stage,
                                  gtk_editable_get_text (GTK_EDITABLE (entry)), &error))
    show_error (self, error);
  else
    show_error (self, NULL);
}

static void
self_note_activate_cb (ParDetailPane *self)
{
  save_note (self, PAR_STAGE_SELF, self->self_note_entry);
}

static void
appraisal_note_activate_cb (ParDetailPane *self)
{
  save_note (self, PAR_STAGE_APPRAISAL, self->appraisal_note_entry);
}

static void
self_note_leave_cb (GtkEventControllerFocus *controller,
                    ParDetailPane           *self)
{
  self_note_activate_cb (self);
}

static void
appraisal_note_leave_cb (GtkEventControllerFocus *controller,
                         ParDetailPane           *self)
{
  appraisal_note_activate_cb (self);
}

/* Evidence belongs to a leaf: a group or no selection empties the pane,
 * which lets go of the workspace and stops any preview. The context is only
 * set when the criterion changes, so that switching the stage does not
 * render the preview again. */
static void
set_evidence_context (ParDetailPane   *self,
                      ParCriterionRow *row)
{
  ParUnitSession *session;

  if (row == NULL || par_criterion_row_is_group (row))
    {
      par_evidence_pane_set_context (self->evidence_pane, NULL, 0, NULL, NULL);
      return;
    }
  session = par_criterion_row_get_session (row);
  par_evidence_pane_set_editable (self->evidence_pane, par_unit_session_get_editable (session));
  par_evidence_pane_set_context (self->evidence_pane,
                                 par_unit_session_get_workspace (session),
                                 par_unit_session_get_year (session),
                                 par_unit_session_get_unit (session)->code,
                                 par_criterion_row_get_node (row)->code);
}

/* The office's verdicts on the leaf's documents, shown (and given, at the
 * office) in their rows, once the unit is in the cycle between desks. */
static void
set_evidence_reviews (ParDetailPane *self)
{
  const ParLeafReview *review = NULL;
  ParUnitSession *session;
  gboolean editing;

  if (self->row == NULL || par_criterion_row_is_group (self->row))
    return;
  session = par_criterion_row_get_session (self->row);
  review = par_criterion_row_get_review (self->row);
  editing = par_review_pane_get_editing (self->review_pane);
  par_evidence_pane_set_reviews (self->evidence_pane, review != NULL ? review->documents : NULL,
                                 editing || par_unit_session_get_unit_side (session) ||
                                 (review != NULL && review->documents->len > 0),
                                 editing);
}

static gboolean
has_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The review was read again: a request given or withdrawn (here, by the
 * office's package, by another program) turns the explanation's mark, and
 * an explanation saved elsewhere shows, unless one is being typed. */
static void
reviews_changed_cb (ParDetailPane *self)
{
  const ParLeafReview *review;

  if (self->row == NULL || par_criterion_row_is_group (self->row))
    return;
  review = par_criterion_row_get_review (self->row);
  set_evidence_reviews (self);
  if (review == NULL)
    return;
  self->loading = TRUE;
  gtk_switch_set_active (self->explanation_switch, review->requested);
  if (!has_focus (GTK_WIDGET (self->explanation_view)))
    {
      g_autofree char *typed = explanation_text (self);

      if (g_strcmp0 (typed, review->explanation != NULL ? review->explanation : "") != 0)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->explanation_view),
                                  review->explanation != NULL ? review->explanation : "", -1);
    }
  self->loading = FALSE;
}

static void
editable_changed_cb (ParDetailPane *self)
{
  g_autoptr(ParCriterionRow) row = self->row != NULL ? g_object_ref (self->row) : NULL;

  par_detail_pane_set_row (self, NULL);
  par_detail_pane_set_row (self, row);
}

/**
 * par_detail_pane_set_row:
 * @self: a #ParDetailPane
 * @row: (nullable): the selected criterion
 *
 * Shows @row's criterion.
 */
void
par_detail_pane_set_row (ParDetailPane   *self,
                         ParCriterionRow *row)
{
  const ParCriterion *node;
  ParUnitSession *session;
  g_autofree char *rule = NULL;
  g_autofree char *explanation = NULL;
  gboolean requested = FALSE;
  gboolean leaf;
  gboolean editable;

  g_return_if_fail (PAR_IS_DETAIL_PANE (self));

  if (self->row != NULL && self->row != row)
    save_explanation (self);
  par_review_pane_set_row (self->review_pane, row);
  if (self->row != row)
    {
      g_set_object (&self->row, row);
      set_evidence_reviews (self);
      set_evidence_context (self, row);
    }
  else
    set_evidence_reviews (self);
  g_signal_group_set_target (self->session_signals,
                             row != NULL ? par_criterion_row_get_session (row) : NULL);
  show_error (self, NULL);
  if (row == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->loading = TRUE;
  node = par_criterion_row_get_node (row);
  session = par_criterion_row_get_session (row);
  leaf = node->children == NULL;
  editable = par_unit_session_get_editable (session);

  gtk_label_set_label (self->code_label, node->code);
  gtk_label_set_label (self->title_label, node->title);
  rule = leaf ? par_format_rule (node) : NULL;
  set_text (self->rule_label, self->rule_box, rule);
  set_text (self->evidence_label, self->evidence_section, node->evidence);
  set_text (self->owner_label, self->owner_box, node->owner);
  set_text (self->rubric_label, self->rubric_box, node->note);

  gtk_widget_set_visible (self->notes_box, leaf);
  gtk_widget_set_visible (self->explanation_box, leaf);
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_box), leaf);
  if (leaf)
    {
      const char *self_note = par_criterion_row_get_note (row, PAR_STAGE_SELF);
      const char *appraisal_note = par_criterion_row_get_note (row, PAR_STAGE_APPRAISAL);

      gtk_editable_set_text (GTK_EDITABLE (self->self_note_entry), self_note ? self_note : "");
      gtk_editable_set_text (GTK_EDITABLE (self->appraisal_note_entry),
                             appraisal_note ? appraisal_note : "");
      gtk_widget_set_sensitive (GTK_WIDGET (self->self_note_entry),
                                editable && par_criterion_row_get_value (row, PAR_STAGE_SELF));
      gtk_widget_set_sensitive (GTK_WIDGET (self->appraisal_note_entry),
                                editable && par_criterion_row_get_value (row, PAR_STAGE_APPRAISAL));

      par_workspace_get_explanation (par_unit_session_get_workspace (session),
                                     par_unit_session_get_year (session),
                                     par_unit_session_get_unit (session)->code,
                                     node->code, &requested, &explanation, NULL);
      gtk_switch_set_active (self->explanation_switch, requested);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->explanation_view),
                                explanation != NULL ? explanation : "", -1);
      gtk_widget_set_sensitive (GTK_WIDGET (self->explanation_switch),
                                editable && par_unit_session_get_stage (session) == PAR_STAGE_APPRAISAL);
      gtk_text_view_set_editable (self->explanation_view, editable);
    }
  self->loading = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "detail");
}

const char *
par_detail_pane_get_rule_text (ParDetailPane *self)
{
  g_return_val_if_fail (PAR_IS_DETAIL_PANE (self), NULL);
  return gtk_label_get_label (self->rule_label);
}

/**
 * par_detail_pane_get_evidence_pane:
 *
 * Returns: (transfer none): the evidence of the selected leaf
 */
ParEvidencePane *
par_detail_pane_get_evidence_pane (ParDetailPane *self)
{
  g_return_val_if_fail (PAR_IS_DETAIL_PANE (self), NULL);
  return self->evidence_pane;
}

static void
par_detail_pane_class_init (ParDetailPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_detail_pane_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/par-detail-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, stack);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, code_label);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, rule_box);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, rule_label);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, evidence_section);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, evidence_label);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, owner_box);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, owner_label);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, rubric_box);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, rubric_label);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, notes_box);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, review_pane);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, self_note_entry);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, appraisal_note_entry);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, explanation_box);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, explanation_switch);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, explanation_view);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, error_label);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, evidence_box);
  gtk_widget_class_bind_template_child (widget_class, ParDetailPane, evidence_pane);
  gtk_widget_class_bind_template_callback (widget_class, explanation_switch_cb);
  gtk_widget_class_bind_template_callback (widget_class, self_note_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, appraisal_note_activate_cb);

  g_type_ensure (PAR_TYPE_EVIDENCE_PANE);
  g_type_ensure (PAR_TYPE_REVIEW_PANE);
}

static void
par_detail_pane_init (ParDetailPane *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* A year published or reopened (here or elsewhere) changes what can be
   * edited: the criterion is shown again. */
  self->session_signals = g_signal_group_new (PAR_TYPE_UNIT_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::editable",
                                  G_CALLBACK (editable_changed_cb), self);
  g_signal_group_connect_swapped (self->session_signals, "reviews-changed",
                                  G_CALLBACK (reviews_changed_cb), self);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (explanation_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->explanation_view), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (self_note_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->self_note_entry), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (appraisal_note_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->appraisal_note_entry), controller);
}

/**
 * par_detail_pane_get_review_pane:
 *
 * Returns: (transfer none): the office's review of the selected leaf
 */
ParReviewPane *
par_detail_pane_get_review_pane (ParDetailPane *self)
{
  g_return_val_if_fail (PAR_IS_DETAIL_PANE (self), NULL);
  return self->review_pane;
}

/**
 * par_detail_pane_get_explanation_view:
 *
 * Returns: (transfer none): where the unit writes its explanation
 */
GtkTextView *
par_detail_pane_get_explanation_view (ParDetailPane *self)
{
  g_return_val_if_fail (PAR_IS_DETAIL_PANE (self), NULL);
  return self->explanation_view;
}
