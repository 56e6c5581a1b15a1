/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-bench-evidence"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/resource.h>
#endif

#include "evidence-fixtures.h"
#include "par-criteria-set.h"
#include "par-dossier.h"
#include "par-evidence.h"
#include "par-workspace.h"

/*
 * The evidence benchmark: attach a generated 100 MB scan (200 pages of
 * incompressible image data) and build a dossier of about 500 MB (five
 * such scans, one per criterion). Each phase runs in a child process of its own
 * so that its peak memory (getrusage) is its own. Budget: under 200 MB
 * peak for each.
 *
 *   ninja -C BUILDDIR bench/parindex-bench-evidence
 *   BUILDDIR/bench/parindex-bench-evidence [--pages 200] [--links 5]
 */

static const char *criteria_json =
  "{ \"format\": \"parindex-criteria/1\", \"title\": \"Bộ chỉ số thử\", \"nodes\": ["
  "  { \"code\": \"1\", \"title\": \"Lĩnh vực 1\", \"children\": ["
  "    { \"code\": \"1.1\", \"title\": \"Tiêu chí 1.1\", \"max\": 20 },"
  "    { \"code\": \"1.2\", \"title\": \"Tiêu chí 1.2\", \"max\": 20 },"
  "    { \"code\": \"1.3\", \"title\": \"Tiêu chí 1.3\", \"max\": 20 },"
  "    { \"code\": \"1.4\", \"title\": \"Tiêu chí 1.4\", \"max\": 20 },"
  "    { \"code\": \"1.5\", \"title\": \"Tiêu chí 1.5\", \"max\": 20 } ] } ] }";

static double
peak_memory_mb (void)
{
#ifdef G_OS_UNIX
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    return usage.ru_maxrss / 1024.0;
#endif
  return -1;
}

static void
print_progress (double      fraction,
                const char *text,
                gpointer    user_data)
{
  int *last = user_data;
  int percent = (int) (fraction * 100);

  if (percent / 20 != *last / 20)
    g_printerr ("  %d%%\n", percent);
  *last = percent;
}

static int
run_phase (const char *phase,
           const char *dir,
           int         links)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "bench.parindex", NULL);
  g_autoptr(ParWorkspace) workspace = NULL;
  gint64 start = g_get_monotonic_time ();
  int last = -1;

  workspace = par_workspace_open (path, PAR_WORKSPACE_OPEN_EXISTING, &error);
  g_assert_no_error (error);

  if (g_str_equal (phase, "attach"))
    {
      ParDocumentInfo info = { "Bản quét 200 trang", "01/BC-UBND", "2025-01-02", "UBND xã" };

      for (int i = 0; i < links; i++)
        {
          g_autofree char *code = g_strdup_printf ("1.%d", i + 1);
          g_autofree char *name = g_strdup_printf ("scan-%d.pdf", i + 1);
          g_autofree char *scan = g_build_filename (dir, name, NULL);
          g_autoptr(GFile) file = g_file_new_for_path (scan);
          ParEvidence *evidence = par_workspace_attach_evidence (workspace, 2025, "X1", code, file,
                                                                 &info, NULL,
                                                                 i == 0 ? print_progress : NULL,
                                                                 &last, NULL, &error);
          g_assert_no_error (error);
          g_unlink (scan);
          if (i == 0)
            g_print ("attach\t%.0f ms\t%.1f MB peak\t(%" G_GINT64_FORMAT " bytes, %d pages)\n",
                     (g_get_monotonic_time () - start) / 1000.0, peak_memory_mb (),
                     evidence->document->size, evidence->document->page_count);
          par_evidence_free (evidence);
        }
    }
  else
    {
      g_autofree char *out = g_build_filename (dir, phase, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (out);
      g_autoptr(GFileInfo) info = NULL;
      ParDossierFormat format;

      g_assert_true (par_dossier_format_for_path (out, &format));
      par_workspace_write_dossier (workspace, 2025, "X1", file, format, print_progress, &last,
                                   NULL, &error);
      g_assert_no_error (error);
      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, &error);
      g_assert_no_error (error);
      g_print ("%s\t%.0f ms\t%.1f MB peak\t(%.1f MB written)\n", phase,
               (g_get_monotonic_time () - start) / 1000.0, peak_memory_mb (),
               g_file_info_get_size (info) / 1048576.0);
      g_unlink (out);
    }
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *phase = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *self = NULL;
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParCriteriaSet) set = NULL;
  int pages = 200;
  int links = 5;
  GOptionEntry entries[] = {
    { "pages", 0, 0, G_OPTION_ARG_INT, &pages, "Pages of the scan (default 200, about 100 MB)", "N" },
    { "links", 0, 0, G_OPTION_ARG_INT, &links, "Scans, one per criterion (default 5)", "N" },
    { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &phase, NULL, NULL },
    { "dir", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &dir, NULL, NULL },
    { NULL }
  };
  const char *phases[] = { "attach", "dossier.pdf", "dossier.zip" };
  const char *units = "code,name,block\nX1,UBND xã Thử,all\n";
  gint64 start;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  links = CLAMP (links, 1, 5);

  if (phase != NULL)
    return run_phase (phase, dir, links);

  dir = g_dir_make_tmp ("parindex-bench-evidence-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.parindex", NULL);

  start = g_get_monotonic_time ();
  for (int i = 0; i < links; i++)
    {
      g_autofree char *name = g_strdup_printf ("scan-%d.pdf", i + 1);
      g_autofree char *scan = g_build_filename (dir, name, NULL);

      evidence_fixture_image_pdf (scan, pages, 410, 42 + i);
    }
  g_print ("generate\t%.0f ms\t(%d scans of %d pages)\n",
           (g_get_monotonic_time () - start) / 1000.0, links, pages);

  set = par_criteria_set_new_from_data (criteria_json, -1, &error);
  g_assert_no_error (error);
  workspace = par_workspace_open (path, PAR_WORKSPACE_CREATE_NEW, &error);
  g_assert_no_error (error);
  par_workspace_add_year (workspace, 2025, "all", set, &error);
  g_assert_no_error (error);
  par_workspace_import_units (workspace, 2025, units, strlen (units), NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&workspace);

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);

  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      g_autofree char *phase_arg = g_strdup_printf ("--phase=%s", phases[i]);
      g_autofree char *dir_arg = g_strdup_printf ("--dir=%s", dir);
      g_autofree char *links_arg = g_strdup_printf ("--links=%d", links);
      const char *child[] = { self, phase_arg, dir_arg, links_arg, NULL };
      int status;

      g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL,
                    NULL, &status, &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("%s failed: %s\n", phases[i], error->message);
          return 1;
        }
    }

  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
