/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "par-criteria-set.h"
#include "par-error.h"
#include "test-common.h"

/* Criteria sets (FORMATS.md §1): the valid ones load as written, and a set
 * that breaks any rule is refused whole with a message naming the node. */

#define SET_WITH_NODES(nodes) \
  "{ \"format\": \"parindex-criteria/1\", \"title\": \"Bộ thử\", \"nodes\": [" nodes "] }"

/* A field "1" holding the given leaves. */
#define FIELD_WITH(leaves) \
  SET_WITH_NODES ("{ \"code\": \"1\", \"title\": \"Lĩnh vực\", \"children\": [" leaves "] }")

#define LEAF_11 "{ \"code\": \"1.1\", \"title\": \"Tiêu chí 1.1\", \"max\": 1 }, "
#define LEAF_12_MAX(max) "{ \"code\": \"1.2\", \"title\": \"B\", \"max\": " max " }"

static ParCriteriaSet *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ParCriteriaSet *set;

  set = par_criteria_set_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

static const ParCriterion *
lookup (ParCriteriaSet *set,
        const char     *code)
{
  const ParCriterion *node = par_criteria_set_lookup (set, code);

  g_assert_nonnull (node);
  g_assert_cmpstr (node->code, ==, code);
  return node;
}

static void
test_fixture_loads (void)
{
  g_autoptr(ParCriteriaSet) set = load_fixture ("tien-phuoc.criteria.json");
  const ParMilli field_max[] = { 13500, 3000, 21000, 6000, 9000, 5000, 11000, 31500 };
  const ParCriterion *node;
  ParMilli sum = 0;

  g_assert_cmpstr (set->title, ==,
                   "Bộ chỉ số CCHC cấp xã (mẫu kiểm thử theo huyện Tiên Phước 2022)");
  g_assert_nonnull (set->source);
  g_assert_cmpuint (set->fields->len, ==, 8);
  g_assert_cmpuint (set->leaves->len, ==, 12);
  g_assert_cmpuint (set->nodes->len, ==, 20);
  g_assert_cmpint (par_criteria_set_get_max (set), ==, 100000);

  for (guint i = 0; i < set->fields->len; i++)
    {
      const ParCriterion *field = g_ptr_array_index (set->fields, i);
      g_assert_cmpint (field->max, ==, field_max[i]);
      g_assert_cmpint (field->field_index, ==, (int) i);
      g_assert_cmpuint (field->depth, ==, 0);
      g_assert_null (field->parent);
      g_assert_nonnull (field->children);
    }

  for (guint i = 0; i < set->leaves->len; i++)
    {
      const ParCriterion *leaf = g_ptr_array_index (set->leaves, i);
      g_assert_cmpint (leaf->leaf_index, ==, (int) i);
      g_assert_null (leaf->children);
      g_assert_nonnull (leaf->parent);
      sum += leaf->max;
    }
  g_assert_cmpint (sum, ==, 100000);

  /* rules as written, tiers by descending lower bound */
  node = lookup (set, "1.1");
  g_assert_cmpint (node->rule.kind, ==, PAR_RULE_MANUAL);
  g_assert_cmpint (node->not_arising, ==, PAR_NOT_ARISING_REFUSED);
  node = lookup (set, "1.2");
  g_assert_cmpint (node->rule.kind, ==, PAR_RULE_OPTIONS);
  g_assert_cmpuint (node->rule.options->len, ==, 3);
  g_assert_cmpstr (g_array_index (node->rule.options, ParRuleOption, 1).label, ==, "Chậm");
  g_assert_cmpint (g_array_index (node->rule.options, ParRuleOption, 1).points, ==, 2000);
  node = lookup (set, "3.1");
  g_assert_cmpint (node->rule.kind, ==, PAR_RULE_TIERS);
  g_assert_cmpint (g_array_index (node->rule.tiers, ParRuleTier, 0).min, ==, 100000);
  g_assert_cmpint (g_array_index (node->rule.tiers, ParRuleTier, 2).min, ==, 80000);
  node = lookup (set, "4.1");
  g_assert_cmpint (node->rule.kind, ==, PAR_RULE_DEDUCTION);
  g_assert_cmpint (node->rule.per, ==, 500);
  g_assert_cmpint (lookup (set, "5.1")->not_arising, ==, PAR_NOT_ARISING_FULL);
  node = lookup (set, "6.1");
  g_assert_cmpint (node->rule.kind, ==, PAR_RULE_RATIO);
  g_assert_cmpint (node->rule.full_at, ==, 100000);
  g_assert_cmpint (node->not_arising, ==, PAR_NOT_ARISING_NA);
  g_assert_cmpint (lookup (set, "8.2")->rule.kind, ==, PAR_RULE_SURVEY);
  g_assert_cmpint (lookup (set, "8.2")->field_index, ==, 7);
  g_assert_true (lookup (set, "8.2")->parent == lookup (set, "8"));
  g_assert_null (par_criteria_set_lookup (set, "9"));

  g_assert_cmpuint (strlen (set->checksum), ==, 64);
}

static void
test_default_bands (void)
{
  g_autoptr(ParCriteriaSet) set = load_fixture ("tien-phuoc.criteria.json");
  const char *labels[] = { "Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu" };
  const ParCenti mins[] = { 9000, 8000, 7000, 5000, 0 };

  g_assert_cmpuint (set->bands->len, ==, 5);
  for (guint i = 0; i < set->bands->len; i++)
    {
      g_assert_cmpstr (g_array_index (set->bands, ParBand, i).label, ==, labels[i]);
      g_assert_cmpint (g_array_index (set->bands, ParBand, i).min, ==, mins[i]);
    }

  g_assert_cmpstr (par_criteria_set_band_for (set, 10000), ==, "Xuất sắc");
  g_assert_cmpstr (par_criteria_set_band_for (set, 9000), ==, "Xuất sắc");
  g_assert_cmpstr (par_criteria_set_band_for (set, 8999), ==, "Tốt");
  g_assert_cmpstr (par_criteria_set_band_for (set, 8000), ==, "Tốt");
  g_assert_cmpstr (par_criteria_set_band_for (set, 7999), ==, "Khá");
  g_assert_cmpstr (par_criteria_set_band_for (set, 5000), ==, "Trung bình");
  g_assert_cmpstr (par_criteria_set_band_for (set, 4999), ==, "Yếu");
  g_assert_cmpstr (par_criteria_set_band_for (set, 0), ==, "Yếu");
  g_assert_null (par_criteria_set_band_for (set, PAR_CENTI_NONE));
}

static void
test_custom_bands_sorted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParCriteriaSet) set = NULL;
  const char *json =
    "{ \"format\": \"parindex-criteria/1\", \"title\": \"Khối huyện\","
    "  \"bands\": [ { \"label\": \"Khá\", \"min\": 70 }, { \"label\": \"Yếu\", \"min\": 0 },"
    "               { \"label\": \"Xuất sắc\", \"min\": 80 },"
    "               { \"label\": \"Tốt\", \"min\": 75.5 } ],"
    "  \"nodes\": [ { \"code\": \"1\", \"title\": \"Một\", \"max\": 100 } ] }";

  set = par_criteria_set_new_from_data (json, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (set->bands->len, ==, 4);
  g_assert_cmpstr (g_array_index (set->bands, ParBand, 0).label, ==, "Xuất sắc");
  g_assert_cmpint (g_array_index (set->bands, ParBand, 0).min, ==, 8000);
  g_assert_cmpstr (g_array_index (set->bands, ParBand, 1).label, ==, "Tốt");
  g_assert_cmpint (g_array_index (set->bands, ParBand, 1).min, ==, 7550);
  g_assert_cmpstr (g_array_index (set->bands, ParBand, 2).label, ==, "Khá");
  g_assert_cmpstr (g_array_index (set->bands, ParBand, 3).label, ==, "Yếu");

  g_assert_cmpstr (par_criteria_set_band_for (set, 8000), ==, "Xuất sắc");
  g_assert_cmpstr (par_criteria_set_band_for (set, 7999), ==, "Tốt");
  g_assert_cmpstr (par_criteria_set_band_for (set, 7550), ==, "Tốt");
  g_assert_cmpstr (par_criteria_set_band_for (set, 7549), ==, "Khá");
  g_assert_cmpstr (par_criteria_set_band_for (set, 6999), ==, "Yếu");

  /* a single top-level leaf is a set too */
  g_assert_cmpuint (set->leaves->len, ==, 1);
  g_assert_cmpint (par_criteria_set_get_max (set), ==, 100000);
}

static void
test_bom_and_nfc (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autofree char *title_nfd = g_utf8_normalize ("Cải cách thể chế", -1, G_NORMALIZE_NFD);
  g_autofree char *json =
    g_strdup_printf ("\xEF\xBB\xBF"
                     "{ \"format\": \"parindex-criteria/1\", \"title\": \"%s\","
                     "  \"nodes\": [ { \"code\": \"2\", \"title\": \"%s\","
                     "  \"max\": 3, \"owner\": \"Phòng Tư pháp\" } ] }",
                     title_nfd, title_nfd);

  g_assert_cmpstr (title_nfd, !=, "Cải cách thể chế");
  set = par_criteria_set_new_from_data (json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (set->title, ==, "Cải cách thể chế");
  g_assert_cmpstr (lookup (set, "2")->title, ==, "Cải cách thể chế");
  g_assert_cmpstr (lookup (set, "2")->owner, ==, "Phòng Tư pháp");
  /* the stored text is the file's, without the BOM */
  g_assert_true (g_str_has_prefix (set->json, "{"));
}

static void
test_checksum_identifies_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParCriteriaSet) a = NULL;
  g_autoptr(ParCriteriaSet) b = NULL;
  g_autoptr(ParCriteriaSet) c = NULL;

  a = par_criteria_set_new_from_data (FIELD_WITH (LEAF_11 LEAF_12_MAX ("2")), -1, &error);
  g_assert_no_error (error);
  b = par_criteria_set_new_from_data (FIELD_WITH (LEAF_11 LEAF_12_MAX ("2")), -1, &error);
  g_assert_no_error (error);
  c = par_criteria_set_new_from_data (FIELD_WITH (LEAF_11 LEAF_12_MAX ("3")), -1, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (a->checksum, ==, b->checksum);
  g_assert_cmpstr (a->checksum, !=, c->checksum);
  g_assert_cmpint (par_criteria_set_get_max (a), ==, 3000);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_data_path ("no-such.criteria.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_null (par_criteria_set_new_from_file (file, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "no-such.criteria.json"));
}

/* One broken set per rule of FORMATS.md §1. */
typedef struct
{
  const char *path;
  const char *json;
  const char *names;   /* what the message must name (a node's code), or NULL */
} BrokenSet;

static const BrokenSet broken_sets[] = {
  { "format-wrong",
    "{ \"format\": \"parindex-criteria/2\", \"title\": \"T\","
    "  \"nodes\": [ { \"code\": \"1\", \"title\": \"A\", \"max\": 1 } ] }", NULL },
  { "format-missing",
    "{ \"title\": \"T\","
    "  \"nodes\": [ { \"code\": \"1\", \"title\": \"A\", \"max\": 1 } ] }", NULL },
  { "not-json", "{ \"format\": \"parindex-criteria/1\", \"title\": ", NULL },
  { "not-utf8", "{ \"format\": \"parindex-criteria/1\", \"title\": \"B\xf4 \" }", NULL },
  { "not-an-object", "[ { \"format\": \"parindex-criteria/1\" } ]", NULL },
  { "title-missing",
    "{ \"format\": \"parindex-criteria/1\","
    "  \"nodes\": [ { \"code\": \"1\", \"title\": \"A\", \"max\": 1 } ] }", NULL },
  { "nodes-empty", SET_WITH_NODES (""), NULL },
  { "nodes-missing", "{ \"format\": \"parindex-criteria/1\", \"title\": \"T\" }", NULL },
  { "children-empty",
    SET_WITH_NODES ("{ \"code\": \"1\", \"title\": \"A\", \"children\": [] }"), "1" },
  { "node-without-code",
    FIELD_WITH (LEAF_11 "{ \"title\": \"Không mã\", \"max\": 1 }"), "1" },
  { "node-with-empty-code",
    FIELD_WITH (LEAF_11 "{ \"code\": \" \", \"title\": \"Mã trống\", \"max\": 1 }"), "1" },
  { "duplicate-code",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1 },"
                "{ \"code\": \"1.2\", \"title\": \"B\", \"max\": 1 }"), "1.2" },
  { "node-without-title",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"max\": 1 }"), "1.2" },
  { "leaf-without-max",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\" }"), "1.2" },
  { "max-zero",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 0 }"), "1.2" },
  { "max-negative",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": -1 }"), "1.2" },
  { "max-not-a-number",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": \"1\" }"), "1.2" },
  { "max-four-decimals",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1.2345 }"), "1.2" },
  { "group-max-not-sum",
    SET_WITH_NODES ("{ \"code\": \"1\", \"title\": \"A\", \"max\": 5, \"children\": ["
                    "  { \"code\": \"1.1\", \"title\": \"B\", \"max\": 1 },"
                    "  { \"code\": \"1.2\", \"title\": \"C\", \"max\": 1.5 } ] }"), "1" },
  { "rule-kind-unknown",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1,"
                "  \"rule\": { \"kind\": \"lottery\" } }"), "1.2" },
  { "rule-kind-missing",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1,"
                "  \"rule\": { } }"), "1.2" },
  { "options-empty",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1,"
                "  \"rule\": { \"kind\": \"options\", \"options\": [] } }"), "1.2" },
  { "options-missing",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1,"
                "  \"rule\": { \"kind\": \"options\" } }"), "1.2" },
  { "option-points-above-max",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1,"
                "  \"rule\": { \"kind\": \"options\", \"options\": ["
                "    { \"label\": \"Đúng hạn\", \"points\": 1.5 } ] } }"), "1.2" },
  { "option-points-negative",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1,"
                "  \"rule\": { \"kind\": \"options\", \"options\": ["
                "    { \"label\": \"Đúng hạn\", \"points\": -0.5 } ] } }"), "1.2" },
  { "option-label-duplicate",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1,"
                "  \"rule\": { \"kind\": \"options\", \"options\": ["
                "    { \"label\": \"Chậm\", \"points\": 0.5 },"
                "    { \"label\": \"CHẬM\", \"points\": 0 } ] } }"), "1.2" },
  { "option-label-missing",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1,"
                "  \"rule\": { \"kind\": \"options\", \"options\": [ { \"points\": 1 } ] } }"),
    "1.2" },
  { "tiers-empty",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1,"
                "  \"rule\": { \"kind\": \"tiers\", \"tiers\": [] } }"), "1.2" },
  { "tier-points-above-max",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1,"
                "  \"rule\": { \"kind\": \"tiers\", \"tiers\": ["
                "    { \"min\": 100, \"points\": 2 } ] } }"), "1.2" },
  { "tier-min-duplicate",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1,"
                "  \"rule\": { \"kind\": \"tiers\", \"tiers\": ["
                "    { \"min\": 95, \"points\": 1 }, { \"min\": 95, \"points\": 0.5 } ] } }"),
    "1.2" },
  { "tier-min-negative",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1,"
                "  \"rule\": { \"kind\": \"tiers\", \"tiers\": ["
                "    { \"min\": -5, \"points\": 1 } ] } }"), "1.2" },
  { "ratio-full-at-zero",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1,"
                "  \"rule\": { \"kind\": \"ratio\", \"full_at\": 0 } }"), "1.2" },
  { "ratio-full-at-negative",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1,"
                "  \"rule\": { \"kind\": \"ratio\", \"full_at\": -10 } }"), "1.2" },
  { "deduction-without-per",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1,"
                "  \"rule\": { \"kind\": \"deduction\" } }"), "1.2" },
  { "deduction-per-zero",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1,"
                "  \"rule\": { \"kind\": \"deduction\", \"per\": 0 } }"), "1.2" },
  { "deduction-per-above-max",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1,"
                "  \"rule\": { \"kind\": \"deduction\", \"per\": 1.25 } }"), "1.2" },
  { "not-arising-invalid",
    FIELD_WITH (LEAF_11 "{ \"code\": \"1.2\", \"title\": \"A\", \"max\": 1,"
                "  \"not_arising\": \"zero\" }"), "1.2" },
  { "not-arising-on-group",
    SET_WITH_NODES ("{ \"code\": \"1\", \"title\": \"A\", \"not_arising\": \"full\","
                    "  \"children\": ["
                    "  { \"code\": \"1.1\", \"title\": \"B\", \"max\": 1 } ] }"), "1" },
  { "rule-on-group",
    SET_WITH_NODES ("{ \"code\": \"1\", \"title\": \"A\", \"rule\": { \"kind\": \"binary\" },"
                    "  \"children\": [ { \"code\": \"1.1\", \"title\": \"B\", \"max\": 1 } ] }"),
    "1" },
  { "bands-min-above-100",
    "{ \"format\": \"parindex-criteria/1\", \"title\": \"T\","
    "  \"bands\": [ { \"label\": \"Siêu\", \"min\": 101 }, { \"label\": \"Yếu\", \"min\": 0 } ],"
    "  \"nodes\": [ { \"code\": \"1\", \"title\": \"A\", \"max\": 1 } ] }", NULL },
  { "bands-min-negative",
    "{ \"format\": \"parindex-criteria/1\", \"title\": \"T\","
    "  \"bands\": [ { \"label\": \"Yếu\", \"min\": -1 } ],"
    "  \"nodes\": [ { \"code\": \"1\", \"title\": \"A\", \"max\": 1 } ] }", NULL },
  { "bands-min-duplicate",
    "{ \"format\": \"parindex-criteria/1\", \"title\": \"T\","
    "  \"bands\": [ { \"label\": \"Tốt\", \"min\": 80 }, { \"label\": \"Khá\", \"min\": 80 } ],"
    "  \"nodes\": [ { \"code\": \"1\", \"title\": \"A\", \"max\": 1 } ] }", NULL },
  { "bands-label-duplicate",
    "{ \"format\": \"parindex-criteria/1\", \"title\": \"T\","
    "  \"bands\": [ { \"label\": \"Tốt\", \"min\": 80 }, { \"label\": \"Tốt\", \"min\": 70 } ],"
    "  \"nodes\": [ { \"code\": \"1\", \"title\": \"A\", \"max\": 1 } ] }", NULL },
  { "bands-label-missing",
    "{ \"format\": \"parindex-criteria/1\", \"title\": \"T\","
    "  \"bands\": [ { \"min\": 80 } ],"
    "  \"nodes\": [ { \"code\": \"1\", \"title\": \"A\", \"max\": 1 } ] }", NULL },
  { "bands-empty",
    "{ \"format\": \"parindex-criteria/1\", \"title\": \"T\", \"bands\": [],"
    "  \"nodes\": [ { \"code\": \"1\", \"title\": \"A\", \"max\": 1 } ] }", NULL },
};

static void
test_broken_set (gconstpointer data)
{
  const BrokenSet *broken = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ParCriteriaSet) set = NULL;

  set = par_criteria_set_new_from_data (broken->json, -1, &error);
  g_assert_null (set);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_test_message ("%s: %s", broken->path, error->message);

  if (broken->names != NULL)
    {
      /* The message names the node quoted, as “1.2”. */
      g_autofree char *quoted = g_strdup_printf ("“%s”", broken->names);
      g_assert_nonnull (strstr (error->message, quoted));
    }
}

static void
test_broken_file_names_file (void)
{
  g_autofree char *path = g_build_filename (test_workdir (), "broken.criteria.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, broken_sets[G_N_ELEMENTS (broken_sets) - 1].json, -1,
                                      NULL));
  g_assert_null (par_criteria_set_new_from_file (file, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "broken.criteria.json"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/par/criteria-set/fixture-loads", test_fixture_loads);
  g_test_add_func ("/par/criteria-set/default-bands", test_default_bands);
  g_test_add_func ("/par/criteria-set/custom-bands-sorted", test_custom_bands_sorted);
  g_test_add_func ("/par/criteria-set/bom-and-nfc", test_bom_and_nfc);
  g_test_add_func ("/par/criteria-set/checksum-identifies-text", test_checksum_identifies_text);
  g_test_add_func ("/par/criteria-set/missing-file", test_missing_file);
  g_test_add_func ("/par/criteria-set/broken-file-names-file", test_broken_file_names_file);

  for (guint i = 0; i < G_N_ELEMENTS (broken_sets); i++)
    {
      g_autofree char *path = g_strdup_printf ("/par/criteria-set/invalid/%s", broken_sets[i].path);
      g_test_add_data_func (path, &broken_sets[i], test_broken_set);
    }

  return test_run ();
}
