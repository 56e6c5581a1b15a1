/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "par-bench-data.h"

#include "par-decimal.h"

#define N_FIELDS 8

static const double field_max[N_FIELDS] = { 13.5, 3, 21, 6, 9, 5, 11, 31.5 };
static const int field_leaves[N_FIELDS] = { 14, 6, 20, 8, 10, 6, 12, 24 };   /* 100 leaves */

static const char *kinds[] = { "manual", "binary", "options", "tiers", "ratio", "deduction" };

/* The impact field opens with four survey leaves (entered at appraisal
 * only); every other leaf cycles through the other rule kinds. */
static const char *
leaf_kind (int field,
           int leaf)
{
  if (field == N_FIELDS - 1 && leaf < 4)
    return "survey";
  return kinds[leaf % G_N_ELEMENTS (kinds)];
}

static int
leaves_in_field (int field)
{
  return field_leaves[field];
}

/* Leaf maxima: a field's maximum spread over its leaves in multiples of
 * 0.25, the remainder on the last leaf. */
static ParMilli
leaf_max (int field,
          int leaf)
{
  ParMilli total = (ParMilli) (field_max[field] * 1000);
  int n = leaves_in_field (field);
  ParMilli each = (total / n) / 250 * 250;

  if (each == 0)
    each = 250;
  if (leaf < n - 1)
    return each;
  return total - each * (n - 1);
}

char *
par_bench_make_criteria_set (void)
{
  GString *json = g_string_new ("{ \"format\": \"parindex-criteria/1\", "
                                "\"title\": \"Bộ chỉ số đo hiệu năng (100 tiêu chí thành phần)\", "
                                "\"nodes\": [\n");

  for (int f = 0; f < N_FIELDS; f++)
    {
      g_string_append_printf (json, "%s{ \"code\": \"%d\", \"title\": \"Lĩnh vực %d\", \"children\": [\n",
                              f > 0 ? ",\n" : "", f + 1, f + 1);
      for (int l = 0; l < leaves_in_field (f); l++)
        {
          g_autofree char *max = par_milli_to_string (leaf_max (f, l), '.');
          const char *kind = leaf_kind (f, l);

          g_string_append_printf (json, "%s  { \"code\": \"%d.%d\", \"title\": \"Tiêu chí thành phần %d.%d\", "
                                  "\"max\": %s, \"rule\": { \"kind\": \"%s\"",
                                  l > 0 ? ",\n" : "", f + 1, l + 1, f + 1, l + 1, max, kind);
          if (g_str_equal (kind, "options"))
            g_string_append_printf (json, ", \"options\": [ { \"label\": \"Đúng thời hạn\", \"points\": %s }, "
                                    "{ \"label\": \"Chậm\", \"points\": 0 } ]", max);
          else if (g_str_equal (kind, "tiers"))
            g_string_append_printf (json, ", \"tiers\": [ { \"min\": 95, \"points\": %s }, "
                                    "{ \"min\": 80, \"points\": 0 } ]", max);
          else if (g_str_equal (kind, "deduction"))
            g_string_append (json, ", \"per\": 0.25");
          g_string_append (json, " }, \"not_arising\": \"na\"");
          /* Real sets name the evidence expected of almost every leaf
           * (the survey's are the office's). */
          if (!g_str_equal (kind, "survey"))
            g_string_append_printf (json, ", \"evidence\": \"Văn bản, báo cáo chứng minh %d.%d\"",
                                    f + 1, l + 1);
          g_string_append (json, " }");
        }
      g_string_append (json, " ] }");
    }
  g_string_append (json, "\n] }\n");
  return g_string_free (json, FALSE);
}

char *
par_bench_make_units (guint n_units)
{
  GString *csv = g_string_new ("code,name,block,kind\n");

  for (guint i = 0; i < n_units; i++)
    g_string_append_printf (csv, "X%05u,UBND xã Số %u,UBND cấp xã,xã\n", i, i + 1);
  return g_string_free (csv, FALSE);
}

static void
append_value (GString *csv,
              const char *kind,
              ParMilli    max,
              guint32     random)
{
  if (g_str_equal (kind, "manual"))
    {
      g_autofree char *text = par_milli_to_string (max - (random % 3) * (max / 4), '.');
      g_string_append (csv, text);
    }
  else if (g_str_equal (kind, "binary"))
    g_string_append (csv, random % 5 == 0 ? "no" : "yes");
  else if (g_str_equal (kind, "options"))
    g_string_append (csv, random % 4 == 0 ? "Chậm" : "Đúng thời hạn");
  else if (g_str_equal (kind, "deduction"))
    g_string_append_printf (csv, "%u", random % 3);
  else
    g_string_append_printf (csv, "%u.%u", 70 + random % 30, random % 10);
}

char *
par_bench_make_scores (guint   n_units,
                       guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *csv = g_string_sized_new (n_units * 200 * 24);

  g_string_append (csv, "unit,criterion,stage,value\n");
  for (guint u = 0; u < n_units; u++)
    for (int f = 0; f < N_FIELDS; f++)
      for (int l = 0; l < leaves_in_field (f); l++)
        {
          const char *kind = leaf_kind (f, l);

          if (!g_str_equal (kind, "survey"))
            {
              g_string_append_printf (csv, "X%05u,%d.%d,self,", u, f + 1, l + 1);
              append_value (csv, kind, leaf_max (f, l), g_rand_int (rand));
              g_string_append_c (csv, '\n');
            }
          g_string_append_printf (csv, "X%05u,%d.%d,appraisal,", u, f + 1, l + 1);
          if (g_rand_int_range (rand, 0, 50) == 0)
            g_string_append (csv, "NA");
          else
            append_value (csv, kind, leaf_max (f, l), g_rand_int (rand));
          g_string_append_c (csv, '\n');
        }
  return g_string_free (csv, FALSE);
}

