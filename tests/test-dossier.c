/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "evidence-fixtures.h"
#include "par-criteria-set.h"
#include "par-dossier.h"
#include "par-error.h"
#include "par-evidence.h"
#include "par-poppler-private.h"
#include "par-workspace.h"

typedef struct
{
  char         *dir;
  ParWorkspace *workspace;
} Fixture;

static void
attach (Fixture    *fixture,
        const char *criterion,
        const char *path,
        const char *title,
        const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ParDocumentInfo info = { title, number, "2022-03-01", "UBND xã Tiên Châu" };
  ParEvidence *evidence;

  evidence = par_workspace_attach_evidence (fixture->workspace, 2022, "TCH", criterion, file, &info,
                                            NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  par_evidence_free (evidence);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *criteria_path = g_test_build_filename (G_TEST_DIST, "data",
                                                          "tien-phuoc.criteria.json", NULL);
  g_autoptr(GFile) criteria_file = g_file_new_for_path (criteria_path);
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autofree char *path = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *png = NULL;
  const char *units = "code,name,block\nTCH,UBND xã Tiên Châu,UBND xã\n";
  const char *scores = "unit,criterion,stage,value\nTCH,1.1,self,9\nTCH,3.2,self,5\n"
                       "TCH,5.1,self,0\n";

  fixture->dir = g_dir_make_tmp ("test-dossier-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "w.parindex", NULL);
  a = g_build_filename (fixture->dir, "a.pdf", NULL);
  b = g_build_filename (fixture->dir, "b.pdf", NULL);
  png = g_build_filename (fixture->dir, "c.png", NULL);
  evidence_fixture_pdf (a, 3, 595.276, 841.89, "Alpha");
  evidence_fixture_pdf (b, 2, 841.89, 595.276, "Beta");
  evidence_fixture_png (png, 300, 200);

  fixture->workspace = par_workspace_open (path, PAR_WORKSPACE_CREATE_NEW, &error);
  g_assert_no_error (error);
  set = par_criteria_set_new_from_file (criteria_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (par_workspace_add_year (fixture->workspace, 2022, "UBND xã", set, &error));
  g_assert_true (par_workspace_import_units (fixture->workspace, 2022, units, strlen (units), NULL,
                                             &error));
  g_assert_no_error (error);
  g_assert_true (par_workspace_import_scores (fixture->workspace, 2022, scores, strlen (scores),
                                              NULL, &error));
  g_assert_no_error (error);

  /* Criteria 2.1 (Beta), 1.1 (Alpha), 1.2 (Alpha again), 3.1 (an image),
   * 3.2 (an explanation, no evidence); attached out of order on purpose. */
  attach (fixture, "2.1", b, "Báo cáo rà soát văn bản", "07/BC-UBND");
  attach (fixture, "1.1", a, "Kế hoạch CCHC năm 2022", "15/KH-UBND");
  attach (fixture, "1.2", a, NULL, NULL);
  attach (fixture, "3.1", png, "Ảnh niêm yết thủ tục", NULL);
  g_assert_true (par_workspace_set_explanation (fixture->workspace, 2022, "TCH", "3.2", FALSE,
                                                "Trang thông tin điện tử đang nâng cấp", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_assert_finalize_object (fixture->workspace);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static char *
page_text (PopplerDocument *document,
           int              index)
{
  PopplerPage *page = poppler_document_get_page (document, index);
  char *text = poppler_page_get_text (page);

  g_object_unref (page);
  return text;
}

static void
assert_page_contains (PopplerDocument *document,
                      int              index,
                      const char      *needle)
{
  g_autofree char *text = page_text (document, index);

  if (strstr (text, needle) == NULL)
    g_error ("page %d lacks “%s”:\n%s", index + 1, needle, text);
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (fixture->dir, "dossier.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autoptr(PopplerDocument) document = NULL;
  PopplerIndexIter *iter;
  const char *expected_codes[] = { "1.1", "1.2", "2.1", "3.1", "3.2" };
  const int expected_pages[] = { 3, 6, 9, 11, 12 };
  guint n_entries = 0;

  g_assert_true (par_workspace_write_dossier (fixture->workspace, 2022, "TCH", file,
                                              PAR_DOSSIER_FORMAT_PDF, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  document = poppler_document_new_from_gfile (file, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Cover, list, Alpha ×2 (3 pages each), Beta (2), the image, the
   * explanation page. */
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1 + 1 + 3 + 3 + 2 + 1 + 1);

  assert_page_contains (document, 0, "HỒ SƠ TÀI LIỆU KIỂM CHỨNG");
  assert_page_contains (document, 0, "UBND xã Tiên Châu");
  assert_page_contains (document, 0, "năm 2022");
  assert_page_contains (document, 1, "DANH MỤC TÀI LIỆU KIỂM CHỨNG");
  assert_page_contains (document, 1, "15/KH-UBND");
  assert_page_contains (document, 1, "07/BC-UBND");
  assert_page_contains (document, 1, "01/03/2022");
  assert_page_contains (document, 1, "Báo cáo rà soát văn bản");
  /* 5.1 has a self entry but neither evidence nor explanation. */
  assert_page_contains (document, 1, "5.1");

  /* The documents in criterion order: 1.1, 1.2, 2.1, 3.1. */
  assert_page_contains (document, 2, "Alpha page 1");
  assert_page_contains (document, 4, "Alpha page 3");
  assert_page_contains (document, 5, "Alpha page 1");
  assert_page_contains (document, 8, "Beta page 1");
  assert_page_contains (document, 9, "Beta page 2");
  assert_page_contains (document, 11, "Giải trình: Trang thông tin điện tử đang nâng cấp");
  {
    PopplerPage *beta = poppler_document_get_page (document, 8);
    double width, height;

    poppler_page_get_size (beta, &width, &height);
    g_assert_cmpfloat_with_epsilon (width, 841.89, 0.5);
    g_object_unref (beta);
  }

  /* One outline entry per criterion, pointing at its first page. */
  iter = poppler_index_iter_new (document);
  g_assert_nonnull (iter);
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);
      PopplerDest *dest;
      int page;

      g_assert_cmpuint (n_entries, <, G_N_ELEMENTS (expected_codes));
      g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
      g_assert_true (g_str_has_prefix (action->goto_dest.title, expected_codes[n_entries]));
      dest = action->goto_dest.dest;
      if (dest->type == POPPLER_DEST_NAMED)
        dest = poppler_document_find_dest (document, dest->named_dest);
      page = dest->page_num;
      if (dest != action->goto_dest.dest)
        poppler_dest_free (dest);
      g_assert_cmpint (page, ==, expected_pages[n_entries]);
      poppler_action_free (action);
      n_entries++;
    }
  while (poppler_index_iter_next (iter));
  poppler_index_iter_free (iter);
  g_assert_cmpuint (n_entries, ==, G_N_ELEMENTS (expected_codes));
}

/* The names in a zip's central directory. */
static GPtrArray *
zip_names (const char *path)
{
  g_autofree guint8 *data = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  gsize length;
  gsize eocd;
  guint n, offset;

  g_assert_true (g_file_get_contents (path, (char **) &data, &length, NULL));
  g_assert_cmpuint (length, >=, 22);
  eocd = length - 22;
  while (eocd > 0 && memcmp (data + eocd, "PK\005\006", 4) != 0)
    eocd--;
  g_assert_cmpmem (data + eocd, 4, "PK\005\006", 4);
  n = data[eocd + 10] | (data[eocd + 11] << 8);
  offset = GUINT32_FROM_LE (*(guint32 *) (data + eocd + 16));
  for (guint i = 0; i < n; i++)
    {
      guint name_length, extra, comment;

      g_assert_cmpmem (data + offset, 4, "PK\001\002", 4);
      name_length = data[offset + 28] | (data[offset + 29] << 8);
      extra = data[offset + 30] | (data[offset + 31] << 8);
      comment = data[offset + 32] | (data[offset + 33] << 8);
      g_ptr_array_add (names, g_strndup ((char *) data + offset + 46, name_length));
      offset += 46 + name_length + extra + comment;
    }
  return names;
}

static void
test_zip (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (fixture->dir, "dossier.zip", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autoptr(GPtrArray) names = NULL;
  const char *expected[] = {
    "danh-muc-tai-lieu-kiem-chung.xlsx",
    "1.1/1.1_15-KH-UBND.pdf",
    "1.2/1.2_15-KH-UBND.pdf",
    "2.1/2.1_07-BC-UBND.pdf",
    "3.1/3.1_Ảnh_niêm_yết_thủ_tục.png",
    "3.2/3.2_giai-trinh.txt",
  };
  g_autofree char *python = g_find_program_in_path ("python3");

  g_assert_true (par_workspace_write_dossier (fixture->workspace, 2022, "TCH", file,
                                              PAR_DOSSIER_FORMAT_ZIP, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  names = zip_names (out);
  g_assert_cmpuint (names->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (names, i), ==, expected[i]);

  /* An independent reader checks every entry's CRC. */
  if (python != NULL)
    {
      const char *argv[] = { python, "-m", "zipfile", "-t", out, NULL };
      g_autofree char *standard_output = NULL;
      int status;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                    &standard_output, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_test_message ("python3 -m zipfile -t: %s", standard_output);
    }
}

static void
test_refuses_unknown_unit (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (fixture->dir, "nothing.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);

  g_assert_false (par_workspace_write_dossier (fixture->workspace, 2022, "XYZ", file,
                                               PAR_DOSSIER_FORMAT_PDF, NULL, NULL, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/par/dossier/pdf-cover-list-documents-outline", Fixture, NULL, fixture_set_up,
              test_pdf, fixture_tear_down);
  g_test_add ("/par/dossier/zip-layout", Fixture, NULL, fixture_set_up, test_zip,
              fixture_tear_down);
  g_test_add ("/par/dossier/unknown-unit", Fixture, NULL, fixture_set_up,
              test_refuses_unknown_unit, fixture_tear_down);

  return g_test_run ();
}
