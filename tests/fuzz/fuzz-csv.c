/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-common.h"
#include "par-csv.h"
#include "par-error.h"
#include "par-workspace.h"

/*
 * The CSV reader and the validation of units (FORMATS.md §2) and scores
 * (§3) files, on an in-memory workspace holding one year whose set has a
 * leaf of every rule kind. Any bytes are either refused with a message or
 * imported; an import that succeeds changes the workspace, which is then
 * made afresh so that every input meets the same one.
 */

static const char criteria[] =
  "{ \"format\": \"parindex-criteria/1\", \"title\": \"Fuzz\", \"nodes\": ["
  "  { \"code\": \"1\", \"title\": \"Một\", \"children\": ["
  "    { \"code\": \"1.1\", \"title\": \"manual\", \"max\": 10 },"
  "    { \"code\": \"1.2\", \"title\": \"binary\", \"max\": 2,"
  "      \"rule\": { \"kind\": \"binary\" } },"
  "    { \"code\": \"1.3\", \"title\": \"options\", \"max\": 3.5,"
  "      \"rule\": { \"kind\": \"options\","
  "      \"options\": [ { \"label\": \"Đúng thời hạn\", \"points\": 3.5 },"
  "                     { \"label\": \"Chậm\", \"points\": 2 } ] } } ] },"
  "  { \"code\": \"2\", \"title\": \"Hai\", \"children\": ["
  "    { \"code\": \"2.1\", \"title\": \"tiers\", \"max\": 10, \"rule\": { \"kind\": \"tiers\","
  "      \"tiers\": [ { \"min\": 100, \"points\": 10 }, { \"min\": 95, \"points\": 7.5 } ] } },"
  "    { \"code\": \"2.2\", \"title\": \"ratio\", \"max\": 4, \"rule\": { \"kind\": \"ratio\","
  "      \"full_at\": 80 } },"
  "    { \"code\": \"2.3\", \"title\": \"deduction\", \"max\": 6, \"not_arising\": \"full\","
  "      \"rule\": { \"kind\": \"deduction\", \"per\": 0.5 } },"
  "    { \"code\": \"2.4\", \"title\": \"survey\", \"max\": 5, \"not_arising\": \"na\","
  "      \"rule\": { \"kind\": \"survey\" } } ] } ] }";

static const char units[] =
  "code,name,block,kind,parent\n"
  "TCH,UBND xã Tiên Châu,UBND xã,xã,\n"
  "TKY,UBND xã Tiên Kỳ,UBND xã,xã,TCH\n";

static ParWorkspace *workspace;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static ParWorkspace *
make_workspace (void)
{
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autoptr(GError) error = NULL;
  ParWorkspace *self;

  /* ":memory:" is a database SQLite keeps in memory, never a file */
  self = par_workspace_open (":memory:", PAR_WORKSPACE_CREATE_NEW, &error);
  g_assert_no_error (error);
  set = par_criteria_set_new_from_data (criteria, -1, &error);
  g_assert_no_error (error);
  if (!par_workspace_add_year (self, 2025, "UBND xã", set, &error) ||
      !par_workspace_add_year (self, 2025, "Sở, ban, ngành", set, &error) ||
      !par_workspace_import_units (self, 2025, units, sizeof units - 1, NULL, &error))
    g_error ("%s", error->message);
  return self;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_glib (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  workspace = make_workspace ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autoptr(ParCsv) csv = par_csv_new (text, size);
  g_autoptr(GError) error = NULL;
  GPtrArray *fields;
  guint line;
  guint count;

  /* the reader alone, to the end or the first error */
  while (par_csv_next (csv, &line, &fields, &error))
    g_assert (fields->len > 0);
  g_clear_error (&error);

  if (par_workspace_import_units (workspace, 2025, text, size, &count, &error))
    {
      g_clear_object (&workspace);
      workspace = make_workspace ();
    }
  else
    g_assert (error != NULL && error->domain == PAR_ERROR);
  g_clear_error (&error);

  if (par_workspace_import_scores (workspace, 2025, text, size, &count, &error))
    {
      g_autoptr(ParYearResults) results = par_workspace_compute_results (workspace, 2025, &error);

      g_assert_no_error (error);
      g_assert (results != NULL);
      g_clear_object (&workspace);
      workspace = make_workspace ();
    }
  else
    g_assert (error != NULL && error->domain == PAR_ERROR);
  return 0;
}
