/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-results-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-decimal.h"
#include "par-format-private.h"
#include "par-lineage.h"
#include "par-results-format.h"
#include "par-text.h"

/*
 * The results as JSON, CSV and a readable table (FORMATS.md §5). Numbers
 * are written from their exact decimal form, never through a double, so
 * 85.82 prints as 85.82.
 */

/* Appending to a GString sized beforehand: GLib 2.74 goes through
 * g_string_insert_len() for every piece; a year's JSON is some 200,000
 * pieces. */
static inline void
append_len (GString    *out,
            const char *text,
            gsize       length)
{
  if (G_LIKELY (out->len + length < out->allocated_len))
    {
      memcpy (out->str + out->len, text, length);
      out->len += length;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, text, length);
}

#define append_literal(out, literal) append_len ((out), "" literal, sizeof (literal) - 1)

/* @value, a whole number times 10^@places (3 for a ParMilli, 2 for a
 * ParCenti), with '.' before its decimals. */
static void
append_scaled (GString *out,
               gint64   value,
               int      places)
{
  char buffer[PAR_DECIMAL_BUFFER];
  gsize length = par_scaled_format (value, places, '.', FALSE, buffer);

  append_len (out, buffer, length);
}

static void
append_int (GString *out,
            gint64   value)
{
  append_scaled (out, value * 100, 2);
}

/* JSON's string escapes: runs of characters that need none are appended
 * whole (a name, a title). */
static void
append_json_string (GString    *out,
                    const char *text)
{
  const char *run = text;
  const char *p;

  append_literal (out, "\"");
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':  append_literal (out, "\\\""); break;
        case '\\': append_literal (out, "\\\\"); break;
        case '\n': append_literal (out, "\\n"); break;
        case '\r': append_literal (out, "\\r"); break;
        case '\t': append_literal (out, "\\t"); break;
        default:   g_string_append_printf (out, "\\u%04x", c); break;
        }
    }
  append_len (out, run, p - run);
  append_literal (out, "\"");
}

static void
append_json_index (GString  *out,
                   ParCenti  index)
{
  if (index == PAR_CENTI_NONE)
    append_literal (out, "null");
  else
    append_scaled (out, index, 2);
}

/* The year before of a unit formed from others: FORMATS.md §5's keys,
 * no rank, and what the index is the average of. */
static void
append_json_lineage (GString        *out,
                     ParYearResults *results,
                     ParUnitResult  *unit)
{
  g_string_append_printf (out, "{ \"year\": %d, \"index\": ",
                          par_year_results_get_year (results) - 1);
  append_scaled (out, unit->previous_index, 2);
  g_string_append (out, ", \"rank\": null, \"index_change\": ");
  if (unit->index != PAR_CENTI_NONE)
    append_scaled (out, unit->index - unit->previous_index, 2);
  else
    g_string_append (out, "null");
  g_string_append (out, ", \"rank_change\": null,\n        \"basis\": \"predecessors\","
                        " \"predecessors\": [");
  for (guint i = 0; i < unit->previous_predecessors->len; i++)
    {
      const ParPredecessor *predecessor = g_ptr_array_index (unit->previous_predecessors, i);

      g_string_append (out, i > 0 ? ",\n          " : "\n          ");
      g_string_append (out, "{ \"code\": ");
      append_json_string (out, predecessor->code);
      g_string_append (out, ", \"relation\": ");
      append_json_string (out, par_relation_to_string (predecessor->relation));
      g_string_append (out, ", \"index\": ");
      append_json_index (out, predecessor->index);
      g_string_append (out, " }");
    }
  g_string_append (out, " ] }");
}

/* What a unit's JSON and CSV begin with: its code, name and block
 * (written by @append_text), then its self points, points and maximum;
 * each after its separator in @separators (a key, a comma). */
static void
append_unit_head (GString             *out,
                  ParYearResults      *results,
                  ParUnitResult       *unit,
                  void               (*append_text) (GString *, const char *),
                  const char * const   separators[6])
{
  const char *texts[] = {
    unit->code, unit->name, par_year_results_get_block_name (results, unit->block),
  };
  ParMilli points[] = { unit->self_points, unit->points, unit->max };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      append_len (out, separators[i], strlen (separators[i]));
      append_text (out, texts[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      append_len (out, separators[3 + i], strlen (separators[3 + i]));
      append_scaled (out, points[i], 3);
    }
}

static void
append_json_unit (GString        *out,
                  ParYearResults *results,
                  ParUnitResult  *unit)
{
  static const char * const keys[] = {
    "    {\n      \"code\": ", ", \"name\": ", ", \"block\": ",
    ",\n      \"self_points\": ", ", \"points\": ", ", \"max\": ",
  };
  ParCriteriaSet *set = par_year_results_get_block_set (results, unit->block);

  append_unit_head (out, results, unit, append_json_string, keys);
  append_literal (out, ", \"index\": ");
  append_json_index (out, unit->index);
  append_literal (out, ",\n      \"band\": ");
  if (unit->band != NULL)
    append_json_string (out, unit->band);
  else
    append_literal (out, "null");
  append_literal (out, ", \"rank\": ");
  if (unit->rank > 0)
    append_int (out, unit->rank);
  else
    append_literal (out, "null");
  append_literal (out, ", \"of\": ");
  append_int (out, par_year_results_get_ranked (results, unit->block));
  if (unit->provisional)
    append_literal (out, ", \"provisional\": true,\n      \"fields\": [");
  else
    append_literal (out, ", \"provisional\": false,\n      \"fields\": [");

  for (guint f = 0; f < set->fields->len; f++)
    {
      const ParCriterion *field = g_ptr_array_index (set->fields, f);
      const ParFieldResult *sums = &unit->fields[f];

      if (f > 0)
        append_literal (out, ",\n        ");
      else
        append_literal (out, "\n        ");
      append_literal (out, "{ \"code\": ");
      append_json_string (out, field->code);
      append_literal (out, ", \"title\": ");
      append_json_string (out, field->title);
      append_literal (out, ", \"points\": ");
      append_scaled (out, sums->points, 3);
      append_literal (out, ", \"max\": ");
      append_scaled (out, sums->max, 3);
      append_literal (out, ", \"index\": ");
      append_json_index (out, par_index_compute (sums->points, sums->max));
      append_literal (out, " }");
    }
  append_literal (out, " ],\n      \"previous\": ");

  if (unit->previous_predecessors != NULL)
    append_json_lineage (out, results, unit);
  else if (unit->has_previous)
    {
      append_literal (out, "{ \"year\": ");
      append_int (out, par_year_results_get_year (results) - 1);
      append_literal (out, ", \"index\": ");
      append_scaled (out, unit->previous_index, 2);
      append_literal (out, ", \"rank\": ");
      append_int (out, unit->previous_rank);
      if (unit->index != PAR_CENTI_NONE)
        {
          append_literal (out, ", \"index_change\": ");
          append_scaled (out, unit->index - unit->previous_index, 2);
          append_literal (out, ", \"rank_change\": ");
          append_int (out, (gint64) unit->previous_rank - (gint64) unit->rank);
          append_literal (out, " }");
        }
      else
        append_literal (out, ", \"index_change\": null, \"rank_change\": null }");
    }
  else
    append_literal (out, "null");

  append_literal (out, "\n    }");
}

/* The JSON of @results into @out; with @stream, written out and @out
 * emptied whenever it holds more than a chunk, so that a national year
 * (3.7 MB) is never held whole. */
#define JSON_CHUNK (64 * 1024)

static gboolean
format_json (ParYearResults *results,
             GPtrArray      *ordered,
             GString        *out,
             FILE           *stream)
{
  g_string_append_printf (out, "{\n  \"year\": %d,\n  \"units\": [", par_year_results_get_year (results));
  for (guint i = 0; i < ordered->len; i++)
    {
      if (i > 0)
        append_literal (out, ",\n");
      else
        append_literal (out, "\n");
      append_json_unit (out, results, g_ptr_array_index (ordered, i));
      if (stream != NULL && out->len > JSON_CHUNK)
        {
          if (fwrite (out->str, 1, out->len, stream) != out->len)
            return FALSE;
          g_string_truncate (out, 0);
        }
    }
  if (ordered->len > 0)
    append_literal (out, "\n  ]\n}\n");
  else
    append_literal (out, "]\n}\n");
  return stream == NULL || fwrite (out->str, 1, out->len, stream) == out->len;
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
  /* About a kilobyte a unit with its fields: grown once, not doubling. */
  GString *out = g_string_sized_new (1024 * (ordered->len + 1));

  format_json (results, ordered, out, NULL);
  return g_string_free (out, FALSE);
}

/**
 * par_results_write_json:
 * @results: computed results
 * @stream: where to write
 *
 * Writes par_results_format_json()'s text to @stream a chunk at a time.
 *
 * Returns: %FALSE when writing failed
 */
gboolean
par_results_write_json (ParYearResults *results,
                        FILE           *stream)
{
  g_autoptr(GPtrArray) ordered = par_year_results_get_ordered (results);
  g_autoptr(GString) out = g_string_sized_new (JSON_CHUNK + 4096);

  return format_json (results, ordered, out, stream);
}

/* Names and codes go through par_text_append_printable(): no control
 * character of a name reaches a terminal (tabs and line breaks stay, quoted). */
void
_par_format_csv_field (GString    *out,
                       const char *text)
{
  g_auto(GStrv) parts = NULL;

  if (strpbrk (text, ",;\"\r\n") == NULL)
    {
      par_text_append_printable (out, text, TRUE);
      return;
    }

  g_string_append_c (out, '"');
  parts = g_strsplit (text, "\"", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, "\"\"");
      par_text_append_printable (out, parts[i], TRUE);
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
  static const char * const separators[] = { "", ",", ",", ",", ",", "," };
  GString *out = g_string_new ("code,name,block,self_points,points,max,index,band,rank,of,"
                               "provisional,previous_year,previous_index,previous_rank,"
                               "index_change,rank_change\n");

  for (guint i = 0; i < ordered->len; i++)
    {
      ParUnitResult *unit = g_ptr_array_index (ordered, i);
      gboolean ranked = unit->index != PAR_CENTI_NONE;

      append_unit_head (out, results, unit, _par_format_csv_field, separators);
      g_string_append_c (out, ',');
      if (ranked)
        append_scaled (out, unit->index, 2);
      g_string_append_c (out, ',');
      if (unit->band != NULL)
        _par_format_csv_field (out, unit->band);
      g_string_append_c (out, ',');
      if (ranked)
        g_string_append_printf (out, "%u", unit->rank);
      g_string_append_printf (out, ",%u,%s,", par_year_results_get_ranked (results, unit->block),
                              unit->provisional ? "true" : "false");
      if (unit->has_previous)
        {
          /* Compared with its predecessors, a unit has no rank before. */
          gboolean own = unit->previous_predecessors == NULL;

          g_string_append_printf (out, "%d,", par_year_results_get_year (results) - 1);
          append_scaled (out, unit->previous_index, 2);
          g_string_append_c (out, ',');
          if (own)
            g_string_append_printf (out, "%u", unit->previous_rank);
          g_string_append_c (out, ',');
          if (ranked)
            {
              append_scaled (out, unit->index - unit->previous_index, 2);
              g_string_append_c (out, ',');
              if (own)
                g_string_append_printf (out, "%d", (int) unit->previous_rank - (int) unit->rank);
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

void
_par_format_padded (GString    *out,
                    const char *text,
                    int         width,
                    gboolean    right)
{
  int length = g_utf8_strlen (text, -1);

  if (right)
    for (int i = length; i < width; i++)
      g_string_append_c (out, ' ');
  par_text_append_printable (out, text, FALSE);
  if (!right)
    for (int i = length; i < width; i++)
      g_string_append_c (out, ' ');
}

/* Under a block's table, what each † compares with. */
static void
append_lineage_note (GString        *notes,
                     ParYearResults *results,
                     ParUnitResult  *unit,
                     char            decimal_separator)
{
  g_autofree char *average = par_centi_to_string (unit->previous_index, decimal_separator, TRUE);
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < unit->previous_predecessors->len; i++)
    {
      const ParPredecessor *predecessor = g_ptr_array_index (unit->previous_predecessors, i);
      g_autofree char *index = predecessor->index != PAR_CENTI_NONE
        ? par_centi_to_string (predecessor->index, decimal_separator, TRUE) : g_strdup ("—");

      g_string_append_printf (list, "%s%s %s", i > 0 ? ", " : "", predecessor->code, index);
    }
  /* TRANSLATORS: under the results table: "† TL: compared with 81.50, the
   * average index in 2024 of the units it was formed from (XA 83.00, XB 80.00)" */
  g_string_append_printf (notes, _("† %s: compared with %s, the average index in %d of the units "
                                   "it was formed from (%s)\n"),
                          unit->code, average, par_year_results_get_year (results) - 1, list->str);
  g_string_free (list, TRUE);
}

/* The text table's columns, but the last (the change): each padded to
 * its width, at least its heading's and @min_width. */
enum
{
  COLUMN_RANK,
  COLUMN_CODE,
  COLUMN_UNIT,
  COLUMN_POINTS,
  COLUMN_MAX,
  COLUMN_INDEX,
  COLUMN_CLASS,
  N_COLUMNS
};

static const struct
{
  int      min_width;
  gboolean right;
} columns[N_COLUMNS] = {
  [COLUMN_RANK] = { 7, TRUE },
  [COLUMN_CODE] = { 0, FALSE },
  [COLUMN_UNIT] = { 0, FALSE },
  [COLUMN_POINTS] = { 8, TRUE },
  [COLUMN_MAX] = { 7, TRUE },
  [COLUMN_INDEX] = { 7, TRUE },
  [COLUMN_CLASS] = { 10, FALSE },
};

static void
append_row (GString          *out,
            const char       *cells[N_COLUMNS],
            const int         widths[N_COLUMNS],
            const char       *change)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      _par_format_padded (out, cells[c], widths[c], columns[c].right);
      g_string_append (out, "  ");
    }
  g_string_append (out, change);
}

static void
flush_notes (GString *out,
             GString *notes)
{
  g_string_append_len (out, notes->str, notes->len);
  g_string_truncate (notes, 0);
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
  g_autoptr(GString) notes = g_string_new (NULL);
  const char *headings[N_COLUMNS] = {
    _("Rank"), _("Code"), _("Unit"), _("Points"), _("Max"), _("Index"), _("Class"),
  };
  int widths[N_COLUMNS];
  int block = -1;

  for (guint c = 0; c < N_COLUMNS; c++)
    widths[c] = MAX (columns[c].min_width, (int) g_utf8_strlen (headings[c], -1));
  for (guint i = 0; i < ordered->len; i++)
    {
      ParUnitResult *unit = g_ptr_array_index (ordered, i);
      widths[COLUMN_UNIT] = MAX (widths[COLUMN_UNIT], (int) g_utf8_strlen (unit->name, -1));
      widths[COLUMN_CODE] = MAX (widths[COLUMN_CODE], (int) g_utf8_strlen (unit->code, -1));
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
          flush_notes (out, notes);
          block = unit->block;
          g_string_append_printf (out, "%s%s %d — ", out->len > 0 ? "\n" : "",
                                  _("Year"), par_year_results_get_year (results));
          par_text_append_printable (out, par_year_results_get_block_name (results, unit->block),
                                     FALSE);
          g_string_append_c (out, '\n');
          append_row (out, headings, widths, _("Change"));
          g_string_append_c (out, '\n');
        }

      if (unit->index != PAR_CENTI_NONE)
        {
          index = par_centi_to_string (unit->index, decimal_separator, TRUE);
          rank = g_strdup_printf ("%u/%u", unit->rank, par_year_results_get_ranked (results, unit->block));
        }
      if (unit->has_previous && unit->index != PAR_CENTI_NONE &&
          unit->previous_predecessors != NULL)
        {
          g_autofree char *delta = par_centi_to_string (unit->index - unit->previous_index,
                                                        decimal_separator, TRUE);

          /* Against its predecessors: no places, a mark explained below. */
          change = g_strdup_printf ("%s%s †", unit->index >= unit->previous_index ? "+" : "",
                                    delta);
          append_lineage_note (notes, results, unit, decimal_separator);
        }
      else if (unit->has_previous && unit->index != PAR_CENTI_NONE)
        {
          g_autofree char *delta = par_centi_to_string (unit->index - unit->previous_index,
                                                        decimal_separator, TRUE);
          int places = (int) unit->previous_rank - (int) unit->rank;
          change = g_strdup_printf ("%s%s, %s%d", unit->index >= unit->previous_index ? "+" : "",
                                    delta, places > 0 ? "▲" : places < 0 ? "▼" : "=", ABS (places));
        }

      {
        const char *cells[N_COLUMNS] = {
          rank != NULL ? rank : "—", unit->code, unit->name, points, max,
          index != NULL ? index : "—", unit->band != NULL ? unit->band : "—",
        };

        append_row (out, cells, widths, change != NULL ? change : "");
      }
      if (unit->provisional)
        g_string_append_printf (out, "%s(%s)", change != NULL ? " " : "", _("provisional"));
      g_string_append_c (out, '\n');
    }

  flush_notes (out, notes);
  if (ordered->len == 0)
    g_string_append_printf (out, _("Year %d has no units yet.\n"), par_year_results_get_year (results));

  return g_string_free (out, FALSE);
}
