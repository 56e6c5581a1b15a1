/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-common.h"
#include "par-criteria-set.h"
#include "par-json-check.h"
#include "par-limits.h"
#include "par-rule.h"

/*
 * The criteria reader (FORMATS.md §1): any bytes are refused with an error
 * or give a set whose every leaf can be scored. The strict JSON check runs
 * on its own too, since it is what stands between the bytes and JSON-GLib.
 */

static const char *values[] = {
  "", "0", "1", "0.5", "97,5", "100", "1000000000", "-1", "NA", "NONE", "yes", "không", "2",
  "Đúng thời hạn", "x",
};

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_glib (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autoptr(GError) error = NULL;

  par_json_check ((const char *) data, size, PAR_LIMIT_JSON_DEPTH, NULL);

  set = par_criteria_set_new_from_data ((const char *) data, size, &error);
  if (set == NULL)
    {
      g_assert (error != NULL && error->message != NULL);
      return 0;
    }

  par_criteria_set_get_max (set);
  for (ParCenti index = -100; index <= 10100; index += 250)
    par_criteria_set_band_for (set, index);

  for (guint i = 0; i < set->leaves->len; i++)
    {
      const ParCriterion *leaf = g_ptr_array_index (set->leaves, i);

      g_assert (par_criteria_set_lookup (set, leaf->code) == leaf);
      g_assert (leaf->max > 0 && leaf->max <= PAR_LIMIT_LEAF_MAX);
      g_assert (leaf->depth < PAR_LIMIT_TREE_DEPTH);
      for (guint v = 0; v < G_N_ELEMENTS (values); v++)
        for (int stage = PAR_STAGE_SELF; stage <= PAR_STAGE_APPRAISAL; stage++)
          {
            ParEntry entry = { 0 };
            g_autoptr(GError) value_error = NULL;

            if (par_rule_evaluate (leaf, stage, values[v], v % 2 == 0, &entry, &value_error))
              {
                /* every accepted value scores within the leaf's range */
                g_assert (entry.points >= 0 && entry.points <= leaf->max);
                par_entry_clear (&entry);
              }
          }
    }
  return 0;
}
