/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-overview-row"

#include "config.h"

#include "par-overview-row.h"

#include <glib/gi18n.h>
#include <string.h>

#include "par-format.h"
#include "par-submission-row.h"
#include "par-text.h"

/**
 * ParOverviewRow:
 *
 * One unit of the overview of the year: its results (#ParUnitResult), its
 * completeness (#ParUnitCompleteness) and its place in the cycle between
 * desks (#ParUnitCycle), each column as a string property to show and a
 * value to sort by, made when the row changes — a number, or a key made
 * once (par_text_sort_key()) — so that sorting 3,321 rows compares
 * integers and bytes. Setters notify only the columns that changed.
 */
struct _ParOverviewRow
{
  GObject   parent_instance;

  char     *code;
  char     *folded;
  guint     block;
  gboolean  provisional;
  gboolean  incomplete;
  char     *text[PAR_OVERVIEW_N_COLUMNS];
  char     *key[PAR_OVERVIEW_N_COLUMNS];     /* or NULL: sorted by number */
  gint64    number[PAR_OVERVIEW_N_COLUMNS];
  guint     has_value;                       /* bit per column */
  char     *evidence_tooltip;
};

G_DEFINE_FINAL_TYPE (ParOverviewRow, par_overview_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  /* PROP_0 + 1 + column: the columns' texts */
  PROP_EVIDENCE_TOOLTIP = 1 + PAR_OVERVIEW_N_COLUMNS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const column_ids[PAR_OVERVIEW_N_COLUMNS] = {
  "code", "name", "block", "self-points", "points", "index", "class", "rank", "change",
  "provisional", "evidence", "submission",
};

/**
 * par_overview_column_get_id:
 *
 * Returns: the column's id, the name of its #ParOverviewRow property
 */
const char *
par_overview_column_get_id (ParOverviewColumn column)
{
  g_return_val_if_fail (column < PAR_OVERVIEW_N_COLUMNS, NULL);
  return column_ids[column];
}

/**
 * par_overview_column_from_id:
 *
 * Returns: whether @id names a column
 */
gboolean
par_overview_column_from_id (const char        *id,
                             ParOverviewColumn *out_column)
{
  for (guint i = 0; i < PAR_OVERVIEW_N_COLUMNS; i++)
    if (g_strcmp0 (id, column_ids[i]) == 0)
      {
        *out_column = i;
        return TRUE;
      }
  return FALSE;
}

static void
par_overview_row_finalize (GObject *object)
{
  ParOverviewRow *self = (ParOverviewRow *)object;

  g_free (self->code);
  g_free (self->folded);
  g_free (self->evidence_tooltip);
  for (guint i = 0; i < PAR_OVERVIEW_N_COLUMNS; i++)
    {
      g_free (self->text[i]);
      g_free (self->key[i]);
    }

  G_OBJECT_CLASS (par_overview_row_parent_class)->finalize (object);
}

static void
par_overview_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ParOverviewRow *self = PAR_OVERVIEW_ROW (object);

  if (prop_id >= 1 && prop_id < 1 + PAR_OVERVIEW_N_COLUMNS)
    g_value_set_string (value, self->text[prop_id - 1]);
  else if (prop_id == PROP_EVIDENCE_TOOLTIP)
    g_value_set_string (value, self->evidence_tooltip);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
par_overview_row_class_init (ParOverviewRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = par_overview_row_finalize;
  object_class->get_property = par_overview_row_get_property;

  for (guint i = 0; i < PAR_OVERVIEW_N_COLUMNS; i++)
    properties [1 + i] = g_param_spec_string (column_ids[i], NULL, NULL, NULL, flags);
  properties [PROP_EVIDENCE_TOOLTIP] =
    g_param_spec_string ("evidence-tooltip", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
par_overview_row_init (ParOverviewRow *self)
{
  for (guint i = 0; i < PAR_OVERVIEW_N_COLUMNS; i++)
    self->text[i] = g_strdup ("");
}

/**
 * par_overview_row_new:
 * @code: the unit's code
 *
 * Returns: (transfer full): an empty row of unit @code
 */
ParOverviewRow *
par_overview_row_new (const char *code)
{
  ParOverviewRow *self;

  g_return_val_if_fail (code != NULL, NULL);

  self = g_object_new (PAR_TYPE_OVERVIEW_ROW, NULL);
  self->code = g_strdup (code);
  self->text[PAR_OVERVIEW_CODE] = (g_free (self->text[PAR_OVERVIEW_CODE]), g_strdup (code));
  self->key[PAR_OVERVIEW_CODE] = par_text_sort_key (code);
  self->has_value |= 1u << PAR_OVERVIEW_CODE;
  self->folded = par_text_fold (code);
  return self;
}

/* Takes @text; notifies when it changed. */
static gboolean
set_text (ParOverviewRow    *self,
          ParOverviewColumn  column,
          char              *text)
{
  if (g_strcmp0 (self->text[column], text) == 0)
    {
      g_free (text);
      return FALSE;
    }
  g_free (self->text[column]);
  self->text[column] = text;
  g_object_notify_by_pspec (G_OBJECT (self), properties [1 + column]);
  return TRUE;
}

static void
set_number (ParOverviewRow    *self,
            ParOverviewColumn  column,
            gboolean           has_value,
            gint64             number)
{
  self->number[column] = has_value ? number : 0;
  if (has_value)
    self->has_value |= 1u << column;
  else
    self->has_value &= ~(1u << column);
}

/* A text sorted by its natural key, made only when the text changed. */
static void
set_keyed_text (ParOverviewRow    *self,
                ParOverviewColumn  column,
                const char        *text)
{
  if (!set_text (self, column, g_strdup (text != NULL ? text : "")))
    return;
  g_free (self->key[column]);
  self->key[column] = text != NULL ? par_text_sort_key (text) : NULL;
  set_number (self, column, text != NULL, 0);
}

/**
 * par_overview_row_set_result:
 * @self: a #ParOverviewRow
 * @results: the year's results
 * @unit: the unit's results in @results
 *
 * Shows the unit's name, block, points, index, class, rank, change and
 * whether its results are provisional.
 */
void
par_overview_row_set_result (ParOverviewRow      *self,
                             ParYearResults      *results,
                             const ParUnitResult *unit)
{
  gboolean has_index;
  gboolean has_change;

  g_return_if_fail (PAR_IS_OVERVIEW_ROW (self));
  g_return_if_fail (g_str_equal (unit->code, self->code));

  has_index = unit->index != PAR_CENTI_NONE;
  has_change = unit->has_previous && has_index;

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->text[PAR_OVERVIEW_NAME], unit->name) != 0)
    {
      g_autofree char *both = g_strconcat (self->code, " ", unit->name, NULL);

      g_free (self->folded);
      self->folded = par_text_fold (both);
      set_keyed_text (self, PAR_OVERVIEW_NAME, unit->name);
    }
  self->block = unit->block;
  set_keyed_text (self, PAR_OVERVIEW_BLOCK, par_year_results_get_block_name (results, unit->block));

  set_text (self, PAR_OVERVIEW_SELF_POINTS, par_format_points (unit->self_points));
  set_number (self, PAR_OVERVIEW_SELF_POINTS, TRUE, unit->self_points);
  set_text (self, PAR_OVERVIEW_POINTS, par_format_points (unit->points));
  set_number (self, PAR_OVERVIEW_POINTS, TRUE, unit->points);
  set_text (self, PAR_OVERVIEW_INDEX, par_format_index (unit->index));
  set_number (self, PAR_OVERVIEW_INDEX, has_index, unit->index);
  /* Classes are ranges of the index: in the order of the index. */
  set_text (self, PAR_OVERVIEW_CLASS, g_strdup (unit->band != NULL ? unit->band : "—"));
  set_number (self, PAR_OVERVIEW_CLASS, unit->band != NULL && has_index, unit->index);
  set_text (self, PAR_OVERVIEW_RANK, unit->rank > 0 ? g_strdup_printf ("%u", unit->rank)
                                                    : g_strdup ("—"));
  set_number (self, PAR_OVERVIEW_RANK, unit->rank > 0, unit->rank);
  set_text (self, PAR_OVERVIEW_CHANGE, par_format_change (unit));
  set_number (self, PAR_OVERVIEW_CHANGE, has_change,
              has_change ? unit->index - unit->previous_index : 0);
  self->provisional = unit->provisional;
  set_text (self, PAR_OVERVIEW_PROVISIONAL,
            g_strdup (unit->provisional ? C_("overview", "Provisional") : ""));
  set_number (self, PAR_OVERVIEW_PROVISIONAL, TRUE, unit->provisional);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * par_overview_row_set_completeness:
 * @self: a #ParOverviewRow
 * @completeness: the unit's completeness
 *
 * Shows the evidence given of the evidence expected ("58/65"); the entries
 * still to make in its tooltip.
 */
void
par_overview_row_set_completeness (ParOverviewRow            *self,
                                   const ParUnitCompleteness *completeness)
{
  g_autoptr(GString) tooltip = g_string_new (NULL);
  guint given;

  g_return_if_fail (PAR_IS_OVERVIEW_ROW (self));
  g_return_if_fail (g_str_equal (completeness->unit_code, self->code));

  given = MIN (completeness->n_given, completeness->n_expected);
  g_object_freeze_notify (G_OBJECT (self));
  self->incomplete = !par_unit_completeness_is_complete (completeness);
  set_text (self, PAR_OVERVIEW_EVIDENCE,
            completeness->n_expected > 0
            ? g_strdup_printf ("%u/%u", given, completeness->n_expected) : g_strdup ("—"));
  /* The share given, then the fewest entries missing. */
  set_number (self, PAR_OVERVIEW_EVIDENCE, TRUE,
              (completeness->n_expected > 0
               ? (gint64) given * 1000000 / completeness->n_expected : 1000000) * 100000
              - MIN (completeness->n_unscored, 99999));
  g_string_append_printf (tooltip,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u sub-criterion expecting evidence has a "
                                       "document or an explanation",
                                       "%u of %u sub-criteria expecting evidence have a "
                                       "document or an explanation",
                                       completeness->n_expected),
                          given, completeness->n_expected);
  if (completeness->n_unscored > 0)
    {
      g_string_append_c (tooltip, '\n');
      g_string_append_printf (tooltip,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u sub-criterion without a self-assessment",
                                           "%u sub-criteria without a self-assessment",
                                           completeness->n_unscored),
                              completeness->n_unscored);
    }
  if (g_strcmp0 (self->evidence_tooltip, tooltip->str) != 0)
    {
      g_free (self->evidence_tooltip);
      self->evidence_tooltip = g_string_free (g_steal_pointer (&tooltip), FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EVIDENCE_TOOLTIP]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * par_overview_row_set_cycle:
 * @self: a #ParOverviewRow
 * @cycle: the unit's place in the cycle between desks
 *
 * Shows where the unit stands, as the submissions board says it.
 */
void
par_overview_row_set_cycle (ParOverviewRow     *self,
                            const ParUnitCycle *cycle)
{
  ParSubmissionState state;

  g_return_if_fail (PAR_IS_OVERVIEW_ROW (self));
  g_return_if_fail (g_str_equal (cycle->unit_code, self->code));

  state = par_submission_state_of (cycle);
  set_text (self, PAR_OVERVIEW_SUBMISSION, g_strdup (par_submission_state_label (state)));
  set_number (self, PAR_OVERVIEW_SUBMISSION, TRUE, state);
}

const char *
par_overview_row_get_code (ParOverviewRow *self)
{
  g_return_val_if_fail (PAR_IS_OVERVIEW_ROW (self), NULL);
  return self->code;
}

/**
 * par_overview_row_get_text:
 *
 * Returns: what the row shows in @column
 */
const char *
par_overview_row_get_text (ParOverviewRow    *self,
                           ParOverviewColumn  column)
{
  g_return_val_if_fail (PAR_IS_OVERVIEW_ROW (self), NULL);
  g_return_val_if_fail (column < PAR_OVERVIEW_N_COLUMNS, NULL);
  return self->text[column];
}

/**
 * par_overview_row_get_folded:
 *
 * Returns: the code and name folded for searching (par_text_fold())
 */
const char *
par_overview_row_get_folded (ParOverviewRow *self)
{
  g_return_val_if_fail (PAR_IS_OVERVIEW_ROW (self), NULL);
  return self->folded;
}

guint
par_overview_row_get_block (ParOverviewRow *self)
{
  g_return_val_if_fail (PAR_IS_OVERVIEW_ROW (self), 0);
  return self->block;
}

gboolean
par_overview_row_get_provisional (ParOverviewRow *self)
{
  g_return_val_if_fail (PAR_IS_OVERVIEW_ROW (self), FALSE);
  return self->provisional;
}

/**
 * par_overview_row_get_incomplete:
 *
 * Returns: whether the unit's evidence or self entries are incomplete
 *   (%FALSE until its completeness is known)
 */
gboolean
par_overview_row_get_incomplete (ParOverviewRow *self)
{
  g_return_val_if_fail (PAR_IS_OVERVIEW_ROW (self), FALSE);
  return self->incomplete;
}

static int
compare_values (ParOverviewRow    *a,
                ParOverviewRow    *b,
                ParOverviewColumn  column)
{
  gboolean has_a = (a->has_value >> column) & 1;
  gboolean has_b = (b->has_value >> column) & 1;

  /* A row without a value ("—") after every row with one. */
  if (has_a != has_b)
    return has_a ? -1 : 1;
  if (!has_a)
    return 0;
  if (a->key[column] != NULL && b->key[column] != NULL)
    return strcmp (a->key[column], b->key[column]);
  return a->number[column] < b->number[column] ? -1 : a->number[column] > b->number[column];
}

/**
 * par_overview_row_compare:
 * @a: a row
 * @b: another row
 * @column: the column sorted
 *
 * The rows' order in @column, ties in the order of their names, then of
 * their codes (a total order). Compares only what the rows keep made.
 *
 * Returns: negative, 0 or positive
 */
int
par_overview_row_compare (ParOverviewRow    *a,
                          ParOverviewRow    *b,
                          ParOverviewColumn  column)
{
  int order;

  if ((order = compare_values (a, b, column)) != 0)
    return order;
  if (column != PAR_OVERVIEW_NAME && (order = compare_values (a, b, PAR_OVERVIEW_NAME)) != 0)
    return order;
  return compare_values (a, b, PAR_OVERVIEW_CODE);
}
