/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-format"

#include "config.h"

#include "par-format.h"

#include <glib/gi18n.h>

#include "par-decimal.h"
#include "par-lineage.h"

/* Numbers as the user reads them: with a decimal comma in Vietnamese. */

char *
par_format_points (ParMilli value)
{
  return par_milli_to_string (value, par_locale_decimal_separator ());
}

char *
par_format_index (ParCenti value)
{
  if (value == PAR_CENTI_NONE)
    return g_strdup ("—");
  return par_centi_to_string (value, par_locale_decimal_separator (), TRUE);
}

/* "1 point", "2,5 points": a number of points with its unit, singular
 * for exactly one. */
static char *
points_phrase (ParMilli value)
{
  g_autofree char *number = par_format_points (value);
  gulong n = value % PAR_MILLI_ONE == 0 ? (gulong) (value / PAR_MILLI_ONE) : 2;

  /* Translators: a number of points, e.g. "1 point", "2,5 points" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s point", "%s points", n), number);
}

static void
append_not_arising (GString            *text,
                    const ParCriterion *leaf)
{
  if (leaf->not_arising == PAR_NOT_ARISING_FULL)
    g_string_append_printf (text, "\n%s", _("Not arising earns full points."));
  else if (leaf->not_arising == PAR_NOT_ARISING_NA)
    g_string_append_printf (text, "\n%s", _("Not arising counts as not applicable."));
}

/**
 * par_format_rule:
 * @leaf: a leaf
 *
 * Returns: (transfer full): the leaf's rule in words, one line per case
 */
char *
par_format_rule (const ParCriterion *leaf)
{
  const ParRule *rule = &leaf->rule;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *max = par_format_points (leaf->max);
  g_autofree char *max_points = points_phrase (leaf->max);
  g_autofree char *no_points = points_phrase (0);

  switch (rule->kind)
    {
    case PAR_RULE_MANUAL:
      g_string_append_printf (text, _("Points as entered, from 0 to %s."), max);
      break;

    case PAR_RULE_BINARY:
      g_string_append_printf (text, _("Done: %s; not done: %s."), max_points, no_points);
      break;

    case PAR_RULE_OPTIONS:
      for (guint i = 0; i < rule->options->len; i++)
        {
          const ParRuleOption *option = &g_array_index (rule->options, ParRuleOption, i);
          g_autofree char *points = points_phrase (option->points);

          if (i > 0)
            g_string_append_c (text, '\n');
          /* Translators: an option of a sub-criterion and its points ("2 points") */
          g_string_append_printf (text, _("%s: %s"), option->label, points);
        }
      break;

    case PAR_RULE_TIERS:
      for (guint i = 0; i < rule->tiers->len; i++)
        {
          const ParRuleTier *tier = &g_array_index (rule->tiers, ParRuleTier, i);
          g_autofree char *min = par_format_points (tier->min);
          g_autofree char *points = points_phrase (tier->points);

          if (i > 0)
            g_string_append_c (text, '\n');
          /* Translators: a tier of values and its points ("2 points") */
          if (i == 0)
            g_string_append_printf (text, _("from %s: %s"), min, points);
          else
            {
              const ParRuleTier *above = &g_array_index (rule->tiers, ParRuleTier, i - 1);
              g_autofree char *upper = par_format_points (above->min);

              g_string_append_printf (text, _("from %s to under %s: %s"),
                                      min, upper, points);
            }
        }
      if (rule->tiers->len > 0)
        {
          const ParRuleTier *last = &g_array_index (rule->tiers, ParRuleTier,
                                                    rule->tiers->len - 1);
          g_autofree char *min = par_format_points (last->min);

          if (last->min > 0)
            {
              g_string_append_c (text, '\n');
              g_string_append_printf (text, _("under %s: %s"), min, no_points);
            }
        }
      break;

    case PAR_RULE_RATIO:
      {
        g_autofree char *full_at = par_format_points (rule->full_at);

        if (rule->full_at == 100 * PAR_MILLI_ONE)
          g_string_append_printf (text, _("A percentage: %s × the percentage ÷ 100."),
                                  max_points);
        else
          g_string_append_printf (text,
                                  _("A percentage: full points (%s) from %s%%, in proportion below."),
                                  max, full_at);
      }
      break;

    case PAR_RULE_DEDUCTION:
      {
        g_autofree char *per = points_phrase (rule->per);
        g_string_append_printf (text,
                                _("The number of failures: %s less %s for each, never below 0."),
                                max_points, per);
      }
      break;

    case PAR_RULE_SURVEY:
      g_string_append_printf (text,
                              _("From the survey, entered at appraisal: %s × the percentage ÷ 100."),
                              max_points);
      break;

    default:
      g_assert_not_reached ();
    }

  append_not_arising (text, leaf);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * par_format_value:
 * @leaf: a leaf
 * @canonical: (nullable): a stored value
 *
 * Returns: (transfer full): the value as the user reads and types it
 */
char *
par_format_value (const ParCriterion *leaf,
                  const char         *canonical)
{
  if (canonical == NULL)
    return g_strdup ("");
  if (g_str_equal (canonical, "NA"))
    return g_strdup (_("N/A"));
  if (g_str_equal (canonical, "NONE"))
    return g_strdup (_("Not arising"));
  switch (leaf->rule.kind)
    {
    case PAR_RULE_BINARY:
      return g_strdup (g_str_equal (canonical, "yes") ? _("Yes") : _("No"));

    case PAR_RULE_OPTIONS:
      return g_strdup (canonical);

    case PAR_RULE_MANUAL:
    case PAR_RULE_TIERS:
    case PAR_RULE_RATIO:
    case PAR_RULE_DEDUCTION:
    case PAR_RULE_SURVEY:
    default:
      if (par_locale_decimal_separator () == ',')
        return g_strdelimit (g_strdup (canonical), ".", ',');
      return g_strdup (canonical);
    }
}

/**
 * par_format_parse_value:
 * @text: a value as typed
 *
 * Returns: (transfer full): @text with the words for the special answers
 *   turned back into "NA" and "NONE"
 */
char *
par_format_parse_value (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (g_utf8_collate (trimmed, _("N/A")) == 0)
    return g_strdup ("NA");
  if (g_utf8_collate (trimmed, _("Not arising")) == 0)
    return g_strdup ("NONE");
  if (g_utf8_collate (trimmed, _("Yes")) == 0)
    return g_strdup ("yes");
  if (g_utf8_collate (trimmed, _("No")) == 0)
    return g_strdup ("no");
  return g_steal_pointer (&trimmed);
}

/**
 * par_format_short_error:
 * @leaf: a leaf
 * @text: the refused text
 * @message: the core's message
 *
 * Returns: (transfer full): a message short enough for a cell
 */
char *
par_format_short_error (const ParCriterion *leaf,
                        const char         *text,
                        const char         *message)
{
  ParMilli value;

  if (par_milli_parse (text, TRUE, &value, NULL))
    {
      switch (leaf->rule.kind)
        {
        case PAR_RULE_MANUAL:
          {
            g_autofree char *max = par_format_points (leaf->max);
            if (value < 0)
              return g_strdup (_("at least 0 points"));
            return g_strdup_printf (_("at most %s points"), max);
          }
        case PAR_RULE_RATIO:
        case PAR_RULE_SURVEY:
          return g_strdup (_("a percentage from 0 to 100"));
        case PAR_RULE_DEDUCTION:
          return g_strdup (_("a whole number of failures"));
        case PAR_RULE_TIERS:
          return g_strdup (_("a number, at least 0"));
        case PAR_RULE_BINARY:
        case PAR_RULE_OPTIONS:
        default:
          break;
        }
    }
  else
    {
      switch (leaf->rule.kind)
        {
        case PAR_RULE_MANUAL:
        case PAR_RULE_RATIO:
        case PAR_RULE_DEDUCTION:
        case PAR_RULE_TIERS:
        case PAR_RULE_SURVEY:
          return g_strdup (_("not a number"));
        case PAR_RULE_BINARY:
        case PAR_RULE_OPTIONS:
        default:
          break;
        }
    }
  return g_strdup (message);
}

/**
 * par_format_change:
 * @unit: a unit's results
 *
 * Returns: (transfer full): the change against the year before, as
 *   "▲ 2 places, +2,72" — "against its predecessors, +2,72" for a unit
 *   formed from others — or an empty string
 */
char *
par_format_change (const ParUnitResult *unit)
{
  g_autofree char *delta = NULL;
  g_autofree char *places = NULL;
  ParCenti change;
  int moved;

  if (!unit->has_previous || unit->index == PAR_CENTI_NONE)
    return g_strdup ("");

  change = unit->index - unit->previous_index;
  delta = par_centi_to_string (ABS (change), par_locale_decimal_separator (), TRUE);
  moved = unit->rank > 0 && unit->previous_rank > 0
    ? (int) unit->previous_rank - (int) unit->rank : 0;

  if (unit->previous_predecessors != NULL)
    places = g_strdup (_("against its predecessors"));
  else if (moved > 0)
    places = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "▲ %d place", "▲ %d places", moved),
                              moved);
  else if (moved < 0)
    places = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "▼ %d place", "▼ %d places", -moved),
                              -moved);
  else
    places = g_strdup (_("= rank"));

  return g_strdup_printf ("%s, %s%s", places, change < 0 ? "−" : "+", delta);
}

/**
 * par_format_unit_count:
 * @shown: the units shown
 * @total: the units of the list
 *
 * Returns: (transfer full): "%u units", or "%u of %u units" when a search
 *   or a filter hides some (a list's count label)
 */
char *
par_format_unit_count (guint shown,
                       guint total)
{
  if (shown == total)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit", "%u units", total), total);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u unit", "%u of %u units", total),
                          shown, total);
}

/**
 * par_format_verdict_icon:
 * @verdict: the office's verdict
 *
 * Returns: (nullable): the icon showing @verdict (%NULL for none)
 */
const char *
par_format_verdict_icon (ParVerdict verdict)
{
  switch (verdict)
    {
    case PAR_VERDICT_ACCEPTED:
      return "emblem-ok-symbolic";
    case PAR_VERDICT_INSUFFICIENT:
      return "emblem-important-symbolic";
    case PAR_VERDICT_REJECTED:
      return "dialog-error-symbolic";
    case PAR_VERDICT_NONE:
    default:
      return NULL;
    }
}

/**
 * par_format_verdict_style:
 * @verdict: the office's verdict
 *
 * Returns: (nullable): the style class of @verdict's icon ("success",
 *   "warning", "error"; %NULL for none)
 */
const char *
par_format_verdict_style (ParVerdict verdict)
{
  switch (verdict)
    {
    case PAR_VERDICT_ACCEPTED:
      return "success";
    case PAR_VERDICT_INSUFFICIENT:
      return "warning";
    case PAR_VERDICT_REJECTED:
      return "error";
    case PAR_VERDICT_NONE:
    default:
      return NULL;
    }
}

/**
 * par_format_lineage:
 * @unit: a unit's results
 * @year: their year
 *
 * Returns: (transfer full) (nullable): for a unit compared with the units
 *   it was formed from, what the comparison is against
 */
char *
par_format_lineage (const ParUnitResult *unit,
                    int                  year)
{
  g_autoptr(GString) list = NULL;
  g_autofree char *average = NULL;

  if (unit->previous_predecessors == NULL)
    return NULL;
  list = g_string_new (NULL);
  for (guint i = 0; i < unit->previous_predecessors->len; i++)
    {
      const ParPredecessor *predecessor = g_ptr_array_index (unit->previous_predecessors, i);
      g_autofree char *index = par_format_index (predecessor->index);

      g_string_append_printf (list, "\n%s (%s): %s",
                              predecessor->name != NULL ? predecessor->name : predecessor->code,
                              predecessor->code, index);
    }
  average = par_format_index (unit->previous_index);
  /* TRANSLATORS: the tooltip of a merged unit's change; a list of the units
   * and their indices follows */
  return g_strdup_printf (_("Against %s, the average index in %d of the units it was formed "
                            "from:%s"), average, year - 1, list->str);
}
