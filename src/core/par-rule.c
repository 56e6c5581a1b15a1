/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-rule"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-criteria-set.h"
#include "par-decimal.h"
#include "par-error.h"
#include "par-limits.h"
#include "par-rule.h"

static const char *rule_kind_names[] = {
  [PAR_RULE_MANUAL] = "manual",
  [PAR_RULE_BINARY] = "binary",
  [PAR_RULE_OPTIONS] = "options",
  [PAR_RULE_TIERS] = "tiers",
  [PAR_RULE_RATIO] = "ratio",
  [PAR_RULE_DEDUCTION] = "deduction",
  [PAR_RULE_SURVEY] = "survey",
};

const char *
par_rule_kind_to_string (ParRuleKind kind)
{
  g_return_val_if_fail (kind <= PAR_RULE_SURVEY, NULL);

  return rule_kind_names[kind];
}

gboolean
par_rule_kind_from_string (const char  *text,
                           ParRuleKind *out_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_kind_names); i++)
    {
      if (g_strcmp0 (text, rule_kind_names[i]) == 0)
        {
          *out_kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

void
par_rule_clear (ParRule *rule)
{
  if (rule->options != NULL)
    {
      for (guint i = 0; i < rule->options->len; i++)
        {
          ParRuleOption *option = &g_array_index (rule->options, ParRuleOption, i);
          g_free (option->label);
          g_free (option->folded);
        }
    }
  g_clear_pointer (&rule->options, g_array_unref);
  g_clear_pointer (&rule->tiers, g_array_unref);
}

void
par_entry_clear (ParEntry *entry)
{
  g_clear_pointer (&entry->value, g_free);
  entry->state = PAR_ENTRY_EMPTY;
  entry->points = 0;
  entry->applicable = TRUE;
}

ParEntryState
par_entry_state_from_stored (int stored)
{
  if (stored < PAR_ENTRY_EMPTY || stored > PAR_ENTRY_NONE)
    return PAR_ENTRY_EMPTY;
  return stored;
}

static char *
fold (const char *text)
{
  g_autofree char *nfc = NULL;

  if (g_str_is_ascii (text))
    return g_ascii_strdown (text, -1);

  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    return g_strdup ("");
  return g_utf8_casefold (nfc, -1);
}

static char *
points_text (ParMilli value)
{
  return par_milli_to_string (value, par_locale_decimal_separator ());
}

static gboolean
parse_number (const ParCriterion  *leaf,
              const char          *text,
              gboolean             allow_decimal_comma,
              ParMilli             low,
              ParMilli             high,
              ParMilli            *out_value,
              GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *low_text = NULL;
  g_autofree char *high_text = NULL;

  if (!par_milli_parse (text, allow_decimal_comma, out_value, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (*out_value >= low && (high < 0 || *out_value <= high) && *out_value <= PAR_LIMIT_NUMBER)
    return TRUE;

  low_text = points_text (low);
  if (*out_value > PAR_LIMIT_NUMBER && (high < 0 || high > PAR_LIMIT_NUMBER))
    g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                 _("“%s” is larger than %d, the largest number a score may hold"), text,
                 (int) (PAR_LIMIT_NUMBER / PAR_MILLI_ONE));
  else if (high < 0)
    g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                 _("“%s” is below %s"), text, low_text);
  else
    {
      high_text = points_text (high);
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” is outside %s–%s"), text, low_text, high_text);
    }
  return FALSE;
}

static gboolean
evaluate_binary (const char  *text,
                 ParMilli     max,
                 ParEntry    *entry,
                 GError     **error)
{
  static const char *yes[] = { "yes", "có", "1" };
  static const char *no[] = { "no", "không", "0" };
  g_autofree char *folded = fold (text);

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_str_equal (folded, yes[i]))
        {
          entry->value = g_strdup ("yes");
          entry->points = max;
          return TRUE;
        }
      if (g_str_equal (folded, no[i]))
        {
          entry->value = g_strdup ("no");
          entry->points = 0;
          return TRUE;
        }
    }

  g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
               _("“%s” is not yes or no (yes/no, có/không, 1/0)"), text);
  return FALSE;
}

static gboolean
evaluate_options (const ParRule  *rule,
                  const char     *text,
                  ParEntry       *entry,
                  GError        **error)
{
  g_autofree char *folded = NULL;
  g_autoptr(GString) labels = NULL;
  const ParRuleOption *chosen = NULL;
  guint64 position;

  /* The label as the set spells it (most files), then folded. */
  for (guint i = 0; i < rule->options->len && chosen == NULL; i++)
    {
      const ParRuleOption *option = &g_array_index (rule->options, ParRuleOption, i);
      if (g_str_equal (option->label, text))
        chosen = option;
    }
  if (chosen == NULL)
    folded = fold (text);
  for (guint i = 0; i < rule->options->len && chosen == NULL; i++)
    {
      const ParRuleOption *option = &g_array_index (rule->options, ParRuleOption, i);
      if (g_str_equal (option->folded, folded))
        chosen = option;
    }

  if (chosen == NULL &&
      g_ascii_string_to_unsigned (g_strstrip (folded), 10, 1, rule->options->len,
                                  &position, NULL))
    chosen = &g_array_index (rule->options, ParRuleOption, position - 1);

  if (chosen != NULL)
    {
      entry->value = g_strdup (chosen->label);
      entry->points = chosen->points;
      return TRUE;
    }

  labels = g_string_new (NULL);
  for (guint i = 0; i < rule->options->len; i++)
    {
      const ParRuleOption *option = &g_array_index (rule->options, ParRuleOption, i);
      g_string_append_printf (labels, "%s%u “%s”", i > 0 ? ", " : "", i + 1, option->label);
    }
  g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
               _("“%s” is not one of the options: %s"), text, labels->str);
  return FALSE;
}

static ParMilli
tier_points (const ParRule *rule,
             ParMilli       value)
{
  /* Tiers are sorted by descending lower bound; the bound is inclusive. */
  for (guint i = 0; i < rule->tiers->len; i++)
    {
      const ParRuleTier *tier = &g_array_index (rule->tiers, ParRuleTier, i);
      if (tier->min <= value)
        return tier->points;
    }
  return 0;
}

/* max − count × per, at least 0. The count is at most PAR_LIMIT_NUMBER /
 * 1000 and per at most the leaf's max, so the product stays far below
 * G_MAXINT64; the comparison first keeps it exact whatever the inputs. */
static ParMilli
deduct (ParMilli max,
        gint64   count,
        ParMilli per)
{
  g_assert (max >= 0 && count >= 0 && per > 0);

  if (count >= max / per + 1)
    return 0;
  return MAX (0, max - count * per);
}

static gboolean
evaluate_value (const ParCriterion  *leaf,
                const char          *text,
                gboolean             allow_decimal_comma,
                ParEntry            *entry,
                GError             **error)
{
  const ParRule *rule = &leaf->rule;
  ParMilli value;

  switch (rule->kind)
    {
    case PAR_RULE_MANUAL:
      if (!parse_number (leaf, text, allow_decimal_comma, 0, leaf->max, &value, error))
        return FALSE;
      entry->points = value;
      break;

    case PAR_RULE_BINARY:
      return evaluate_binary (text, leaf->max, entry, error);

    case PAR_RULE_OPTIONS:
      return evaluate_options (rule, text, entry, error);

    case PAR_RULE_TIERS:
      if (!parse_number (leaf, text, allow_decimal_comma, 0, -1, &value, error))
        return FALSE;
      entry->points = tier_points (rule, value);
      break;

    case PAR_RULE_RATIO:
      if (!parse_number (leaf, text, allow_decimal_comma, 0, 100 * PAR_MILLI_ONE, &value, error))
        return FALSE;
      entry->points = par_div_round_half_up (leaf->max * MIN (value, rule->full_at),
                                             rule->full_at);
      break;

    case PAR_RULE_SURVEY:
      if (!parse_number (leaf, text, allow_decimal_comma, 0, 100 * PAR_MILLI_ONE, &value, error))
        return FALSE;
      entry->points = par_div_round_half_up (leaf->max * value, 100 * PAR_MILLI_ONE);
      break;

    case PAR_RULE_DEDUCTION:
      if (!parse_number (leaf, text, allow_decimal_comma, 0, -1, &value, error))
        return FALSE;
      if (value % PAR_MILLI_ONE != 0)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("“%s” is not a whole count"), text);
          return FALSE;
        }
      entry->points = deduct (leaf->max, value / PAR_MILLI_ONE, rule->per);
      break;

    default:
      g_assert_not_reached ();
    }

  entry->value = par_milli_to_string (value, '.');
  return TRUE;
}

/**
 * par_rule_evaluate:
 * @leaf: a leaf of a criteria set
 * @stage: the stage the entry belongs to
 * @text: the value as entered or imported (FORMATS.md §3)
 * @allow_decimal_comma: whether "97,5" means 97.5
 * @out_entry: (out caller-allocates): the evaluated entry
 * @error: return location for a #GError
 *
 * Validates @text against the leaf's rule and computes its points. An empty
 * @text clears the entry; "NA" and "NONE" are the special answers.
 *
 * Returns: %TRUE when @text is valid for @leaf at @stage
 */
gboolean
par_rule_evaluate (const ParCriterion  *leaf,
                   ParStage             stage,
                   const char          *text,
                   gboolean             allow_decimal_comma,
                   ParEntry            *out_entry,
                   GError             **error)
{
  g_autofree char *trimmed = NULL;
  ParEntry entry = { PAR_ENTRY_VALUE, NULL, 0, TRUE };

  g_return_val_if_fail (leaf != NULL && leaf->children == NULL, FALSE);
  g_return_val_if_fail (out_entry != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  /* An option's label is a name: nothing longer is worth folding. */
  if (g_utf8_strlen (trimmed, PAR_LIMIT_NAME_CHARS * 4 + 4) > PAR_LIMIT_NAME_CHARS)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the value is longer than %d characters, the most a value may have"),
                   PAR_LIMIT_NAME_CHARS);
      return FALSE;
    }

  if (trimmed[0] == '\0')
    {
      entry.state = PAR_ENTRY_EMPTY;
      *out_entry = entry;
      return TRUE;
    }

  if (leaf->rule.kind == PAR_RULE_SURVEY && stage == PAR_STAGE_SELF)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("criterion %s is scored from the survey: only the appraisal stage may enter it"),
                   leaf->code);
      return FALSE;
    }

  if (g_ascii_strcasecmp (trimmed, "NA") == 0)
    {
      entry.state = PAR_ENTRY_NA;
      entry.value = g_strdup ("NA");
      entry.applicable = FALSE;
    }
  else if (g_ascii_strcasecmp (trimmed, "NONE") == 0)
    {
      if (leaf->not_arising == PAR_NOT_ARISING_REFUSED)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("criterion %s does not accept “not arising” (NONE)"), leaf->code);
          return FALSE;
        }
      entry.state = PAR_ENTRY_NONE;
      entry.value = g_strdup ("NONE");
      if (leaf->not_arising == PAR_NOT_ARISING_FULL)
        entry.points = leaf->max;
      else
        entry.applicable = FALSE;
    }
  else if (!evaluate_value (leaf, trimmed, allow_decimal_comma, &entry, error))
    {
      return FALSE;
    }

  *out_entry = entry;
  return TRUE;
}
