/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-results-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-decimal.h"
#include "par-results-format.h"

/*
 * The results as JSON, CSV and a readable table (FORMATS.md §5). Numbers
 * are written from their exact decimal form, never through a double, so
 * 85.82 prints as 85.82.
 */

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_milli (GString  *out,
              ParMilli  value,
              char      separator)
{
  g_autofree char *text = par_milli_to_string (value, separator);
  g_string_append (out, text);
}

static void
append_centi (GString  *out,
              ParCenti  value,
              char      separator,
              gboolean  fixed)
{
  g_autofree char *text = par_centi_to_string (value, separator, fixed);
  g_string_append (out, text);
}

static void
append_json_index (GString  *out,
                   ParCenti  index)
{
  if (index == PAR_CENTI_NONE)
    g_string_append (out, "null");
  else
    append_centi (out, index, '.', FALSE);
}

static void
append_json_unit (GString        *out,
                  ParYearResults *results,
                  ParUnitResult  *unit)
{
  ParCriteriaSet *set = par_year_results_get_block_set (results, unit->block);

  g_string_append (out, "    {\n      \"code\": ");
  append_json_string (out, unit->code);
  g_string_append (out, ", \"name\": ");
  append_json_string (out, unit->name);
  g_string_append (out, ", \"block\": ");
  append_json_string (out, par_year_results_get_block_name (results, unit->block));
  g_string_append (out, ",\n      \"self_points\": ");
  append_milli (out, unit->self_points, '.');
  g_string_append (out, ", \"points\": ");
  append_milli (out, unit->points, '.');
  g_string_append (out, ", \"max\": ");
  append_milli (out, unit->max, '.');
  g_string_append (out, ", \"index\": ");
  append_json_index (out, unit->index);
  g_string_append (out, ",\n      \"band\": ");
  if (unit->band != NULL)
    append_json_string (out, unit->band);
  else
    g_string_append (out, "null");
  if (unit->rank > 0)
    g_string_append_printf (out, ", \"rank\": %u", unit->rank);
  else
    g_string_append (out, ", \"rank\": null");
  g_string_append_printf (out, ", \"of\": %u, \"provisional\": %s,\n      \"fields\": [",
                          par_year_results_get_ranked (results, unit->block),
                          unit->provisional ? "true" : "false");

  for (guint f = 0; f < set->fields->len; f++)
    {
      const ParCriterion *field = g_ptr_array_index (set->fields, f);
      const ParFieldResult *sums = &unit->fields[f];

      g_string_append (out, f > 0 ? ",\n        " : "\n        ");
      g_string_append (out, "{ \"code\": ");
      append_json_string (out, field->code);
      g_string_append (out, ", \"title\": ");
      append_json_string (out, field->title);
      g_string_append (out, ", \"points\": ");
      append_milli (out, sums->points, '.');
      g_string_append (out, ", \"max\": ");
      append_milli (out, sums->max, '.');
      g_string_append (out, ", \"index\": ");
      append_json_index (out, par_index_compute (sums->points, sums->max));
      g_string_append (out, " }");
    }
  g_string_append (out, " ],\n      \"previous\": ");

  if (unit->has_previous && unit->index != PAR_CENTI_NONE)
    {
      g_string_append_printf (out, "{ \"year\": %d, \"index\": ", par_year_results_get_year (results) - 1);
      append_centi (out, unit->previous_index, '.', FALSE);
      g_string_append_printf (out, ", \"rank\": %u, \"index_change\": ", unit->previous_rank);
      append_centi (out, unit->index - unit->previous_index, '.', FALSE);
      g_string_append_printf (out, ", \"rank_change\": %d }",
                              (int) unit->previous_rank - (int) unit->rank);
    }
  else if (unit->has_previous)
    {
      g_string_append_printf (out, "{ \"year\": %d, \"index\": ", par_year_results_get_year (results) - 1);
      append_centi (out, unit->previous_index, '.', FALSE);
      g_string_append_printf (out, ", \"rank\": %u, \"index_change\": null, \"rank_change\": null }",
                              unit->previous_rank);
    }
  else
    g_string_append (out, "null");

  g_string_append (out, "\n    }");
}

/**
 * par_results_format_json:
 * @results: computed results
 *
 * Returns: (transfer full): the results as `results --format json`
 */
char *
par_results_format_json (ParYearResults *results)
{
  g_autoptr(GPtrArray) ordered = par_year_results_get_ordered (results);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "{\n  \"year\": %d,\n  \"units\": [", par_year_results_get_year (results));
  for (guint i = 0; i < ordered->len; i++)
    {
      g_string_append (out, i > 0 ? ",\n" : "\n");
      append_json_unit (out, results, g_ptr_array_index (ordered, i));
    }
  g_string_append (out, ordered->len > 0 ? "\n  ]\n}\n" : "]\n}\n");
  return g_string_free (out, FALSE);
}

static void
append_csv_field (GString    *out,
                  const char *text)
{
  if (strpbrk (text, ",;\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * par_results_format_csv:
 * @results: computed results
 *
 * Returns: (transfer full): one row per unit, columns named as the JSON
 *   keys; `previous` is flattened into previous_year, previous_index,
 *   previous_rank, index_change and rank_change
 */
char *
par_results_format_csv (ParYearResults *results)
{
  g_autoptr(GPtrArray) ordered = par_year_results_get_ordered (results);
  GString *out = g_string_new ("code,name,block,self_points,points,max,index,band,rank,of,"
                               "provisional,previous_year,previous_index,previous_rank,"
                               "index_change,rank_change\n");

  for (guint i = 0; i < ordered->len; i++)
    {
      ParUnitResult *unit = g_ptr_array_index (ordered, i);
      gboolean ranked = unit->index != PAR_CENTI_NONE;

      append_csv_field (out, unit->code);
      g_string_append_c (out, ',');
      append_csv_field (out, unit->name);
      g_string_append_c (out, ',');
      append_csv_field (out, par_year_results_get_block_name (results, unit->block));
      g_string_append_c (out, ',');
      append_milli (out, unit->self_points, '.');
      g_string_append_c (out, ',');
      append_milli (out, unit->points, '.');
      g_string_append_c (out, ',');
      append_milli (out, unit->max, '.');
      g_string_append_c (out, ',');
      if (ranked)
        append_centi (out, unit->index, '.', FALSE);
      g_string_append_c (out, ',');
      if (unit->band != NULL)
        append_csv_field (out, unit->band);
      g_string_append_c (out, ',');
      if (ranked)
        g_string_append_printf (out, "%u", unit->rank);
      g_string_append_printf (out, ",%u,%s,", par_year_results_get_ranked (results, unit->block),
                              unit->provisional ? "true" : "false");
      if (unit->has_previous)
        {
          g_string_append_printf (out, "%d,", par_year_results_get_year (results) - 1);
          append_centi (out, unit->previous_index, '.', FALSE);
          g_string_append_printf (out, ",%u,", unit->previous_rank);
          if (ranked)
            {
              append_centi (out, unit->index - unit->previous_index, '.', FALSE);
              g_string_append_printf (out, ",%d", (int) unit->previous_rank - (int) unit->rank);
            }
          else
            g_string_append_c (out, ',');
        }
      else
        g_string_append (out, ",,,,");
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static void
append_padded (GString    *out,
               const char *text,
               int         width,
               gboolean    right)
{
  int length = g_utf8_strlen (text, -1);

  if (right)
    for (int i = length; i < width; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (int i = length; i < width; i++)
      g_string_append_c (out, ' ');
}

/**
 * par_results_format_text:
 * @results: computed results
 * @decimal_separator: the reader's decimal separator
 *
 * Returns: (transfer full): a readable table per block, in the user's
 *   language
 */
char *
par_results_format_text (ParYearResults *results,
                         char            decimal_separator)
{
  g_autoptr(GPtrArray) ordered = par_year_results_get_ordered (results);
  GString *out = g_string_new (NULL);
  int name_width = g_utf8_strlen (_("Unit"), -1);
  int code_width = g_utf8_strlen (_("Code"), -1);
  int rank_width = MAX (7, (int) g_utf8_strlen (_("Rank"), -1));
  int points_width = MAX (8, (int) g_utf8_strlen (_("Points"), -1));
  int max_width = MAX (7, (int) g_utf8_strlen (_("Max"), -1));
  int index_width = MAX (7, (int) g_utf8_strlen (_("Index"), -1));
  int class_width = MAX (10, (int) g_utf8_strlen (_("Class"), -1));
  int block = -1;

  for (guint i = 0; i < ordered->len; i++)
    {
      ParUnitResult *unit = g_ptr_array_index (ordered, i);
      name_width = MAX (name_width, (int) g_utf8_strlen (unit->name, -1));
      code_width = MAX (code_width, (int) g_utf8_strlen (unit->code, -1));
    }

  for (guint i = 0; i < ordered->len; i++)
    {
      ParUnitResult *unit = g_ptr_array_index (ordered, i);
      g_autofree char *points = par_milli_to_string (unit->points, decimal_separator);
      g_autofree char *max = par_milli_to_string (unit->max, decimal_separator);
      g_autofree char *index = NULL;
      g_autofree char *rank = NULL;
      g_autofree char *change = NULL;

      if ((int) unit->block != block)
        {
          block = unit->block;
          g_string_append_printf (out, "%s%s %d — %s\n", out->len > 0 ? "\n" : "",
                                  _("Year"), par_year_results_get_year (results),
                                  par_year_results_get_block_name (results, unit->block));
          append_padded (out, _("Rank"), rank_width, TRUE);
          g_string_append (out, "  ");
          append_padded (out, _("Code"), code_width, FALSE);
          g_string_append (out, "  ");
          append_padded (out, _("Unit"), name_width, FALSE);
          g_string_append (out, "  ");
          append_padded (out, _("Points"), points_width, TRUE);
          g_string_append (out, "  ");
          append_padded (out, _("Max"), max_width, TRUE);
          g_string_append (out, "  ");
          append_padded (out, _("Index"), index_width, TRUE);
          g_string_append (out, "  ");
          append_padded (out, _("Class"), class_width, FALSE);
          g_string_append (out, "  ");
          g_string_append (out, _("Change"));
          g_string_append_c (out, '\n');
        }

      if (unit->index != PAR_CENTI_NONE)
        {
          index = par_centi_to_string (unit->index, decimal_separator, TRUE);
          rank = g_strdup_printf ("%u/%u", unit->rank, par_year_results_get_ranked (results, unit->block));
        }
      if (unit->has_previous && unit->index != PAR_CENTI_NONE)
        {
          g_autofree char *delta = par_centi_to_string (unit->index - unit->previous_index,
                                                        decimal_separator, TRUE);
          int places = (int) unit->previous_rank - (int) unit->rank;
          change = g_strdup_printf ("%s%s, %s%d", unit->index >= unit->previous_index ? "+" : "",
                                    delta, places > 0 ? "▲" : places < 0 ? "▼" : "=", ABS (places));
        }

      append_padded (out, rank != NULL ? rank : "—", rank_width, TRUE);
      g_string_append (out, "  ");
      append_padded (out, unit->code, code_width, FALSE);
      g_string_append (out, "  ");
      append_padded (out, unit->name, name_width, FALSE);
      g_string_append (out, "  ");
      append_padded (out, points, points_width, TRUE);
      g_string_append (out, "  ");
      append_padded (out, max, max_width, TRUE);
      g_string_append (out, "  ");
      append_padded (out, index != NULL ? index : "—", index_width, TRUE);
      g_string_append (out, "  ");
      append_padded (out, unit->band != NULL ? unit->band : "—", class_width, FALSE);
      g_string_append (out, "  ");
      g_string_append (out, change != NULL ? change : "");
      if (unit->provisional)
        g_string_append_printf (out, "%s(%s)", change != NULL ? " " : "", _("provisional"));
      g_string_append_c (out, '\n');
    }

  if (ordered->len == 0)
    g_string_append_printf (out, _("Year %d has no units yet.\n"), par_year_results_get_year (results));

  return g_string_free (out, FALSE);
}
