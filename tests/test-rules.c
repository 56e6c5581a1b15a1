/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "par-criteria-set.h"
#include "par-error.h"
#include "par-rule.h"

/* How a leaf turns what the clerk entered into points (FORMATS.md §1, §3). */

static const char rules_json[] =
  "{ \"format\": \"parindex-criteria/1\", \"title\": \"Mọi loại quy tắc\","
  "  \"nodes\": [ { \"code\": \"1\", \"title\": \"Lĩnh vực\", \"children\": ["
  "    { \"code\": \"1.1\", \"title\": \"manual\", \"max\": 2.5 },"
  "    { \"code\": \"1.2\", \"title\": \"binary\", \"max\": 3,"
  "      \"rule\": { \"kind\": \"binary\" } },"
  "    { \"code\": \"1.3\", \"title\": \"options\", \"max\": 1, \"rule\": { \"kind\": \"options\","
  "        \"options\": [ { \"label\": \"Đúng thời hạn\", \"points\": 1 },"
  "                       { \"label\": \"Chậm\", \"points\": 0.5 },"
  "                       { \"label\": \"Không ban hành\", \"points\": 0 } ] } },"
  "    { \"code\": \"1.4\", \"title\": \"tiers\", \"max\": 10, \"rule\": { \"kind\": \"tiers\","
  "        \"tiers\": [ { \"min\": 80, \"points\": 5 }, { \"min\": 100, \"points\": 10 },"
  "                     { \"min\": 95, \"points\": 7.5 } ] } },"
  "    { \"code\": \"1.5\", \"title\": \"ratio\", \"max\": 1.5,"
  "      \"rule\": { \"kind\": \"ratio\" } },"
  "    { \"code\": \"1.6\", \"title\": \"ratio full_at\", \"max\": 2,"
  "      \"rule\": { \"kind\": \"ratio\", \"full_at\": 80 } },"
  "    { \"code\": \"1.7\", \"title\": \"deduction\", \"max\": 1,"
  "      \"rule\": { \"kind\": \"deduction\", \"per\": 0.25 } },"
  "    { \"code\": \"1.8\", \"title\": \"survey\", \"max\": 11.5,"
  "      \"rule\": { \"kind\": \"survey\" } },"
  "    { \"code\": \"1.9\", \"title\": \"not arising full\", \"max\": 2, \"not_arising\": \"full\","
  "      \"rule\": { \"kind\": \"deduction\", \"per\": 0.5 } },"
  "    { \"code\": \"1.10\", \"title\": \"not arising na\", \"max\": 2, \"not_arising\": \"na\" }"
  "  ] } ] }";

static ParCriteriaSet *rules_set;

static const ParCriterion *
leaf (const char *code)
{
  const ParCriterion *node = par_criteria_set_lookup (rules_set, code);

  g_assert_nonnull (node);
  g_assert_null (node->children);
  return node;
}

/* Evaluates a value that must be accepted; returns its points. */
static ParMilli
points_at (const char *code,
           ParStage    stage,
           const char *text,
           gboolean    decimal_comma,
           const char *expected_value)
{
  g_autoptr(GError) error = NULL;
  ParEntry entry = { 0 };
  ParMilli points;

  g_assert_true (par_rule_evaluate (leaf (code), stage, text, decimal_comma, &entry, &error));
  g_assert_no_error (error);
  g_assert_cmpint (entry.state, ==, PAR_ENTRY_VALUE);
  g_assert_true (entry.applicable);
  if (expected_value != NULL)
    g_assert_cmpstr (entry.value, ==, expected_value);
  points = entry.points;
  par_entry_clear (&entry);
  return points;
}

static ParMilli
points_for (const char *code,
            const char *text)
{
  return points_at (code, PAR_STAGE_APPRAISAL, text, FALSE, NULL);
}

static void
assert_refused_at (const char *code,
                   ParStage    stage,
                   const char *text,
                   gboolean    decimal_comma)
{
  g_autoptr(GError) error = NULL;
  ParEntry entry = { 0 };

  g_assert_false (par_rule_evaluate (leaf (code), stage, text, decimal_comma, &entry, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_null (entry.value);
}

static void
assert_refused (const char *code,
                const char *text)
{
  assert_refused_at (code, PAR_STAGE_APPRAISAL, text, FALSE);
}

static void
test_manual_bounds (void)
{
  g_assert_cmpint (points_for ("1.1", "0"), ==, 0);
  g_assert_cmpint (points_for ("1.1", "2.5"), ==, 2500);
  g_assert_cmpint (points_for ("1.1", "1.234"), ==, 1234);
  g_assert_cmpint (points_at ("1.1", PAR_STAGE_SELF, "1,25", TRUE, "1.25"), ==, 1250);
  /* the canonical value has minimal digits */
  g_assert_cmpint (points_at ("1.1", PAR_STAGE_SELF, " 2.50 ", FALSE, "2.5"), ==, 2500);

  assert_refused ("1.1", "2.501");
  assert_refused ("1.1", "3");
  assert_refused ("1.1", "-0.5");
  assert_refused ("1.1", "-0.001");
  assert_refused ("1.1", "1.2345");
  assert_refused ("1.1", "2,5");
  assert_refused ("1.1", "đủ");
}

static void
test_binary_answers (void)
{
  const char *yes[] = { "yes", "YES", "Yes", "có", "Có", "CÓ", "1" };
  const char *no[] = { "no", "No", "NO", "không", "Không", "KHÔNG", "0" };
  g_autofree char *co_nfd = g_utf8_normalize ("có", -1, G_NORMALIZE_NFD);
  g_autofree char *khong_nfd = g_utf8_normalize ("Không", -1, G_NORMALIZE_NFD);

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    g_assert_cmpint (points_at ("1.2", PAR_STAGE_SELF, yes[i], FALSE, "yes"), ==, 3000);
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    g_assert_cmpint (points_at ("1.2", PAR_STAGE_SELF, no[i], FALSE, "no"), ==, 0);

  /* Typed on a keyboard that decomposes accents. */
  g_assert_cmpstr (co_nfd, !=, "có");
  g_assert_cmpint (points_at ("1.2", PAR_STAGE_SELF, co_nfd, FALSE, "yes"), ==, 3000);
  g_assert_cmpint (points_at ("1.2", PAR_STAGE_SELF, khong_nfd, FALSE, "no"), ==, 0);

  assert_refused ("1.2", "maybe");
  assert_refused ("1.2", "2");
  assert_refused ("1.2", "yes please");
}

static void
test_options_by_label (void)
{
  g_autofree char *cham_nfd = g_utf8_normalize ("Chậm", -1, G_NORMALIZE_NFD);

  g_assert_cmpint (points_at ("1.3", PAR_STAGE_SELF, "Đúng thời hạn", FALSE, "Đúng thời hạn"),
                   ==, 1000);
  g_assert_cmpint (points_at ("1.3", PAR_STAGE_SELF, "Chậm", FALSE, "Chậm"), ==, 500);
  g_assert_cmpint (points_at ("1.3", PAR_STAGE_SELF, "Không ban hành", FALSE, "Không ban hành"),
                   ==, 0);

  /* case-insensitive, and the canonical value is the set's label */
  g_assert_cmpint (points_at ("1.3", PAR_STAGE_SELF, "chậm", FALSE, "Chậm"), ==, 500);
  g_assert_cmpint (points_at ("1.3", PAR_STAGE_SELF, "CHẬM", FALSE, "Chậm"), ==, 500);
  g_assert_cmpint (points_at ("1.3", PAR_STAGE_SELF, "đúng THỜI hạn", FALSE, "Đúng thời hạn"),
                   ==, 1000);
  g_assert_cmpint (points_at ("1.3", PAR_STAGE_SELF, "  Chậm ", FALSE, "Chậm"), ==, 500);

  /* NFD input matches the NFC label */
  g_assert_cmpstr (cham_nfd, !=, "Chậm");
  g_assert_cmpint (points_at ("1.3", PAR_STAGE_SELF, cham_nfd, FALSE, "Chậm"), ==, 500);

  assert_refused ("1.3", "Cham");
  assert_refused ("1.3", "Chậm trễ");
}

static void
test_options_by_number (void)
{
  g_assert_cmpint (points_at ("1.3", PAR_STAGE_SELF, "1", FALSE, "Đúng thời hạn"), ==, 1000);
  g_assert_cmpint (points_at ("1.3", PAR_STAGE_SELF, "2", FALSE, "Chậm"), ==, 500);
  g_assert_cmpint (points_at ("1.3", PAR_STAGE_SELF, " 3 ", FALSE, "Không ban hành"), ==, 0);

  assert_refused ("1.3", "0");
  assert_refused ("1.3", "4");
  assert_refused ("1.3", "-1");
  assert_refused ("1.3", "1.5");
}

static void
test_options_error_lists_choices (void)
{
  g_autoptr(GError) error = NULL;
  ParEntry entry = { 0 };

  g_assert_false (par_rule_evaluate (leaf ("1.3"), PAR_STAGE_SELF, "Sớm", FALSE, &entry, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Sớm"));
  g_assert_nonnull (strstr (error->message, "Đúng thời hạn"));
  g_assert_nonnull (strstr (error->message, "Chậm"));
  g_assert_nonnull (strstr (error->message, "Không ban hành"));
}

static void
test_tiers_lower_bound_inclusive (void)
{
  /* tiers (listed out of order in the set): ≥100 → 10, ≥95 → 7.5, ≥80 → 5 */
  g_assert_cmpint (points_for ("1.4", "100"), ==, 10000);
  g_assert_cmpint (points_for ("1.4", "99.999"), ==, 7500);
  g_assert_cmpint (points_for ("1.4", "95"), ==, 7500);
  g_assert_cmpint (points_for ("1.4", "97"), ==, 7500);
  g_assert_cmpint (points_for ("1.4", "94.999"), ==, 5000);
  g_assert_cmpint (points_for ("1.4", "80"), ==, 5000);
  g_assert_cmpint (points_at ("1.4", PAR_STAGE_SELF, "97,5", TRUE, "97.5"), ==, 7500);
}

static void
test_tiers_below_every_tier (void)
{
  g_assert_cmpint (points_for ("1.4", "79.999"), ==, 0);
  g_assert_cmpint (points_for ("1.4", "0"), ==, 0);
  /* a number ≥ 0, not only a percentage */
  g_assert_cmpint (points_for ("1.4", "150"), ==, 10000);

  assert_refused ("1.4", "-1");
  assert_refused ("1.4", "ninety");
}

static void
test_ratio_half_up (void)
{
  /* max 1.5: points = 1.5 × value / 100, to 3 decimals, half up */
  /* 0.4995 → 0.5 */
  g_assert_cmpint (points_at ("1.5", PAR_STAGE_SELF, "33.3", FALSE, "33.3"), ==, 500);
  g_assert_cmpint (points_for ("1.5", "0.1"), ==, 2);        /* 0.0015 → 0.002 */
  g_assert_cmpint (points_for ("1.5", "0.03"), ==, 0);       /* 0.00045 → 0 */
  g_assert_cmpint (points_for ("1.5", "33.266"), ==, 499);   /* 0.49899 */
  g_assert_cmpint (points_for ("1.5", "100"), ==, 1500);
  g_assert_cmpint (points_for ("1.5", "0"), ==, 0);

  assert_refused ("1.5", "100.001");
  assert_refused ("1.5", "-5");
}

static void
test_ratio_full_at (void)
{
  /* max 2, full_at 80: points = 2 × min (value, 80) / 80 */
  g_assert_cmpint (points_for ("1.6", "80"), ==, 2000);
  g_assert_cmpint (points_for ("1.6", "90"), ==, 2000);
  g_assert_cmpint (points_for ("1.6", "100"), ==, 2000);
  g_assert_cmpint (points_for ("1.6", "40"), ==, 1000);
  g_assert_cmpint (points_for ("1.6", "33.3"), ==, 833);     /* 0.8325 → 0.833 */
}

static void
test_deduction (void)
{
  /* max 1, 0.25 per failure, never below 0 */
  g_assert_cmpint (points_at ("1.7", PAR_STAGE_SELF, "0", FALSE, "0"), ==, 1000);
  g_assert_cmpint (points_for ("1.7", "1"), ==, 750);
  g_assert_cmpint (points_for ("1.7", "3"), ==, 250);
  g_assert_cmpint (points_for ("1.7", "4"), ==, 0);
  g_assert_cmpint (points_for ("1.7", "5"), ==, 0);
  g_assert_cmpint (points_for ("1.7", "1000"), ==, 0);
}

static void
test_deduction_whole_count (void)
{
  assert_refused ("1.7", "1.5");
  assert_refused ("1.7", "0.001");
  assert_refused_at ("1.7", PAR_STAGE_SELF, "2,5", TRUE);
  assert_refused ("1.7", "-1");
}

static void
test_survey_stages (void)
{
  g_autoptr(GError) error = NULL;
  ParEntry entry = { 0 };

  /* Units never score the survey themselves. */
  g_assert_false (par_rule_evaluate (leaf ("1.8"), PAR_STAGE_SELF, "80", FALSE, &entry, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1.8"));

  /* max 11.5 × value / 100, half up */
  g_assert_cmpint (points_for ("1.8", "87.565"), ==, 10070);    /* 10.069975 */
  g_assert_cmpint (points_for ("1.8", "50"), ==, 5750);
  g_assert_cmpint (points_for ("1.8", "100"), ==, 11500);
  g_assert_cmpint (points_for ("1.8", "0.013"), ==, 1);         /* 0.001495 → 0.001 */
  g_assert_cmpint (points_for ("1.8", "0.087"), ==, 10);        /* 0.0100050 → 0.010 */
  g_assert_cmpint (points_for ("1.8", "33.3"), ==, 3830);       /* 3.8295 → 3.830 */

  assert_refused ("1.8", "100.5");
  assert_refused ("1.8", "-1");
}

static void
assert_special (const char    *code,
                ParStage       stage,
                const char    *text,
                ParEntryState  state,
                const char    *value,
                ParMilli       points,
                gboolean       applicable)
{
  g_autoptr(GError) error = NULL;
  ParEntry entry = { 0 };

  g_assert_true (par_rule_evaluate (leaf (code), stage, text, FALSE, &entry, &error));
  g_assert_no_error (error);
  g_assert_cmpint (entry.state, ==, state);
  g_assert_cmpstr (entry.value, ==, value);
  g_assert_cmpint (entry.points, ==, points);
  g_assert_cmpint (entry.applicable, ==, applicable);
  par_entry_clear (&entry);
}

static void
test_not_applicable (void)
{
  const char *codes[] = { "1.1", "1.2", "1.3", "1.4", "1.5", "1.7", "1.9", "1.10" };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      assert_special (codes[i], PAR_STAGE_SELF, "NA", PAR_ENTRY_NA, "NA", 0, FALSE);
      assert_special (codes[i], PAR_STAGE_APPRAISAL, " na ", PAR_ENTRY_NA, "NA", 0, FALSE);
    }
  assert_special ("1.8", PAR_STAGE_APPRAISAL, "NA", PAR_ENTRY_NA, "NA", 0, FALSE);
}

static void
test_not_arising_full (void)
{
  assert_special ("1.9", PAR_STAGE_SELF, "NONE", PAR_ENTRY_NONE, "NONE", 2000, TRUE);
  assert_special ("1.9", PAR_STAGE_APPRAISAL, "none", PAR_ENTRY_NONE, "NONE", 2000, TRUE);
}

static void
test_not_arising_na (void)
{
  assert_special ("1.10", PAR_STAGE_SELF, "NONE", PAR_ENTRY_NONE, "NONE", 0, FALSE);
}

static void
test_not_arising_refused (void)
{
  g_autoptr(GError) error = NULL;
  ParEntry entry = { 0 };

  g_assert_false (par_rule_evaluate (leaf ("1.1"), PAR_STAGE_SELF, "NONE", FALSE, &entry, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1.1"));

  assert_refused ("1.3", "NONE");
  assert_refused ("1.7", "NONE");
}

static void
test_empty_clears (void)
{
  const char *empties[] = { "", "   ", "\t" };

  for (guint i = 0; i < G_N_ELEMENTS (empties); i++)
    {
      assert_special ("1.1", PAR_STAGE_SELF, empties[i], PAR_ENTRY_EMPTY, NULL, 0, TRUE);
      assert_special ("1.3", PAR_STAGE_APPRAISAL, empties[i], PAR_ENTRY_EMPTY, NULL, 0, TRUE);
    }
  assert_special ("1.2", PAR_STAGE_SELF, NULL, PAR_ENTRY_EMPTY, NULL, 0, TRUE);
}

static void
test_kind_names (void)
{
  const char *names[] = { "manual", "binary", "options", "tiers", "ratio", "deduction", "survey" };
  ParRuleKind kind;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (par_rule_kind_from_string (names[i], &kind));
      g_assert_cmpstr (par_rule_kind_to_string (kind), ==, names[i]);
    }
  g_assert_false (par_rule_kind_from_string ("Manual", &kind));
  g_assert_false (par_rule_kind_from_string ("lottery", &kind));

  g_assert_cmpint (leaf ("1.1")->rule.kind, ==, PAR_RULE_MANUAL);
  g_assert_cmpint (leaf ("1.8")->rule.kind, ==, PAR_RULE_SURVEY);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  rules_set = par_criteria_set_new_from_data (rules_json, -1, &error);
  g_assert_no_error (error);

  g_test_add_func ("/par/rules/manual-bounds", test_manual_bounds);
  g_test_add_func ("/par/rules/binary-answers", test_binary_answers);
  g_test_add_func ("/par/rules/options-by-label", test_options_by_label);
  g_test_add_func ("/par/rules/options-by-number", test_options_by_number);
  g_test_add_func ("/par/rules/options-error-lists-choices", test_options_error_lists_choices);
  g_test_add_func ("/par/rules/tiers-lower-bound-inclusive", test_tiers_lower_bound_inclusive);
  g_test_add_func ("/par/rules/tiers-below-every-tier", test_tiers_below_every_tier);
  g_test_add_func ("/par/rules/ratio-rounds-half-up", test_ratio_half_up);
  g_test_add_func ("/par/rules/ratio-full-at", test_ratio_full_at);
  g_test_add_func ("/par/rules/deduction-floor-at-zero", test_deduction);
  g_test_add_func ("/par/rules/deduction-whole-count", test_deduction_whole_count);
  g_test_add_func ("/par/rules/survey-appraisal-only", test_survey_stages);
  g_test_add_func ("/par/rules/not-applicable", test_not_applicable);
  g_test_add_func ("/par/rules/not-arising-full", test_not_arising_full);
  g_test_add_func ("/par/rules/not-arising-na", test_not_arising_na);
  g_test_add_func ("/par/rules/not-arising-refused", test_not_arising_refused);
  g_test_add_func ("/par/rules/empty-clears", test_empty_clears);
  g_test_add_func ("/par/rules/kind-names", test_kind_names);

  status = g_test_run ();
  par_criteria_set_unref (rules_set);
  return status;
}
