/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-submission-row"

#include "config.h"

#include "par-submission-row.h"

#include <glib/gi18n.h>

#include "par-decision.h"
#include "par-text.h"

/**
 * ParSubmissionRow:
 *
 * One unit of the submissions board: its place in the cycle between desks
 * (a #ParUnitCycle) as read-only properties, numbers as integers for
 * #GtkNumericSorter. par_submission_row_update() takes the unit's cycle as
 * read again and notifies only what changed.
 */
struct _ParSubmissionRow
{
  GObject             parent_instance;

  char               *code;
  char               *name;
  char               *folded;
  char               *block;
  ParSubmissionState  state;
  char               *state_text;
  int                 round;
  char               *received_at;
  gint64              received_sort;
  char               *sent_at;
  gint64              sent_sort;
  ParDeadlineState    deadline_state;
  char               *deadline_text;
  char               *deadline_tooltip;
  int                 appraised;
  char               *appraised_text;
  char               *verdicts_text;
  int                 objections;
  int                 requests;
  gboolean            office_side;
  gboolean            unit_side;
  gboolean            has_packages;
  GMenu              *menu;
};

G_DEFINE_FINAL_TYPE (ParSubmissionRow, par_submission_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_BLOCK,
  PROP_STATE,
  PROP_STATE_TEXT,
  PROP_ROUND,
  PROP_ROUND_TEXT,
  PROP_RECEIVED_AT,
  PROP_RECEIVED_SORT,
  PROP_SENT_AT,
  PROP_SENT_SORT,
  PROP_DEADLINE_STATE,
  PROP_DEADLINE_TEXT,
  PROP_DEADLINE_TOOLTIP,
  PROP_APPRAISED,
  PROP_APPRAISED_TEXT,
  PROP_VERDICTS_TEXT,
  PROP_OBJECTIONS,
  PROP_REQUESTS,
  PROP_REQUESTS_TEXT,
  PROP_MENU,
  PROP_STATE_CLASSES,
  PROP_DEADLINE_CLASSES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
par_submission_row_finalize (GObject *object)
{
  ParSubmissionRow *self = (ParSubmissionRow *)object;

  g_free (self->code);
  g_free (self->name);
  g_free (self->folded);
  g_free (self->block);
  g_free (self->state_text);
  g_free (self->received_at);
  g_free (self->sent_at);
  g_free (self->deadline_text);
  g_free (self->deadline_tooltip);
  g_free (self->appraised_text);
  g_free (self->verdicts_text);
  g_clear_object (&self->menu);

  G_OBJECT_CLASS (par_submission_row_parent_class)->finalize (object);
}

static void
par_submission_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ParSubmissionRow *self = PAR_SUBMISSION_ROW (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_BLOCK:
      g_value_set_string (value, self->block);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_STATE_TEXT:
      g_value_set_string (value, self->state_text);
      break;
    case PROP_ROUND:
      g_value_set_int (value, self->round);
      break;
    case PROP_ROUND_TEXT:
      g_value_take_string (value, self->round > 0 ? g_strdup_printf ("%d", self->round)
                                                  : g_strdup ("—"));
      break;
    case PROP_RECEIVED_AT:
      g_value_set_string (value, self->received_at);
      break;
    case PROP_RECEIVED_SORT:
      g_value_set_int64 (value, self->received_sort);
      break;
    case PROP_SENT_AT:
      g_value_set_string (value, self->sent_at);
      break;
    case PROP_SENT_SORT:
      g_value_set_int64 (value, self->sent_sort);
      break;
    case PROP_DEADLINE_STATE:
      g_value_set_int (value, self->deadline_state);
      break;
    case PROP_DEADLINE_TEXT:
      g_value_set_string (value, self->deadline_text);
      break;
    case PROP_DEADLINE_TOOLTIP:
      g_value_set_string (value, self->deadline_tooltip);
      break;
    case PROP_APPRAISED:
      g_value_set_int (value, self->appraised);
      break;
    case PROP_APPRAISED_TEXT:
      g_value_set_string (value, self->appraised_text);
      break;
    case PROP_VERDICTS_TEXT:
      g_value_set_string (value, self->verdicts_text);
      break;
    case PROP_OBJECTIONS:
      g_value_set_int (value, self->objections);
      break;
    case PROP_REQUESTS:
      g_value_set_int (value, self->requests);
      break;
    case PROP_REQUESTS_TEXT:
      g_value_take_string (value, g_strdup_printf ("%d", self->requests));
      break;
    case PROP_MENU:
      g_value_set_object (value, self->menu);
      break;
    case PROP_STATE_CLASSES:
      {
        /* What waits for the office's (or the unit's) attention stands out. */
        const char *classes[] = { "accent", NULL };

        g_value_set_boxed (value, self->state == PAR_SUBMISSION_TO_APPRAISE ||
                                  self->state == PAR_SUBMISSION_APPRAISAL_RECEIVED
                                  ? classes : NULL);
      }
      break;
    case PROP_DEADLINE_CLASSES:
      {
        const char *classes[] = { NULL, NULL };

        classes[0] = self->deadline_state == PAR_DEADLINE_LATE ||
                     self->deadline_state == PAR_DEADLINE_OVERDUE ? "error"
                     : self->deadline_state == PAR_DEADLINE_EXTENDED ? "warning"
                     : self->deadline_state == PAR_DEADLINE_ON_TIME ? "success" : NULL;
        g_value_set_boxed (value, classes[0] != NULL ? classes : NULL);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_submission_row_class_init (ParSubmissionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = par_submission_row_finalize;
  object_class->get_property = par_submission_row_get_property;

  properties [PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties [PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties [PROP_BLOCK] = g_param_spec_string ("block", NULL, NULL, NULL, flags);
  /**
   * ParSubmissionRow:state:
   *
   * A #ParSubmissionState.
   */
  properties [PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties [PROP_STATE_TEXT] = g_param_spec_string ("state-text", NULL, NULL, NULL, flags);
  properties [PROP_ROUND] = g_param_spec_int ("round", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties [PROP_ROUND_TEXT] = g_param_spec_string ("round-text", NULL, NULL, NULL, flags);
  properties [PROP_RECEIVED_AT] = g_param_spec_string ("received-at", NULL, NULL, NULL, flags);
  properties [PROP_RECEIVED_SORT] =
    g_param_spec_int64 ("received-sort", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_SENT_AT] = g_param_spec_string ("sent-at", NULL, NULL, NULL, flags);
  properties [PROP_SENT_SORT] =
    g_param_spec_int64 ("sent-sort", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /**
   * ParSubmissionRow:deadline-state:
   *
   * A #ParDeadlineState.
   */
  properties [PROP_DEADLINE_STATE] =
    g_param_spec_int ("deadline-state", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties [PROP_DEADLINE_TEXT] =
    g_param_spec_string ("deadline-text", NULL, NULL, NULL, flags);
  properties [PROP_DEADLINE_TOOLTIP] =
    g_param_spec_string ("deadline-tooltip", NULL, NULL, NULL, flags);
  properties [PROP_APPRAISED] = g_param_spec_int ("appraised", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties [PROP_APPRAISED_TEXT] =
    g_param_spec_string ("appraised-text", NULL, NULL, NULL, flags);
  properties [PROP_VERDICTS_TEXT] =
    g_param_spec_string ("verdicts-text", NULL, NULL, NULL, flags);
  properties [PROP_OBJECTIONS] =
    g_param_spec_int ("objections", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties [PROP_REQUESTS] = g_param_spec_int ("requests", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties [PROP_REQUESTS_TEXT] =
    g_param_spec_string ("requests-text", NULL, NULL, NULL, flags);
  properties [PROP_MENU] = g_param_spec_object ("menu", NULL, NULL, G_TYPE_MENU_MODEL, flags);
  properties [PROP_STATE_CLASSES] =
    g_param_spec_boxed ("state-classes", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_DEADLINE_CLASSES] =
    g_param_spec_boxed ("deadline-classes", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
par_submission_row_init (ParSubmissionRow *self)
{
}

/**
 * par_submission_row_new:
 * @cycle: a unit's place in the cycle
 * @published: whether the year is published (nothing can be changed)
 *
 * Returns: (transfer full): the unit's row
 */
ParSubmissionRow *
par_submission_row_new (const ParUnitCycle *cycle,
                        gboolean            published)
{
  ParSubmissionRow *self = g_object_new (PAR_TYPE_SUBMISSION_ROW, NULL);

  self->code = g_strdup (cycle->unit_code);
  par_submission_row_update (self, cycle, published);
  return self;
}

/* A time stored in UTC as the user reads it (20/11/2025 08:12), and as a
 * number to sort by. */
static char *
format_time (const char *iso8601,
             gint64     *out_sort)
{
  g_autoptr(GDateTime) time = iso8601 != NULL ? g_date_time_new_from_iso8601 (iso8601, NULL)
                                              : NULL;
  g_autoptr(GDateTime) local = NULL;

  *out_sort = 0;
  if (time == NULL)
    return g_strdup ("—");
  local = g_date_time_to_local (time);
  *out_sort = g_date_time_to_unix (time);
  return g_date_time_format (local, "%d/%m/%Y %H:%M");
}

/**
 * par_submission_state_label:
 *
 * Returns: where a unit in @state stands, as the board says it
 */
const char *
par_submission_state_label (ParSubmissionState state)
{
  switch (state)
    {
    case PAR_SUBMISSION_NOT_RECEIVED:
      return C_("submission", "No package yet");
    case PAR_SUBMISSION_TO_APPRAISE:
      return C_("submission", "To appraise");
    case PAR_SUBMISSION_RETURNED:
      return C_("submission", "Appraisal returned");
    case PAR_SUBMISSION_SENT:
      return C_("submission", "Sent, awaiting appraisal");
    case PAR_SUBMISSION_APPRAISAL_RECEIVED:
    default:
      return C_("submission", "Appraisal received");
    }
}

/**
 * par_submission_state_of:
 *
 * Returns: where the unit of @cycle stands
 */
ParSubmissionState
par_submission_state_of (const ParUnitCycle *cycle)
{
  if (cycle->unit_side)
    return cycle->received_round >= cycle->sent_round ? PAR_SUBMISSION_APPRAISAL_RECEIVED
                                                      : PAR_SUBMISSION_SENT;
  if (cycle->received_round == 0)
    return PAR_SUBMISSION_NOT_RECEIVED;
  return cycle->sent_round >= cycle->received_round ? PAR_SUBMISSION_RETURNED
                                                    : PAR_SUBMISSION_TO_APPRAISE;
}

/* The stage's deadline and its state: "On time (15/12/2025)". */
static char *
deadline_text (const ParUnitCycle *cycle)
{
  g_autofree char *date = NULL;
  const char *label = par_deadline_state_get_label (cycle->deadline_state);

  if (cycle->deadline_state == PAR_DEADLINE_NONE)
    return g_strdup ("—");
  date = par_date_format_short (cycle->extension != NULL &&
                                cycle->deadline_state == PAR_DEADLINE_EXTENDED
                                ? cycle->extension : cycle->deadline);
  return date != NULL ? g_strdup_printf ("%s (%s)", label, date) : g_strdup (label);
}

static char *
deadline_tooltip (const ParUnitCycle *cycle)
{
  g_autofree char *deadline = cycle->deadline != NULL ? par_date_format_short (cycle->deadline)
                                                      : NULL;
  g_autofree char *extension = cycle->extension != NULL
                               ? par_date_format_short (cycle->extension) : NULL;
  const char *stage = cycle->stage == PAR_CYCLE_STAGE_EXPLANATION
                      ? _("Explanations") : _("Self-assessment");
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s: %s", stage, deadline != NULL ? deadline : _("no deadline"));
  if (extension != NULL)
    {
      g_string_append_c (text, '\n');
      /* Translators: a unit's extension of a deadline, and why it was granted */
      g_string_append_printf (text, _("Extended to %s: %s"), extension,
                              cycle->extension_reason != NULL ? cycle->extension_reason : "—");
    }
  return g_string_free (text, FALSE);
}

static GMenu *
build_menu (ParSubmissionRow *self,
            gboolean          published)
{
  GMenu *menu = g_menu_new ();
  GVariant *target = g_variant_new_string (self->code);

  g_variant_ref_sink (target);
  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("_Open Scores"), NULL);

    g_menu_item_set_action_and_target_value (item, "cycle.open-unit", target);
    g_menu_append_item (menu, item);
  }
  if (self->has_packages)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("What Changed Between _Rounds"), NULL);

      g_menu_item_set_action_and_target_value (item, "cycle.rounds", target);
      g_menu_append_item (menu, item);
    }
  if (self->office_side)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("_Return Appraisal to Unit…"), NULL);

      g_menu_item_set_action_and_target_value (item, "cycle.return", target);
      g_menu_append_item (menu, item);
    }
  if (!self->unit_side && !published)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("Grant an _Extension…"), NULL);

      g_menu_item_set_action_and_target_value (item, "cycle.extend", target);
      g_menu_append_item (menu, item);
    }
  g_variant_unref (target);
  return menu;
}

static gboolean
set_string (char       **field,
            char        *value)
{
  if (g_strcmp0 (*field, value) == 0)
    {
      g_free (value);
      return FALSE;
    }
  g_free (*field);
  *field = value;
  return TRUE;
}

#define SET_STRING(field, value, prop) \
  if (set_string (&self->field, (value))) \
    g_object_notify_by_pspec (G_OBJECT (self), properties [prop])
#define SET_NUMBER(field, value, prop) \
  G_STMT_START { \
    __typeof__ (self->field) v_ = (value); \
    if (self->field != v_) \
      { \
        self->field = v_; \
        g_object_notify_by_pspec (G_OBJECT (self), properties [prop]); \
      } \
  } G_STMT_END

/**
 * par_submission_row_update:
 * @self: a #ParSubmissionRow
 * @cycle: the unit's place in the cycle, read again
 * @published: whether the year is published
 *
 * Shows @cycle, notifying what changed.
 */
void
par_submission_row_update (ParSubmissionRow   *self,
                           const ParUnitCycle *cycle,
                           gboolean            published)
{
  gint64 received_sort;
  gint64 sent_sort;
  char *received_at;
  char *sent_at;

  g_return_if_fail (PAR_IS_SUBMISSION_ROW (self));
  g_return_if_fail (g_str_equal (cycle->unit_code, self->code));

  g_object_freeze_notify (G_OBJECT (self));
  if (set_string (&self->name, g_strdup (cycle->unit_name)))
    {
      g_autofree char *both = g_strconcat (self->code, " ", self->name, NULL);

      g_free (self->folded);
      self->folded = par_text_fold (both);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NAME]);
    }
  SET_STRING (block, g_strdup (cycle->block), PROP_BLOCK);
  if (self->state != par_submission_state_of (cycle))
    {
      self->state = par_submission_state_of (cycle);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE_CLASSES]);
    }
  SET_STRING (state_text, g_strdup (par_submission_state_label (self->state)), PROP_STATE_TEXT);
  if (self->round != MAX (cycle->received_round, cycle->sent_round))
    {
      self->round = MAX (cycle->received_round, cycle->sent_round);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ROUND]);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ROUND_TEXT]);
    }
  received_at = format_time (cycle->received_at, &received_sort);
  SET_STRING (received_at, received_at, PROP_RECEIVED_AT);
  SET_NUMBER (received_sort, received_sort, PROP_RECEIVED_SORT);
  sent_at = format_time (cycle->sent_at, &sent_sort);
  SET_STRING (sent_at, sent_at, PROP_SENT_AT);
  SET_NUMBER (sent_sort, sent_sort, PROP_SENT_SORT);
  if (self->deadline_state != cycle->deadline_state)
    {
      self->deadline_state = cycle->deadline_state;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DEADLINE_STATE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DEADLINE_CLASSES]);
    }
  SET_STRING (deadline_text, deadline_text (cycle), PROP_DEADLINE_TEXT);
  SET_STRING (deadline_tooltip, deadline_tooltip (cycle), PROP_DEADLINE_TOOLTIP);
  SET_NUMBER (appraised, (int) cycle->n_appraised, PROP_APPRAISED);
  SET_STRING (appraised_text, g_strdup_printf ("%u/%u", cycle->n_appraised, cycle->n_leaves),
              PROP_APPRAISED_TEXT);
  SET_STRING (verdicts_text, g_strdup_printf ("%u/%u/%u", cycle->n_accepted,
                                              cycle->n_insufficient, cycle->n_rejected),
              PROP_VERDICTS_TEXT);
  SET_NUMBER (objections, (int) (cycle->n_insufficient + cycle->n_rejected), PROP_OBJECTIONS);
  if (self->requests != (int) cycle->n_open_requests)
    {
      self->requests = cycle->n_open_requests;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REQUESTS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REQUESTS_TEXT]);
    }

  self->unit_side = cycle->unit_side;
  self->office_side = !cycle->unit_side && cycle->received_round > 0;
  self->has_packages = cycle->received_round > 0 || cycle->sent_round > 0;
  g_clear_object (&self->menu);
  self->menu = build_menu (self, published);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MENU]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
par_submission_row_get_code (ParSubmissionRow *self)
{
  g_return_val_if_fail (PAR_IS_SUBMISSION_ROW (self), NULL);
  return self->code;
}

const char *
par_submission_row_get_folded (ParSubmissionRow *self)
{
  g_return_val_if_fail (PAR_IS_SUBMISSION_ROW (self), NULL);
  return self->folded;
}

ParSubmissionState
par_submission_row_get_state (ParSubmissionRow *self)
{
  g_return_val_if_fail (PAR_IS_SUBMISSION_ROW (self), PAR_SUBMISSION_NOT_RECEIVED);
  return self->state;
}

ParDeadlineState
par_submission_row_get_deadline_state (ParSubmissionRow *self)
{
  g_return_val_if_fail (PAR_IS_SUBMISSION_ROW (self), PAR_DEADLINE_NONE);
  return self->deadline_state;
}

int
par_submission_row_get_round (ParSubmissionRow *self)
{
  g_return_val_if_fail (PAR_IS_SUBMISSION_ROW (self), 0);
  return self->round;
}

int
par_submission_row_get_requests (ParSubmissionRow *self)
{
  g_return_val_if_fail (PAR_IS_SUBMISSION_ROW (self), 0);
  return self->requests;
}

const char *
par_submission_row_get_verdicts_text (ParSubmissionRow *self)
{
  g_return_val_if_fail (PAR_IS_SUBMISSION_ROW (self), NULL);
  return self->verdicts_text;
}

const char *
par_submission_row_get_deadline_text (ParSubmissionRow *self)
{
  g_return_val_if_fail (PAR_IS_SUBMISSION_ROW (self), NULL);
  return self->deadline_text;
}

gboolean
par_submission_row_get_office_side (ParSubmissionRow *self)
{
  g_return_val_if_fail (PAR_IS_SUBMISSION_ROW (self), FALSE);
  return self->office_side;
}

/**
 * par_submission_row_get_unit_side:
 *
 * Returns: whether the workspace is the unit's own (it sent the unit's
 *   submissions)
 */
gboolean
par_submission_row_get_unit_side (ParSubmissionRow *self)
{
  g_return_val_if_fail (PAR_IS_SUBMISSION_ROW (self), FALSE);
  return self->unit_side;
}
