/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "par-criteria-set.h"
#include "par-error.h"
#include "par-results-format.h"
#include "par-results.h"
#include "par-rule.h"
#include "par-workspace.h"
#include "test-common.h"

/* How results are computed and published (FORMATS.md §4, §5), on real
 * workspaces in a temporary directory. */

/* One manual leaf worth 100: the points are the index. */
static const char one_leaf_json[] =
  "{ \"format\": \"parindex-criteria/1\", \"title\": \"Một tiêu chí\","
  "  \"nodes\": [ { \"code\": \"1\", \"title\": \"Lĩnh vực\", \"children\": ["
  "    { \"code\": \"1.1\", \"title\": \"Điểm\", \"max\": 100 } ] } ] }";

/* The same with a district's own bands, listed out of order. */
static const char district_bands_json[] =
  "{ \"format\": \"parindex-criteria/1\", \"title\": \"Khối huyện\","
  "  \"bands\": [ { \"label\": \"B\", \"min\": 70 }, { \"label\": \"C\", \"min\": 0 },"
  "               { \"label\": \"A\", \"min\": 80 } ],"
  "  \"nodes\": [ { \"code\": \"1\", \"title\": \"Lĩnh vực\", \"children\": ["
  "    { \"code\": \"1.1\", \"title\": \"Điểm\", \"max\": 100 } ] } ] }";

/* 84 + 16: marking 1.2 not applicable rebases the index on 84. */
static const char rebase_json[] =
  "{ \"format\": \"parindex-criteria/1\", \"title\": \"84 + 16\","
  "  \"nodes\": [ { \"code\": \"1\", \"title\": \"Một\", \"children\": ["
  "    { \"code\": \"1.1\", \"title\": \"A\", \"max\": 84 } ] },"
  "    { \"code\": \"2\", \"title\": \"Hai\", \"children\": ["
  "    { \"code\": \"2.1\", \"title\": \"B\", \"max\": 16 } ] } ] }";

/* Two fields of 60 and 40. */
static const char two_fields_json[] =
  "{ \"format\": \"parindex-criteria/1\", \"title\": \"60 + 40\","
  "  \"nodes\": [ { \"code\": \"1\", \"title\": \"Một\", \"children\": ["
  "    { \"code\": \"1.1\", \"title\": \"A\", \"max\": 60 } ] },"
  "    { \"code\": \"2\", \"title\": \"Hai\", \"children\": ["
  "    { \"code\": \"2.1\", \"title\": \"B\", \"max\": 40 } ] } ] }";

typedef WorkspaceFixture Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  workspace_fixture_set_up (f, data);
  f->workspace = test_workspace_open (f->path, PAR_WORKSPACE_CREATE_NEW);
}

static void
add_block (Fixture    *f,
           int         year,
           const char *block,
           const char *json)
{
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autoptr(GError) error = NULL;

  set = par_criteria_set_new_from_data (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (par_workspace_add_year (f->workspace, year, block, set, &error));
  g_assert_no_error (error);
}

static void
set_score (Fixture    *f,
           int         year,
           const char *unit,
           const char *criterion,
           ParStage    stage,
           const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (par_workspace_set_score (f->workspace, year, unit, criterion, stage, value, NULL,
                                          &error));
  g_assert_no_error (error);
}

/* A block of @year with the criteria set @json, its units and their
 * scores (CSV texts). */
static void
add_scored_block (Fixture    *f,
                  int         year,
                  const char *block,
                  const char *json,
                  const char *units,
                  const char *scores)
{
  add_block (f, year, block, json);
  test_import_units (f->workspace, year, units);
  test_import_scores (f->workspace, year, scores);
}

static ParYearResults *
compute (Fixture *f,
         int      year)
{
  return test_compute_results (f->workspace, year);
}

static ParUnitResult *
unit_of (ParYearResults *results,
         const char     *code)
{
  ParUnitResult *unit = par_year_results_lookup (results, code);

  g_assert_nonnull (unit);
  g_assert_cmpstr (unit->code, ==, code);
  return unit;
}

/* The commune example of DOMAIN.md: Tiên Châu, 2022. */
static void
load_commune_example (Fixture *f,
                      int      year)
{
  g_autofree char *units = NULL;
  g_autofree char *scores = NULL;
  g_autoptr(GError) error = NULL;
  gsize units_length;
  gsize scores_length;
  guint count = 0;

  test_add_year (f->workspace, year, "UBND xã", "tien-phuoc.criteria.json");
  units = test_read_data ("tien-phuoc.units.csv", &units_length);
  scores = test_read_data ("tien-phuoc.scores.csv", &scores_length);

  g_assert_true (par_workspace_import_units (f->workspace, year, units, units_length, &count,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 2);
  g_assert_true (par_workspace_import_scores (f->workspace, year, scores, scores_length, &count,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 13);
}

static void
test_commune_example (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;
  const ParMilli field_points[] = { 12970, 3000, 17500, 6000, 8500, 3000, 8780, 26070 };
  const ParMilli field_max[] = { 13500, 3000, 21000, 6000, 9000, 5000, 11000, 31500 };
  ParUnitResult *tch;
  ParUnitResult *tky;

  load_commune_example (f, 2022);
  results = compute (f, 2022);

  g_assert_cmpint (par_year_results_get_year (results), ==, 2022);
  g_assert_cmpuint (par_year_results_get_n_blocks (results), ==, 1);
  g_assert_cmpstr (par_year_results_get_block_name (results, 0), ==, "UBND xã");

  tch = unit_of (results, "TCH");
  g_assert_cmpstr (tch->name, ==, "UBND xã Tiên Châu");
  for (guint i = 0; i < G_N_ELEMENTS (field_points); i++)
    {
      g_assert_cmpint (tch->fields[i].points, ==, field_points[i]);
      g_assert_cmpint (tch->fields[i].max, ==, field_max[i]);
    }
  g_assert_cmpint (tch->points, ==, 85820);
  g_assert_cmpint (tch->max, ==, 100000);
  g_assert_cmpint (tch->index, ==, 8582);
  g_assert_cmpstr (tch->band, ==, "Tốt");
  g_assert_cmpuint (tch->rank, ==, 1);
  g_assert_false (tch->provisional);
  /* only 1.1 was self-assessed (9,5) */
  g_assert_cmpint (tch->self_points, ==, 9500);
  g_assert_false (tch->has_previous);

  /* a unit without any entry: 0 over the whole maximum, provisional */
  tky = unit_of (results, "TKY");
  g_assert_cmpint (tky->points, ==, 0);
  g_assert_cmpint (tky->max, ==, 100000);
  g_assert_cmpint (tky->index, ==, 0);
  g_assert_cmpstr (tky->band, ==, "Yếu");
  g_assert_cmpuint (tky->rank, ==, 2);
  g_assert_true (tky->provisional);

  g_assert_cmpuint (par_year_results_get_ranked (results, 0), ==, 2);
  g_assert_cmpuint (par_year_results_get_block_size (results, 0), ==, 2);
}

static void
test_rebasing (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;
  ParUnitResult *unit;

  /* Tiên Phước's set: 1.1 (10) and 4.1 (6) do not apply to this unit, so
   * its applicable maximum is 84; its points add up to 68.32. */
  test_add_year (f->workspace, 2023, "UBND xã", "tien-phuoc.criteria.json");
  test_import_units (f->workspace, 2023, "code,name,block\nTHA,UBND xã Thử,UBND xã\n");
  set_score (f, 2023, "THA", "1.1", PAR_STAGE_APPRAISAL, "NA");
  set_score (f, 2023, "THA", "4.1", PAR_STAGE_APPRAISAL, "NA");
  set_score (f, 2023, "THA", "1.2", PAR_STAGE_APPRAISAL, "Đúng thời hạn");   /* 3.5 */
  set_score (f, 2023, "THA", "2.1", PAR_STAGE_APPRAISAL, "có");              /* 3 */
  set_score (f, 2023, "THA", "3.1", PAR_STAGE_APPRAISAL, "100");             /* 10 */
  set_score (f, 2023, "THA", "3.2", PAR_STAGE_APPRAISAL, "11");              /* 11 */
  set_score (f, 2023, "THA", "5.1", PAR_STAGE_APPRAISAL, "0");               /* 9 */
  set_score (f, 2023, "THA", "6.1", PAR_STAGE_APPRAISAL, "100");             /* 5 */
  set_score (f, 2023, "THA", "7.1", PAR_STAGE_APPRAISAL, "5.82");            /* 5.82 */
  set_score (f, 2023, "THA", "7.2", PAR_STAGE_APPRAISAL, "yes");             /* 5 */
  set_score (f, 2023, "THA", "8.1", PAR_STAGE_APPRAISAL, "80");              /* 16 */
  set_score (f, 2023, "THA", "8.2", PAR_STAGE_APPRAISAL, "0");               /* 0 */

  results = compute (f, 2023);
  unit = unit_of (results, "THA");
  g_assert_cmpint (unit->points, ==, 68320);
  g_assert_cmpint (unit->max, ==, 84000);
  g_assert_cmpint (unit->index, ==, 8133);
  g_assert_cmpstr (unit->band, ==, "Tốt");
  g_assert_false (unit->provisional);

  /* the fields lose the same maxima */
  g_assert_cmpint (unit->fields[0].points, ==, 3500);
  g_assert_cmpint (unit->fields[0].max, ==, 3500);
  g_assert_cmpint (unit->fields[3].points, ==, 0);
  g_assert_cmpint (unit->fields[3].max, ==, 0);
}

static void
test_rebasing_small_set (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;
  ParUnitResult *unit;

  add_scored_block (f, 2023, "Sở", rebase_json,
                    "code,name,block\nSXD,Sở Xây dựng,Sở\nSYT,Sở Y tế,Sở\n",
                    "unit,criterion,stage,value\n"
                    "SXD,1.1,appraisal,68.32\n"
                    "SXD,2.1,self,NA\n"
                    "SYT,1.1,appraisal,68.32\n");

  results = compute (f, 2023);
  unit = unit_of (results, "SXD");
  g_assert_cmpint (unit->max, ==, 84000);
  g_assert_cmpint (unit->index, ==, 8133);
  g_assert_cmpstr (unit->band, ==, "Tốt");
  /* the same points over the whole 100 */
  unit = unit_of (results, "SYT");
  g_assert_cmpint (unit->max, ==, 100000);
  g_assert_cmpint (unit->index, ==, 6832);
  g_assert_cmpstr (unit->band, ==, "Trung bình");
}

static void
test_bands_at_boundaries (Fixture       *f,
                          gconstpointer  data)
{
  static const struct
  {
    const char *code;
    const char *band;
  } expected[] = {
    { "X100", "Xuất sắc" }, { "X90", "Xuất sắc" }, { "X8999", "Tốt" }, { "X80", "Tốt" },
    { "X7999", "Khá" }, { "X50", "Trung bình" }, { "X4999", "Yếu" },
    /* each block its own bands */
    { "H80", "A" }, { "H7999", "B" }, { "H70", "B" }, { "H6999", "C" },
  };
  g_autoptr(ParYearResults) results = NULL;

  add_block (f, 2022, "Xã", one_leaf_json);
  add_scored_block (f, 2022, "Huyện", district_bands_json,
                    "code,name,block\n"
                    "X90,a,Xã\nX8999,b,Xã\nX80,c,Xã\nX7999,d,Xã\nX50,e,Xã\nX4999,f,Xã\nX100,g,Xã\n"
                    "H80,h,Huyện\nH7999,i,Huyện\nH70,j,Huyện\nH6999,k,Huyện\n",
                    "unit,criterion,stage,value\n"
                    "X90,1.1,appraisal,90\nX8999,1.1,appraisal,89.99\nX80,1.1,appraisal,80\n"
                    "X7999,1.1,appraisal,79.99\nX50,1.1,appraisal,50\nX4999,1.1,appraisal,49.99\n"
                    "X100,1.1,appraisal,100\n"
                    "H80,1.1,appraisal,80\nH7999,1.1,appraisal,79.99\nH70,1.1,appraisal,70\n"
                    "H6999,1.1,appraisal,69.99\n");

  results = compute (f, 2022);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (unit_of (results, expected[i].code)->band, ==, expected[i].band);
}

static void
test_band_and_rank_use_rounded_index (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;

  add_scored_block (f, 2022, "all", rebase_json,
                    "code,name,block\nU1,a,all\nU2,b,all\nU3,c,all\n",
                    "unit,criterion,stage,value\n"
                    "U1,1.1,appraisal,75.596\nU1,2.1,appraisal,NA\n"    /* 89.9952… → 90.00 */
                    "U2,1.1,appraisal,75.6\nU2,2.1,appraisal,NA\n"      /* 90.00 */
                    "U3,1.1,appraisal,75.595\nU3,2.1,appraisal,NA\n");  /* 89.9940… → 89.99 */

  results = compute (f, 2022);
  g_assert_cmpint (unit_of (results, "U1")->index, ==, 9000);
  g_assert_cmpstr (unit_of (results, "U1")->band, ==, "Xuất sắc");
  g_assert_cmpuint (unit_of (results, "U1")->rank, ==, 1);
  g_assert_cmpint (unit_of (results, "U2")->index, ==, 9000);
  g_assert_cmpuint (unit_of (results, "U2")->rank, ==, 1);
  g_assert_cmpint (unit_of (results, "U3")->index, ==, 8999);
  g_assert_cmpstr (unit_of (results, "U3")->band, ==, "Tốt");
  g_assert_cmpuint (unit_of (results, "U3")->rank, ==, 3);
}

static void
test_shared_ranks (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(GPtrArray) ordered = NULL;
  const char *order[] = { "C", "B", "D", "A", "E", "AAA" };
  const guint ranks[] = { 1, 2, 2, 4, 5, 0 };

  add_scored_block (f, 2022, "all", one_leaf_json,
                    "code,name,block\nA,a,all\nAAA,no index,all\nB,b,all\nC,c,all\n"
                    "D,d,all\nE,e,all\n",
                    "unit,criterion,stage,value\n"
                    "A,1.1,appraisal,80\nB,1.1,appraisal,90\nC,1.1,appraisal,95\n"
                    "D,1.1,appraisal,90\nE,1.1,appraisal,0\nAAA,1.1,appraisal,NA\n");

  results = compute (f, 2022);
  ordered = par_year_results_get_ordered (results);
  g_assert_cmpuint (ordered->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < ordered->len; i++)
    {
      ParUnitResult *unit = g_ptr_array_index (ordered, i);
      g_assert_cmpstr (unit->code, ==, order[i]);
      g_assert_cmpuint (unit->rank, ==, ranks[i]);
    }

  /* ranked units only */
  g_assert_cmpuint (par_year_results_get_ranked (results, 0), ==, 5);

  /* no applicable maximum: no index, no band, no rank */
  g_assert_cmpint (unit_of (results, "AAA")->max, ==, 0);
  g_assert_cmpint (unit_of (results, "AAA")->index, ==, PAR_CENTI_NONE);
  g_assert_null (unit_of (results, "AAA")->band);
  g_assert_cmpuint (unit_of (results, "AAA")->rank, ==, 0);
}

static void
test_provisional (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;

  add_scored_block (f, 2022, "all", two_fields_json,
                    "code,name,block\nP,p,all\nQ,q,all\nR,r,all\nS,s,all\nT,t,all\n",
                    "unit,criterion,stage,value\n"
                    /* an applicable leaf self-assessed only */
                    "P,1.1,appraisal,40\nP,2.1,self,30\n"
                    /* a leaf the unit marked not applicable, never appraised */
                    "Q,1.1,appraisal,40\nQ,2.1,self,NA\n"
                    /* a leaf with no entry at all */
                    "R,1.1,appraisal,40\n"
                    /* every leaf appraised */
                    "S,1.1,appraisal,40\nS,2.1,self,30\nS,2.1,appraisal,20\n"
                    /* appraised not applicable */
                    "T,1.1,appraisal,40\nT,2.1,self,30\nT,2.1,appraisal,NA\n");

  results = compute (f, 2022);
  g_assert_true (unit_of (results, "P")->provisional);
  g_assert_cmpint (unit_of (results, "P")->points, ==, 70000);

  g_assert_false (unit_of (results, "Q")->provisional);
  g_assert_cmpint (unit_of (results, "Q")->max, ==, 60000);
  g_assert_cmpint (unit_of (results, "Q")->index, ==, 6667);

  g_assert_true (unit_of (results, "R")->provisional);
  g_assert_cmpint (unit_of (results, "R")->max, ==, 100000);

  g_assert_false (unit_of (results, "S")->provisional);
  g_assert_cmpint (unit_of (results, "S")->points, ==, 60000);

  g_assert_false (unit_of (results, "T")->provisional);
  g_assert_cmpint (unit_of (results, "T")->points, ==, 40000);
  g_assert_cmpint (unit_of (results, "T")->max, ==, 60000);
}

static void
test_self_points (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;

  add_scored_block (f, 2022, "all", two_fields_json,
                    "code,name,block\nA,a,all\nB,b,all\nC,c,all\n",
                    "unit,criterion,stage,value\n"
                    "A,1.1,self,45\nA,2.1,self,NA\nA,1.1,appraisal,40\nA,2.1,appraisal,20\n"
                    "B,1.1,appraisal,60\nB,2.1,appraisal,40\n"
                    "C,1.1,self,59.5\nC,2.1,self,40\n");

  results = compute (f, 2022);
  g_assert_cmpint (unit_of (results, "A")->self_points, ==, 45000);
  g_assert_cmpint (unit_of (results, "A")->points, ==, 60000);
  g_assert_cmpint (unit_of (results, "B")->self_points, ==, 0);
  g_assert_cmpint (unit_of (results, "B")->points, ==, 100000);
  g_assert_cmpint (unit_of (results, "C")->self_points, ==, 99500);
  g_assert_cmpint (unit_of (results, "C")->points, ==, 99500);
  g_assert_true (unit_of (results, "C")->provisional);
}

static void
test_previous_year (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;
  ParUnitResult *unit;

  add_scored_block (f, 2021, "all", one_leaf_json,
                    "code,name,block\nX,x,all\nY,y,all\nW,w,all\n",
                    "unit,criterion,stage,value\n"
                    "X,1.1,appraisal,70\nY,1.1,appraisal,90\nW,1.1,appraisal,NA\n");

  /* in 2022 the units sit in other blocks */
  add_block (f, 2022, "A", one_leaf_json);
  add_scored_block (f, 2022, "B", district_bands_json,
                    "code,name,block\nX,x,B\nY,y,A\nZ,z,A\nW,w,A\n",
                    "unit,criterion,stage,value\n"
                    "X,1.1,appraisal,85.5\nY,1.1,appraisal,80\nZ,1.1,appraisal,95\n"
                    "W,1.1,appraisal,60\n");

  results = compute (f, 2022);

  unit = unit_of (results, "X");
  g_assert_cmpstr (par_year_results_get_block_name (results, unit->block), ==, "B");
  g_assert_cmpuint (unit->rank, ==, 1);
  g_assert_true (unit->has_previous);
  g_assert_cmpint (unit->previous_index, ==, 7000);
  g_assert_cmpuint (unit->previous_rank, ==, 2);
  g_assert_cmpint (unit->index - unit->previous_index, ==, 1550);   /* up 15.5 */

  unit = unit_of (results, "Y");
  g_assert_cmpuint (unit->rank, ==, 2);
  g_assert_true (unit->has_previous);
  g_assert_cmpint (unit->previous_index, ==, 9000);
  g_assert_cmpuint (unit->previous_rank, ==, 1);

  /* new this year; and one without an index the year before */
  g_assert_false (unit_of (results, "Z")->has_previous);
  g_assert_false (unit_of (results, "W")->has_previous);

  /* the year before is looked up by code only: 2021 knows nothing of 2022 */
  {
    g_autoptr(ParYearResults) before = compute (f, 2021);
    g_assert_false (unit_of (before, "X")->has_previous);
  }
}

static void
test_published_order (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GError) error = NULL;
  const char *order[] = { "X1", "X2", "X4", "X3", "S2", "S1" };

  /* blocks in the order they were added, not by name */
  add_block (f, 2022, "UBND xã", one_leaf_json);
  add_scored_block (f, 2022, "Sở, ban, ngành", one_leaf_json,
                    "code,name,block\n"
                    "S1,s1,\"Sở, ban, ngành\"\nS2,s2,\"Sở, ban, ngành\"\n"
                    "X1,x1,UBND xã\nX2,x2,UBND xã\nX3,x3,UBND xã\nX4,x4,UBND xã\n",
                    "unit,criterion,stage,value\n"
                    "S1,1.1,appraisal,50\nS2,1.1,appraisal,60\n"
                    "X1,1.1,appraisal,70\nX2,1.1,appraisal,60\nX3,1.1,appraisal,NA\n"
                    "X4,1.1,appraisal,60\n");

  /* the order survives closing and reopening the file */
  g_clear_object (&f->workspace);
  f->workspace = par_workspace_open (f->path, PAR_WORKSPACE_OPEN_EXISTING, &error);
  g_assert_no_error (error);

  results = compute (f, 2022);
  g_assert_cmpuint (par_year_results_get_n_blocks (results), ==, 2);
  g_assert_cmpstr (par_year_results_get_block_name (results, 0), ==, "UBND xã");
  g_assert_cmpstr (par_year_results_get_block_name (results, 1), ==, "Sở, ban, ngành");

  ordered = par_year_results_get_ordered (results);
  g_assert_cmpuint (ordered->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < ordered->len; i++)
    g_assert_cmpstr (((ParUnitResult *) g_ptr_array_index (ordered, i))->code, ==, order[i]);

  /* ranks are per block */
  g_assert_cmpuint (unit_of (results, "S2")->rank, ==, 1);
  g_assert_cmpuint (unit_of (results, "X1")->rank, ==, 1);
  g_assert_cmpuint (par_year_results_get_ranked (results, 0), ==, 3);
  g_assert_cmpuint (par_year_results_get_ranked (results, 1), ==, 2);
}

static void
assert_same_results (ParYearResults *live,
                     ParYearResults *fresh)
{
  g_autoptr(GPtrArray) a = par_year_results_get_ordered (live);
  g_autoptr(GPtrArray) b = par_year_results_get_ordered (fresh);
  g_autofree char *json_a = NULL;
  g_autofree char *json_b = NULL;

  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      ParUnitResult *ua = g_ptr_array_index (a, i);
      ParUnitResult *ub = g_ptr_array_index (b, i);
      ParCriteriaSet *set = par_year_results_get_block_set (live, ua->block);

      g_assert_cmpstr (ua->code, ==, ub->code);
      g_assert_cmpuint (ua->block, ==, ub->block);
      g_assert_cmpint (ua->self_points, ==, ub->self_points);
      g_assert_cmpint (ua->points, ==, ub->points);
      g_assert_cmpint (ua->max, ==, ub->max);
      g_assert_cmpint (ua->index, ==, ub->index);
      g_assert_cmpstr (ua->band, ==, ub->band);
      g_assert_cmpuint (ua->rank, ==, ub->rank);
      g_assert_cmpint (ua->provisional, ==, ub->provisional);
      g_assert_cmpint (ua->has_previous, ==, ub->has_previous);
      for (guint j = 0; j < set->fields->len; j++)
        {
          g_assert_cmpint (ua->fields[j].points, ==, ub->fields[j].points);
          g_assert_cmpint (ua->fields[j].max, ==, ub->fields[j].max);
        }
    }
  for (guint block = 0; block < par_year_results_get_n_blocks (live); block++)
    g_assert_cmpuint (par_year_results_get_ranked (live, block), ==,
                      par_year_results_get_ranked (fresh, block));

  json_a = par_results_format_json (live);
  json_b = par_results_format_json (fresh);
  g_assert_cmpstr (json_a, ==, json_b);
}

/* What the window does on an edit: save it, then apply it to the live
 * results without recomputing the year. */
static void
edit (Fixture        *f,
      ParYearResults *live,
      const char     *unit_code,
      const char     *criterion,
      ParStage        stage,
      const char     *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParYearResults) fresh = NULL;
  ParUnitResult *unit = unit_of (live, unit_code);
  ParCriteriaSet *set = par_year_results_get_block_set (live, unit->block);
  const ParCriterion *leaf = par_criteria_set_lookup (set, criterion);
  ParEntry entry = { 0 };

  set_score (f, par_year_results_get_year (live), unit_code, criterion, stage, value);

  g_assert_true (par_rule_evaluate (leaf, stage, value, TRUE, &entry, &error));
  g_assert_no_error (error);
  par_year_results_update_entry (live, unit, leaf->leaf_index, stage, &entry);
  par_entry_clear (&entry);

  fresh = compute (f, par_year_results_get_year (live));
  assert_same_results (live, fresh);
}

static void
test_update_entry (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ParYearResults) live = NULL;
  g_autoptr(GError) error = NULL;
  ParEntryState state;
  ParMilli points;

  add_scored_block (f, 2021, "X", two_fields_json,
                    "code,name,block\nB,b,X\n",
                    "unit,criterion,stage,value\nB,1.1,appraisal,50\n");

  add_block (f, 2022, "X", two_fields_json);
  add_scored_block (f, 2022, "Y", two_fields_json,
                    "code,name,block\nA,a,X\nB,b,X\nC,c,X\nD,d,X\nE,e,Y\n",
                    "unit,criterion,stage,value\n"
                    "A,1.1,appraisal,50\nA,2.1,appraisal,30\n"
                    "B,1.1,appraisal,40\nB,2.1,appraisal,30\n"
                    "C,1.1,appraisal,40\nC,2.1,appraisal,30\n"
                    "D,1.1,appraisal,30\n"
                    "E,1.1,appraisal,60\nE,2.1,appraisal,40\n");

  live = compute (f, 2022);
  g_assert_cmpuint (unit_of (live, "B")->rank, ==, 2);
  g_assert_cmpuint (unit_of (live, "C")->rank, ==, 2);
  g_assert_false (par_year_results_has_entries (live, unit_of (live, "B")));
  g_assert_true (par_workspace_load_unit_entries (f->workspace, live, unit_of (live, "B"), &error));
  g_assert_no_error (error);
  g_assert_true (par_year_results_has_entries (live, unit_of (live, "B")));
  g_assert_true (par_year_results_get_entry (live, unit_of (live, "B"), 0, PAR_STAGE_APPRAISAL,
                                             &state, &points));
  g_assert_cmpint (state, ==, PAR_ENTRY_VALUE);
  g_assert_cmpint (points, ==, 40000);
  g_assert_false (par_year_results_get_entry (live, unit_of (live, "B"), 1, PAR_STAGE_SELF,
                                              &state, &points));

  /* B overtakes A: the block is re-ranked */
  edit (f, live, "B", "1.1", PAR_STAGE_APPRAISAL, "60");
  g_assert_cmpuint (unit_of (live, "B")->rank, ==, 1);
  g_assert_cmpuint (unit_of (live, "A")->rank, ==, 2);
  g_assert_cmpuint (unit_of (live, "C")->rank, ==, 3);
  g_assert_cmpuint (unit_of (live, "E")->rank, ==, 1);

  /* a self entry under an appraisal: self points change, the index not */
  edit (f, live, "B", "2.1", PAR_STAGE_SELF, "35");
  g_assert_cmpint (unit_of (live, "B")->self_points, ==, 35000);

  /* not applicable: the maximum shrinks */
  edit (f, live, "B", "2.1", PAR_STAGE_APPRAISAL, "NA");
  g_assert_cmpint (unit_of (live, "B")->max, ==, 60000);
  g_assert_cmpint (unit_of (live, "B")->index, ==, 10000);

  /* clearing the appraisal falls back to the self entry */
  edit (f, live, "B", "2.1", PAR_STAGE_APPRAISAL, "");
  g_assert_cmpint (unit_of (live, "B")->points, ==, 95000);
  g_assert_true (unit_of (live, "B")->provisional);

  /* with nothing applicable B leaves the ranking */
  edit (f, live, "B", "1.1", PAR_STAGE_APPRAISAL, "NA");
  edit (f, live, "B", "2.1", PAR_STAGE_SELF, "na");
  g_assert_cmpint (unit_of (live, "B")->index, ==, PAR_CENTI_NONE);
  g_assert_cmpuint (unit_of (live, "B")->rank, ==, 0);
  g_assert_cmpuint (par_year_results_get_ranked (live, 0), ==, 3);

  /* and comes back */
  edit (f, live, "B", "1.1", PAR_STAGE_APPRAISAL, "59,5");
  g_assert_cmpuint (unit_of (live, "B")->rank, ==, 1);

  /* another unit, tying with C */
  g_assert_true (par_workspace_load_unit_entries (f->workspace, live, unit_of (live, "D"), &error));
  g_assert_no_error (error);
  edit (f, live, "D", "1.1", PAR_STAGE_APPRAISAL, "40");
  edit (f, live, "D", "2.1", PAR_STAGE_APPRAISAL, "30");
  g_assert_cmpuint (unit_of (live, "D")->rank, ==, unit_of (live, "C")->rank);
}

static void
load_json_example (Fixture *f)
{
  /* 2021: TKY 11, TCH 10 */
  test_add_year (f->workspace, 2021, "UBND xã", "tien-phuoc.criteria.json");
  test_import_units (f->workspace, 2021, "code,name,block\nTCH,UBND xã Tiên Châu,UBND xã\n"
                         "TKY,UBND xã Tiên Kỳ,UBND xã\n");
  test_import_scores (f->workspace, 2021, "unit,criterion,stage,value\nTCH,1.1,appraisal,10\n"
                          "TKY,3.2,appraisal,11\n");

  /* 2022: the commune example, and TPH where nothing applies */
  load_commune_example (f, 2022);
  test_import_units (f->workspace, 2022, "code,name,block\nTPH,\"UBND \"\"Tiên\"\" \\ Phong, mới\",UBND xã\n");
  test_import_scores (f->workspace, 2022,
                 "unit,criterion,stage,value\n"
                 "TPH,1.1,appraisal,NA\nTPH,1.2,appraisal,NA\nTPH,2.1,appraisal,NA\n"
                 "TPH,3.1,appraisal,NA\nTPH,3.2,appraisal,NA\nTPH,4.1,appraisal,NA\n"
                 "TPH,5.1,appraisal,NA\nTPH,6.1,appraisal,NA\nTPH,7.1,appraisal,NA\n"
                 "TPH,7.2,appraisal,NA\nTPH,8.1,appraisal,NA\nTPH,8.2,appraisal,NA\n");
}

static void
assert_members (JsonObject  *object,
                const char **expected,
                guint        n_expected)
{
  g_autoptr(GList) members = json_object_get_members (object);
  guint i = 0;

  g_assert_cmpuint (g_list_length (members), ==, n_expected);
  for (GList *l = members; l != NULL; l = l->next, i++)
    g_assert_cmpstr (l->data, ==, expected[i]);
}

static void
assert_number (JsonObject *object,
               const char *member,
               double      expected)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpfloat_with_epsilon (json_node_get_double (node), expected, 1e-9);
}

static void
assert_null (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_NULL (node));
}

static void
test_json_output (Fixture       *f,
                  gconstpointer  data)
{
  const char *unit_members[] = { "code", "name", "block", "self_points", "points", "max",
                                 "index", "band", "rank", "of", "provisional", "fields",
                                 "previous" };
  const char *field_members[] = { "code", "title", "points", "max", "index" };
  const char *previous_members[] = { "year", "index", "rank", "index_change", "rank_change" };
  const char *order[] = { "TCH", "TKY", "TPH" };
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  JsonObject *root;
  JsonArray *units;
  JsonObject *unit;
  JsonObject *field;
  JsonObject *previous;

  load_json_example (f);
  results = compute (f, 2022);
  json = par_results_format_json (results);

  /* numbers are written exactly, never through a binary float */
  g_assert_nonnull (strstr (json, "\"points\": 85.82"));
  g_assert_nonnull (strstr (json, "\"index\": 85.82"));
  g_assert_nonnull (strstr (json, "\"max\": 100,"));
  g_assert_nonnull (strstr (json, "\"self_points\": 9.5,"));
  g_assert_nonnull (strstr (json, "\"points\": 12.97, \"max\": 13.5, \"index\": 96.07"));
  g_assert_nonnull (strstr (json, "\"index_change\": 75.82"));
  g_assert_null (strstr (json, "85.8199"));

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (root), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "year"), ==, 2022);
  units = json_object_get_array_member (root, "units");
  g_assert_cmpuint (json_array_get_length (units), ==, 3);

  for (guint i = 0; i < json_array_get_length (units); i++)
    {
      JsonArray *fields;

      unit = json_array_get_object_element (units, i);
      assert_members (unit, unit_members, G_N_ELEMENTS (unit_members));
      g_assert_cmpstr (json_object_get_string_member (unit, "code"), ==, order[i]);
      g_assert_cmpstr (json_object_get_string_member (unit, "block"), ==, "UBND xã");
      g_assert_cmpint (json_object_get_int_member (unit, "of"), ==, 2);
      fields = json_object_get_array_member (unit, "fields");
      g_assert_cmpuint (json_array_get_length (fields), ==, 8);
      for (guint j = 0; j < 8; j++)
        {
          field = json_array_get_object_element (fields, j);
          assert_members (field, field_members, G_N_ELEMENTS (field_members));
        }
    }

  /* TCH: the commune example, and 2021's index 10 at rank 2 */
  unit = json_array_get_object_element (units, 0);
  g_assert_cmpstr (json_object_get_string_member (unit, "name"), ==, "UBND xã Tiên Châu");
  assert_number (unit, "self_points", 9.5);
  assert_number (unit, "points", 85.82);
  assert_number (unit, "max", 100);
  assert_number (unit, "index", 85.82);
  g_assert_cmpstr (json_object_get_string_member (unit, "band"), ==, "Tốt");
  g_assert_cmpint (json_object_get_int_member (unit, "rank"), ==, 1);
  g_assert_false (json_object_get_boolean_member (unit, "provisional"));
  field = json_array_get_object_element (json_object_get_array_member (unit, "fields"), 0);
  g_assert_cmpstr (json_object_get_string_member (field, "code"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (field, "title"), ==,
                   "Công tác chỉ đạo, điều hành CCHC");
  assert_number (field, "points", 12.97);
  assert_number (field, "max", 13.5);
  assert_number (field, "index", 96.07);
  previous = json_object_get_object_member (unit, "previous");
  g_assert_nonnull (previous);
  assert_members (previous, previous_members, G_N_ELEMENTS (previous_members));
  g_assert_cmpint (json_object_get_int_member (previous, "year"), ==, 2021);
  assert_number (previous, "index", 10);
  g_assert_cmpint (json_object_get_int_member (previous, "rank"), ==, 2);
  assert_number (previous, "index_change", 75.82);
  g_assert_cmpint (json_object_get_int_member (previous, "rank_change"), ==, 1);

  /* TKY: down from 11 at rank 1 to 0 at rank 2 */
  unit = json_array_get_object_element (units, 1);
  assert_number (unit, "index", 0);
  g_assert_cmpstr (json_object_get_string_member (unit, "band"), ==, "Yếu");
  g_assert_true (json_object_get_boolean_member (unit, "provisional"));
  previous = json_object_get_object_member (unit, "previous");
  assert_number (previous, "index", 11);
  g_assert_cmpint (json_object_get_int_member (previous, "rank"), ==, 1);
  assert_number (previous, "index_change", -11);
  g_assert_cmpint (json_object_get_int_member (previous, "rank_change"), ==, -1);

  /* TPH: nothing applies, and it is new */
  unit = json_array_get_object_element (units, 2);
  g_assert_cmpstr (json_object_get_string_member (unit, "name"), ==, "UBND \"Tiên\" \\ Phong, mới");
  assert_number (unit, "max", 0);
  assert_null (unit, "index");
  assert_null (unit, "band");
  assert_null (unit, "rank");
  assert_null (unit, "previous");
  field = json_array_get_object_element (json_object_get_array_member (unit, "fields"), 0);
  assert_number (field, "max", 0);
  assert_null (field, "index");
}

static void
test_json_empty_year (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  JsonObject *root;

  add_block (f, 2024, "all", one_leaf_json);
  results = compute (f, 2024);
  json = par_results_format_json (results);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "year"), ==, 2024);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "units")), ==, 0);
}

static void
test_csv_output (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  load_json_example (f);
  results = compute (f, 2022);
  csv = par_results_format_csv (results);
  lines = g_strsplit (csv, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==,
                   "code,name,block,self_points,points,max,index,band,rank,of,provisional,"
                   "previous_year,previous_index,previous_rank,index_change,rank_change");
  g_assert_cmpstr (lines[1], ==,
                   "TCH,UBND xã Tiên Châu,UBND xã,9.5,85.82,100,85.82,Tốt,1,2,false,"
                   "2021,10,2,75.82,1");
  g_assert_cmpstr (lines[2], ==,
                   "TKY,UBND xã Tiên Kỳ,UBND xã,0,0,100,0,Yếu,2,2,true,2021,11,1,-11,-1");
  /* quoted where the name needs it; empty cells where there is no index */
  g_assert_cmpstr (lines[3], ==,
                   "TPH,\"UBND \"\"Tiên\"\" \\ Phong, mới\",UBND xã,0,0,0,,,,2,false,,,,,");
  g_assert_cmpstr (lines[4], ==, "");
}

static void
test_text_output (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;
  g_autofree char *point = NULL;
  g_autofree char *comma = NULL;

  load_commune_example (f, 2022);
  results = compute (f, 2022);

  point = par_results_format_text (results, '.');
  g_assert_nonnull (strstr (point, "85.82"));
  g_assert_nonnull (strstr (point, "UBND xã Tiên Châu"));
  g_assert_nonnull (strstr (point, "Tốt"));
  g_assert_nonnull (strstr (point, "1/2"));

  /* a Vietnamese reader expects 85,82 and 0,00 */
  comma = par_results_format_text (results, ',');
  g_assert_nonnull (strstr (comma, "85,82"));
  g_assert_nonnull (strstr (comma, "0,00"));
  g_assert_null (strstr (comma, "85.82"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/par/results/" path, Fixture, NULL, fixture_set_up, func, workspace_fixture_tear_down)

  ADD ("commune-example", test_commune_example);
  ADD ("rebasing-not-applicable", test_rebasing);
  ADD ("rebasing-self-not-applicable", test_rebasing_small_set);
  ADD ("bands-at-boundaries", test_bands_at_boundaries);
  ADD ("band-and-rank-use-rounded-index", test_band_and_rank_use_rounded_index);
  ADD ("shared-ranks", test_shared_ranks);
  ADD ("provisional", test_provisional);
  ADD ("self-points", test_self_points);
  ADD ("previous-year", test_previous_year);
  ADD ("published-order", test_published_order);
  ADD ("update-entry-matches-fresh", test_update_entry);
  ADD ("json-output", test_json_output);
  ADD ("json-empty-year", test_json_empty_year);
  ADD ("csv-output", test_csv_output);
  ADD ("text-output", test_text_output);

#undef ADD

  return g_test_run ();
}
