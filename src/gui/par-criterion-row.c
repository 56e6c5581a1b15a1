/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-criterion-row"

#include "config.h"

#include "par-criterion-row.h"

#include <glib/gi18n.h>

#include "par-cycle.h"
#include "par-format.h"

/**
 * ParCriterionRow:
 *
 * A node of the criteria tree of the selected unit, with the unit's stored
 * entries (value and note per stage) and their live points: a leaf shows
 * what is being typed, a group the live sums of the leaves below it.
 */
struct _ParCriterionRow
{
  GObject             parent_instance;

  const ParCriterion *node;       /* borrowed: the session holds the set */
  ParUnitSession     *session;    /* borrowed: the session owns the rows */
  GListStore         *children;

  char               *max_text;
  char               *value[PAR_N_STAGES];
  char               *note[PAR_N_STAGES];
  char               *points_text[PAR_N_STAGES];
  char               *error[PAR_N_STAGES];
  ParMilli            points[PAR_N_STAGES];
  gboolean            has_entry[PAR_N_STAGES];
  gint64              evidence_count;
  gboolean            warning;

  /* The office's review (the cycle between desks): borrowed from the
   * session, which sets it again before freeing it. */
  const ParLeafReview *review;
  gboolean            needs_answer;
};

G_DEFINE_FINAL_TYPE (ParCriterionRow, par_criterion_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_TITLE,
  PROP_MAX_TEXT,
  PROP_IS_GROUP,
  PROP_SELF_VALUE,
  PROP_APPRAISAL_VALUE,
  PROP_SELF_POINTS,
  PROP_APPRAISAL_POINTS,
  PROP_SELF_ERROR,
  PROP_APPRAISAL_ERROR,
  PROP_EVIDENCE_COUNT,
  PROP_EVIDENCE_TEXT,
  PROP_WARNING,
  PROP_VERDICT_ICON,
  PROP_VERDICT_CLASSES,
  PROP_REVIEW_TOOLTIP,
  PROP_NEEDS_ANSWER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const guint value_props[] = { PROP_SELF_VALUE, PROP_APPRAISAL_VALUE };
static const guint points_props[] = { PROP_SELF_POINTS, PROP_APPRAISAL_POINTS };
static const guint error_props[] = { PROP_SELF_ERROR, PROP_APPRAISAL_ERROR };

static void
par_criterion_row_finalize (GObject *object)
{
  ParCriterionRow *self = (ParCriterionRow *)object;

  g_clear_object (&self->children);
  g_free (self->max_text);
  for (guint s = 0; s < PAR_N_STAGES; s++)
    {
      g_free (self->value[s]);
      g_free (self->note[s]);
      g_free (self->points_text[s]);
      g_free (self->error[s]);
    }

  G_OBJECT_CLASS (par_criterion_row_parent_class)->finalize (object);
}

/* The review in a tooltip: the verdict, the comment, what to explain. */
static char *
review_tooltip (ParCriterionRow *self)
{
  const ParLeafReview *review = self->review;
  GString *text;

  if (review == NULL)
    return self->needs_answer ? g_strdup (_("Some sub-criteria need your answer")) : NULL;
  if (review->verdict == PAR_VERDICT_NONE && review->comment == NULL && !review->requested &&
      !self->needs_answer)
    return NULL;
  text = g_string_new (par_verdict_get_label (review->verdict));
  if (review->comment != NULL)
    g_string_append_printf (text, ": %s", review->comment);
  if (review->requested)
    g_string_append_printf (text, "\n%s: %s", _("Explanation requested"),
                            review->request != NULL ? review->request : "");
  if (self->needs_answer)
    g_string_append_printf (text, "\n%s", review->explanation != NULL
                            ? _("Answered: send the next round")
                            : _("Needs your answer"));
  return g_string_free (text, FALSE);
}

static void
par_criterion_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ParCriterionRow *self = PAR_CRITERION_ROW (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->node->code);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->node->title);
      break;
    case PROP_MAX_TEXT:
      g_value_set_string (value, self->max_text);
      break;
    case PROP_IS_GROUP:
      g_value_set_boolean (value, self->children != NULL);
      break;
    case PROP_SELF_VALUE:
    case PROP_APPRAISAL_VALUE:
      g_value_take_string (value, self->children != NULL ? NULL :
                           par_format_value (self->node,
                                             self->value[prop_id == PROP_APPRAISAL_VALUE]));
      break;
    case PROP_SELF_POINTS:
    case PROP_APPRAISAL_POINTS:
      g_value_set_string (value, self->points_text[prop_id == PROP_APPRAISAL_POINTS]);
      break;
    case PROP_SELF_ERROR:
    case PROP_APPRAISAL_ERROR:
      g_value_set_string (value, self->error[prop_id == PROP_APPRAISAL_ERROR]);
      break;
    case PROP_EVIDENCE_COUNT:
      g_value_set_int64 (value, self->evidence_count);
      break;
    case PROP_EVIDENCE_TEXT:
      g_value_take_string (value, self->children != NULL ? NULL
                           : g_strdup_printf ("%" G_GINT64_FORMAT, self->evidence_count));
      break;
    case PROP_WARNING:
      g_value_set_boolean (value, self->warning);
      break;
    case PROP_VERDICT_ICON:
      g_value_set_string (value, par_criterion_row_get_verdict_icon (self));
      break;
    case PROP_VERDICT_CLASSES:
      {
        const char *style = par_format_verdict_style (self->review != NULL
                                                      ? self->review->verdict
                                                      : PAR_VERDICT_NONE);
        const char *classes[] = { style, NULL };

        g_value_set_boxed (value, style != NULL ? classes : NULL);
      }
      break;
    case PROP_REVIEW_TOOLTIP:
      g_value_take_string (value, review_tooltip (self));
      break;
    case PROP_NEEDS_ANSWER:
      g_value_set_boolean (value, self->needs_answer);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_criterion_row_class_init (ParCriterionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = par_criterion_row_finalize;
  object_class->get_property = par_criterion_row_get_property;

  properties [PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties [PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties [PROP_MAX_TEXT] = g_param_spec_string ("max-text", NULL, NULL, NULL, flags);
  properties [PROP_IS_GROUP] = g_param_spec_boolean ("is-group", NULL, NULL, FALSE, flags);
  properties [PROP_SELF_VALUE] = g_param_spec_string ("self-value", NULL, NULL, NULL, flags);
  properties [PROP_APPRAISAL_VALUE] =
    g_param_spec_string ("appraisal-value", NULL, NULL, NULL, flags);
  properties [PROP_SELF_POINTS] = g_param_spec_string ("self-points", NULL, NULL, NULL, flags);
  properties [PROP_APPRAISAL_POINTS] =
    g_param_spec_string ("appraisal-points", NULL, NULL, NULL, flags);
  properties [PROP_SELF_ERROR] = g_param_spec_string ("self-error", NULL, NULL, NULL, flags);
  properties [PROP_APPRAISAL_ERROR] =
    g_param_spec_string ("appraisal-error", NULL, NULL, NULL, flags);
  properties [PROP_EVIDENCE_COUNT] =
    g_param_spec_int64 ("evidence-count", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_EVIDENCE_TEXT] =
    g_param_spec_string ("evidence-text", NULL, NULL, NULL, flags);
  properties [PROP_WARNING] = g_param_spec_boolean ("warning", NULL, NULL, FALSE, flags);
  properties [PROP_VERDICT_ICON] = g_param_spec_string ("verdict-icon", NULL, NULL, NULL, flags);
  properties [PROP_VERDICT_CLASSES] =
    g_param_spec_boxed ("verdict-classes", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_REVIEW_TOOLTIP] =
    g_param_spec_string ("review-tooltip", NULL, NULL, NULL, flags);
  properties [PROP_NEEDS_ANSWER] =
    g_param_spec_boolean ("needs-answer", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
par_criterion_row_init (ParCriterionRow *self)
{
}

/**
 * par_criterion_row_new:
 * @node: (transfer none): a node of a criteria set, which must outlive the row
 * @session: (transfer none): the session owning the row
 *
 * Creates the row of @node and, for a group, of its descendants.
 *
 * Returns: (transfer full): the row
 */
ParCriterionRow *
par_criterion_row_new (const ParCriterion *node,
                       ParUnitSession     *session)
{
  ParCriterionRow *self = g_object_new (PAR_TYPE_CRITERION_ROW, NULL);

  self->node = node;
  self->session = session;
  self->max_text = par_format_points (node->max);
  if (node->children != NULL)
    self->children = g_list_store_new (PAR_TYPE_CRITERION_ROW);
  return self;
}

const ParCriterion *
par_criterion_row_get_node (ParCriterionRow *self)
{
  g_return_val_if_fail (PAR_IS_CRITERION_ROW (self), NULL);
  return self->node;
}

ParUnitSession *
par_criterion_row_get_session (ParCriterionRow *self)
{
  g_return_val_if_fail (PAR_IS_CRITERION_ROW (self), NULL);
  return self->session;
}

/**
 * par_criterion_row_get_children:
 *
 * Returns: (transfer none) (nullable): the rows of a group's children
 */
GListModel *
par_criterion_row_get_children (ParCriterionRow *self)
{
  g_return_val_if_fail (PAR_IS_CRITERION_ROW (self), NULL);
  return G_LIST_MODEL (self->children);
}

gboolean
par_criterion_row_is_group (ParCriterionRow *self)
{
  g_return_val_if_fail (PAR_IS_CRITERION_ROW (self), FALSE);
  return self->children != NULL;
}

/* The stored (committed) canonical value, or NULL. */
const char *
par_criterion_row_get_value (ParCriterionRow *self,
                             ParStage         stage)
{
  g_return_val_if_fail (PAR_IS_CRITERION_ROW (self), NULL);
  return self->value[stage];
}

const char *
par_criterion_row_get_note (ParCriterionRow *self,
                            ParStage         stage)
{
  g_return_val_if_fail (PAR_IS_CRITERION_ROW (self), NULL);
  return self->note[stage];
}

const char *
par_criterion_row_get_points_text (ParCriterionRow *self,
                                   ParStage         stage)
{
  g_return_val_if_fail (PAR_IS_CRITERION_ROW (self), NULL);
  return self->points_text[stage];
}

const char *
par_criterion_row_get_error (ParCriterionRow *self,
                             ParStage         stage)
{
  g_return_val_if_fail (PAR_IS_CRITERION_ROW (self), NULL);
  return self->error[stage];
}

gboolean
par_criterion_row_has_entry (ParCriterionRow *self,
                             ParStage         stage)
{
  g_return_val_if_fail (PAR_IS_CRITERION_ROW (self), FALSE);
  return self->has_entry[stage];
}

ParMilli
par_criterion_row_get_points (ParCriterionRow *self,
                              ParStage         stage)
{
  g_return_val_if_fail (PAR_IS_CRITERION_ROW (self), 0);
  return self->points[stage];
}

void
par_criterion_row_set_stored (ParCriterionRow *self,
                              ParStage         stage,
                              const char      *value,
                              const char      *note)
{
  g_return_if_fail (PAR_IS_CRITERION_ROW (self));

  g_free (self->note[stage]);
  self->note[stage] = g_strdup (note);
  if (g_strcmp0 (self->value[stage], value) != 0)
    {
      g_free (self->value[stage]);
      self->value[stage] = g_strdup (value);
      g_object_notify_by_pspec (G_OBJECT (self), properties [value_props[stage]]);
    }
}

void
par_criterion_row_set_live (ParCriterionRow *self,
                            ParStage         stage,
                            gboolean         has_entry,
                            ParMilli         points)
{
  g_autofree char *text = NULL;

  g_return_if_fail (PAR_IS_CRITERION_ROW (self));

  self->has_entry[stage] = has_entry;
  self->points[stage] = points;
  text = has_entry ? par_format_points (points) : g_strdup ("");
  if (g_strcmp0 (text, self->points_text[stage]) != 0)
    {
      g_free (self->points_text[stage]);
      self->points_text[stage] = g_steal_pointer (&text);
      g_object_notify_by_pspec (G_OBJECT (self), properties [points_props[stage]]);
    }
}

void
par_criterion_row_set_error (ParCriterionRow *self,
                             ParStage         stage,
                             const char      *message)
{
  g_return_if_fail (PAR_IS_CRITERION_ROW (self));

  if (g_strcmp0 (self->error[stage], message) != 0)
    {
      g_free (self->error[stage]);
      self->error[stage] = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties [error_props[stage]]);
    }
}

void
par_criterion_row_set_evidence (ParCriterionRow *self,
                                gint64           count,
                                gboolean         warning)
{
  g_return_if_fail (PAR_IS_CRITERION_ROW (self));

  if (count != self->evidence_count)
    {
      self->evidence_count = count;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EVIDENCE_COUNT]);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EVIDENCE_TEXT]);
    }
  if (warning != self->warning)
    {
      self->warning = warning;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_WARNING]);
    }
}

/**
 * par_criterion_row_set_review:
 * @self: a leaf's row
 * @review: (nullable): the leaf as reviewed, which the caller keeps alive
 *   until it sets another
 *
 * Shows the office's verdict on the leaf, and whether the unit must answer.
 */
void
par_criterion_row_set_review (ParCriterionRow     *self,
                              const ParLeafReview *review)
{
  g_return_if_fail (PAR_IS_CRITERION_ROW (self));

  self->review = review;
  self->needs_answer = review != NULL && review->needs_answer;
  /* The review's texts are new whenever the reviews are read again. */
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VERDICT_ICON]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VERDICT_CLASSES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REVIEW_TOOLTIP]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NEEDS_ANSWER]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * par_criterion_row_get_review:
 *
 * Returns: (transfer none) (nullable): the leaf as reviewed
 */
const ParLeafReview *
par_criterion_row_get_review (ParCriterionRow *self)
{
  g_return_val_if_fail (PAR_IS_CRITERION_ROW (self), NULL);
  return self->review;
}

/* For a group: whether a leaf below it needs the unit's answer. */
void
par_criterion_row_set_needs_answer (ParCriterionRow *self,
                                    gboolean         needs_answer)
{
  g_return_if_fail (PAR_IS_CRITERION_ROW (self));

  if (self->needs_answer != needs_answer)
    {
      self->needs_answer = needs_answer;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NEEDS_ANSWER]);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REVIEW_TOOLTIP]);
    }
}

gboolean
par_criterion_row_get_needs_answer (ParCriterionRow *self)
{
  g_return_val_if_fail (PAR_IS_CRITERION_ROW (self), FALSE);
  return self->needs_answer;
}

/**
 * par_criterion_row_get_verdict_icon:
 *
 * Returns: (nullable): the icon of the office's verdict on the leaf
 */
const char *
par_criterion_row_get_verdict_icon (ParCriterionRow *self)
{
  g_return_val_if_fail (PAR_IS_CRITERION_ROW (self), NULL);
  return par_format_verdict_icon (self->review != NULL ? self->review->verdict
                                                       : PAR_VERDICT_NONE);
}
