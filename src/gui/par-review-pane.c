/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-review-pane"

#include "config.h"

#include "par-review-pane.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "par-cycle.h"
#include "par-format.h"

/**
 * ParReviewPane:
 *
 * The office's review of the selected leaf (the cycle between desks,
 * FORMATS.md §8). At the office, at the appraisal stage, it edits the
 * verdict, the comment and the explanation request through
 * par_workspace_review(); at the unit, it shows them once the appraisal
 * came back, and says whether the unit must answer (it answers in the
 * explanation, below). It follows the session's #ParUnitSession::reviews-changed,
 * whoever changed the review.
 */
struct _ParReviewPane
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkLabel        *heading_label;
  GtkWidget       *edit_box;
  AdwComboRow     *verdict_row;
  GtkWidget       *comment_entry;   /* AdwEntryRow */
  GtkWidget       *request_entry;   /* AdwEntryRow */
  GtkWidget       *view_box;
  GtkImage        *verdict_image;
  GtkLabel        *verdict_label;
  GtkLabel        *comment_label;
  GtkWidget       *request_box;
  GtkLabel        *request_label;
  GtkLabel        *answer_label;
  GtkLabel        *error_label;

  /* Owned */
  ParCriterionRow *row;
  GSignalGroup    *session_signals;
  gboolean         loading;
};

G_DEFINE_FINAL_TYPE (ParReviewPane, par_review_pane, GTK_TYPE_WIDGET)

static void
par_review_pane_dispose (GObject *object)
{
  ParReviewPane *self = (ParReviewPane *)object;
  GtkWidget *child;

  g_clear_object (&self->row);
  g_clear_object (&self->session_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_REVIEW_PANE);
  /* The template's top-level child is not bound: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (par_review_pane_parent_class)->dispose (object);
}

static void
show_error (ParReviewPane *self,
            const GError  *error)
{
  gtk_label_set_label (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static ParUnitSession *
session_of (ParReviewPane *self)
{
  return self->row != NULL ? par_criterion_row_get_session (self->row) : NULL;
}

/**
 * par_review_pane_get_editing:
 *
 * Returns: whether the review can be edited here: at the office (a
 *   workspace that does not send the unit's submissions), at the appraisal
 *   stage, in a year that is not published
 */
gboolean
par_review_pane_get_editing (ParReviewPane *self)
{
  ParUnitSession *session;

  g_return_val_if_fail (PAR_IS_REVIEW_PANE (self), FALSE);

  session = session_of (self);
  return session != NULL && !par_criterion_row_is_group (self->row) &&
         !par_unit_session_get_unit_side (session) &&
         par_unit_session_get_stage (session) == PAR_STAGE_APPRAISAL &&
         par_unit_session_get_editable (session);
}

static void
save (ParReviewPane         *self,
      const ParReviewChange *change)
{
  g_autoptr(GError) error = NULL;
  ParUnitSession *session = session_of (self);

  if (self->loading || session == NULL || !par_review_pane_get_editing (self))
    return;
  if (!par_workspace_review (par_unit_session_get_workspace (session),
                             par_unit_session_get_year (session),
                             par_unit_session_get_unit (session)->code,
                             par_criterion_row_get_node (self->row)->code, NULL, change, &error))
    show_error (self, error);
  else
    show_error (self, NULL);
}

static const char *
current_text (const char *text)
{
  return text != NULL ? text : "";
}

static void
verdict_selected_cb (ParReviewPane *self)
{
  const ParLeafReview *review = self->row != NULL ? par_criterion_row_get_review (self->row) : NULL;
  ParVerdict verdict = adw_combo_row_get_selected (self->verdict_row);

  if (verdict > PAR_VERDICT_REJECTED ||
      verdict == (review != NULL ? review->verdict : PAR_VERDICT_NONE))
    return;
  save (self, &(ParReviewChange) { .set_verdict = TRUE, .verdict = verdict });
}

static void
comment_activate_cb (ParReviewPane *self)
{
  const ParLeafReview *review = self->row != NULL ? par_criterion_row_get_review (self->row) : NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->comment_entry));

  if (g_strcmp0 (text, current_text (review != NULL ? review->comment : NULL)) == 0)
    return;
  save (self, &(ParReviewChange) { .set_comment = TRUE, .comment = text });
}

static void
request_activate_cb (ParReviewPane *self)
{
  const ParLeafReview *review = self->row != NULL ? par_criterion_row_get_review (self->row) : NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->request_entry));

  if (g_strcmp0 (text, current_text (review != NULL && review->requested ? review->request
                                                                          : NULL)) == 0)
    return;
  save (self, &(ParReviewChange) { .set_request = TRUE, .request = text });
}

static void
comment_leave_cb (GtkEventControllerFocus *controller,
                  ParReviewPane           *self)
{
  comment_activate_cb (self);
}

static void
request_leave_cb (GtkEventControllerFocus *controller,
                  ParReviewPane           *self)
{
  request_activate_cb (self);
}

/* A field being typed in keeps what is typed when the review is read again. */
static void
set_entry (GtkWidget  *entry,
           const char *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (entry));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && (focus == GTK_WIDGET (entry) ||
                        gtk_widget_is_ancestor (focus, GTK_WIDGET (entry))))
    return;
  gtk_editable_set_text (GTK_EDITABLE (entry), current_text (text));
}

static void
set_label (GtkLabel   *label,
           GtkWidget  *box,
           const char *text)
{
  gtk_label_set_label (label, current_text (text));
  gtk_widget_set_visible (box, text != NULL && text[0] != '\0');
}

/* Shows the row's review again, as last read by the session. */
static void
update (ParReviewPane *self)
{
  ParUnitSession *session = session_of (self);
  const ParLeafReview *review;
  const ParUnitCycle *cycle;
  gboolean editing = par_review_pane_get_editing (self);
  gboolean has_review;
  gboolean returned;
  const char *classes[] = { NULL, NULL };

  if (session == NULL || par_criterion_row_is_group (self->row))
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  review = par_criterion_row_get_review (self->row);
  cycle = par_unit_session_get_cycle (session);
  has_review = review != NULL && (review->verdict != PAR_VERDICT_NONE || review->comment != NULL ||
                                  review->requested || review->documents->len > 0);
  returned = cycle != NULL && cycle->unit_side && cycle->received_round > 0;

  self->loading = TRUE;
  gtk_widget_set_visible (self->edit_box, editing);
  gtk_widget_set_visible (self->view_box, !editing);
  if (editing)
    {
      adw_combo_row_set_selected (self->verdict_row,
                                  review != NULL ? review->verdict : PAR_VERDICT_NONE);
      set_entry (self->comment_entry, review != NULL ? review->comment : NULL);
      set_entry (self->request_entry, review != NULL && review->requested ? review->request : NULL);
    }
  else if (review != NULL)
    {
      g_autofree char *verdict = NULL;

      if (review->round > 0)
        /* Translators: the office's verdict on a criterion, and the round it was given in */
        verdict = g_strdup_printf (_("%s — round %d"), par_verdict_get_label (review->verdict),
                                   review->round);
      else
        verdict = g_strdup (par_verdict_get_label (review->verdict));
      /* No verdict yet: the icon of something still to come. */
      gtk_image_set_from_icon_name (self->verdict_image,
                                    review->verdict != PAR_VERDICT_NONE
                                    ? par_format_verdict_icon (review->verdict)
                                    : "content-loading-symbolic");
      classes[0] = review->verdict != PAR_VERDICT_NONE ? par_format_verdict_style (review->verdict)
                                                        : "dim-label";
      gtk_widget_set_css_classes (GTK_WIDGET (self->verdict_image), classes);
      gtk_label_set_label (self->verdict_label, verdict);
      set_label (self->comment_label, GTK_WIDGET (self->comment_label), review->comment);
      set_label (self->request_label, self->request_box,
                 review->requested ? (review->request != NULL ? review->request
                                                              : _("(no details given)"))
                                   : NULL);
      if (review->needs_answer)
        set_label (self->answer_label, GTK_WIDGET (self->answer_label),
                   review->explanation != NULL
                   ? _("Answered below; it goes with the next round you send.")
                   : _("Needs your answer: write your explanation below, attach what is "
                       "missing, then send the next round."));
      else
        set_label (self->answer_label, GTK_WIDGET (self->answer_label), NULL);
    }
  self->loading = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self), editing || has_review || returned);
}

/**
 * par_review_pane_set_row:
 * @self: a #ParReviewPane
 * @row: (nullable): the selected criterion
 *
 * Shows the office's review of @row's leaf (nothing for a group).
 */
void
par_review_pane_set_row (ParReviewPane   *self,
                         ParCriterionRow *row)
{
  g_return_if_fail (PAR_IS_REVIEW_PANE (self));

  if (self->row != row)
    {
      /* What was typed for the criterion before is saved first. */
      if (self->row != NULL && gtk_widget_get_visible (self->edit_box))
        {
          comment_activate_cb (self);
          request_activate_cb (self);
        }
      g_set_object (&self->row, row);
      g_signal_group_set_target (self->session_signals,
                                 row != NULL ? par_criterion_row_get_session (row) : NULL);
      show_error (self, NULL);
      /* The new criterion's texts replace the old ones, focused or not. */
      gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
      gtk_editable_set_text (GTK_EDITABLE (self->request_entry), "");
    }
  update (self);
}

AdwComboRow *
par_review_pane_get_verdict_row (ParReviewPane *self)
{
  g_return_val_if_fail (PAR_IS_REVIEW_PANE (self), NULL);
  return self->verdict_row;
}

GtkEditable *
par_review_pane_get_comment_entry (ParReviewPane *self)
{
  g_return_val_if_fail (PAR_IS_REVIEW_PANE (self), NULL);
  return GTK_EDITABLE (self->comment_entry);
}

GtkEditable *
par_review_pane_get_request_entry (ParReviewPane *self)
{
  g_return_val_if_fail (PAR_IS_REVIEW_PANE (self), NULL);
  return GTK_EDITABLE (self->request_entry);
}

/**
 * par_review_pane_dup_text:
 *
 * Returns: (transfer full): what the pane shows the unit, one line each
 *   (the verdict, the comment, the request, whether to answer)
 */
char *
par_review_pane_dup_text (ParReviewPane *self)
{
  GtkLabel *labels[] = { self->verdict_label, self->comment_label, self->request_label,
                         self->answer_label };
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (PAR_IS_REVIEW_PANE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (gtk_widget_is_visible (GTK_WIDGET (labels[i])))
      g_string_append_printf (text, "%s\n", gtk_label_get_label (labels[i]));
  return g_string_free (text, FALSE);
}

static void
par_review_pane_class_init (ParReviewPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_review_pane_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/"
                                               "par-review-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, ParReviewPane, heading_label);
  gtk_widget_class_bind_template_child (widget_class, ParReviewPane, edit_box);
  gtk_widget_class_bind_template_child (widget_class, ParReviewPane, verdict_row);
  gtk_widget_class_bind_template_child (widget_class, ParReviewPane, comment_entry);
  gtk_widget_class_bind_template_child (widget_class, ParReviewPane, request_entry);
  gtk_widget_class_bind_template_child (widget_class, ParReviewPane, view_box);
  gtk_widget_class_bind_template_child (widget_class, ParReviewPane, verdict_image);
  gtk_widget_class_bind_template_child (widget_class, ParReviewPane, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, ParReviewPane, comment_label);
  gtk_widget_class_bind_template_child (widget_class, ParReviewPane, request_box);
  gtk_widget_class_bind_template_child (widget_class, ParReviewPane, request_label);
  gtk_widget_class_bind_template_child (widget_class, ParReviewPane, answer_label);
  gtk_widget_class_bind_template_child (widget_class, ParReviewPane, error_label);
  gtk_widget_class_bind_template_callback (widget_class, verdict_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, comment_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, request_activate_cb);
}

static void
par_review_pane_init (ParReviewPane *self)
{
  g_autoptr(GtkStringList) verdicts = gtk_string_list_new (NULL);
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->loading = TRUE;
  for (ParVerdict verdict = PAR_VERDICT_NONE; verdict <= PAR_VERDICT_REJECTED; verdict++)
    gtk_string_list_append (verdicts, par_verdict_get_label (verdict));
  adw_combo_row_set_model (self->verdict_row, G_LIST_MODEL (verdicts));
  self->loading = FALSE;

  /* The review is read again when it changed (here or elsewhere), and
   * what may be edited when the stage or the year's publication did. */
  self->session_signals = g_signal_group_new (PAR_TYPE_UNIT_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "reviews-changed", G_CALLBACK (update),
                                  self);
  g_signal_group_connect_swapped (self->session_signals, "notify::stage", G_CALLBACK (update),
                                  self);
  g_signal_group_connect_swapped (self->session_signals, "notify::editable", G_CALLBACK (update),
                                  self);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (comment_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->comment_entry), controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (request_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->request_entry), controller);

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
