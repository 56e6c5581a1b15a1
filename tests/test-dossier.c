/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#ifdef G_OS_UNIX
#include <unistd.h>
#endif
#include <string.h>

#include "evidence-fixtures.h"
#include "par-criteria-set.h"
#include "par-dossier-private.h"
#include "par-dossier.h"
#include "par-error.h"
#include "par-evidence.h"
#include "par-i18n.h"
#include "par-poppler-private.h"
#include "par-workspace.h"
#include "test-common.h"

typedef struct
{
  char         *dir;
  ParWorkspace *workspace;
} Fixture;

/* A little-endian 32-bit number at any address (a cast to guint32 * reads
 * an unaligned one, which is undefined). */
static guint32
read_le32 (const guint8 *p)
{
  return p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

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
  g_autofree char *path = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *png = NULL;
  const char *units = "code,name,block\nTCH,UBND xã Tiên Châu,UBND xã\n";
  const char *scores = "unit,criterion,stage,value\nTCH,1.1,self,9\nTCH,3.2,self,5\n"
                       "TCH,5.1,self,0\n";

  fixture->dir = test_make_dir ();
  path = g_build_filename (fixture->dir, "w.parindex", NULL);
  evidence_fixture_trio (fixture->dir, &a, &b, &png);

  fixture->workspace = test_workspace_open (path, PAR_WORKSPACE_CREATE_NEW);
  test_add_year (fixture->workspace, 2022, "UBND xã", "tien-phuoc.criteria.json");
  test_import_units (fixture->workspace, 2022, units);
  test_import_scores (fixture->workspace, 2022, scores);

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
  test_workspace_close (fixture->workspace);
  remove_tree (fixture->dir);
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

/* The outline as "title→page" lines, children indented by two spaces;
 * pages 1-based. */
static void
walk_outline (PopplerDocument  *document,
              PopplerIndexIter *iter,
              GString          *out,
              int               depth)
{
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);
      PopplerIndexIter *child;
      PopplerDest *dest;
      int page;

      g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
      dest = action->goto_dest.dest;
      if (dest->type == POPPLER_DEST_NAMED)
        dest = poppler_document_find_dest (document, dest->named_dest);
      page = dest->page_num;
      if (dest != action->goto_dest.dest)
        poppler_dest_free (dest);
      g_string_append_printf (out, "%*s%s→%d\n", 2 * depth, "", action->goto_dest.title, page);
      poppler_action_free (action);

      child = poppler_index_iter_get_child (iter);
      if (child != NULL)
        {
          walk_outline (document, child, out, depth + 1);
          poppler_index_iter_free (child);
        }
    }
  while (poppler_index_iter_next (iter));
}

/* The targets (1-based pages) of a page's links, top to bottom. */
static GArray *
link_targets (PopplerDocument *document,
              int              index)
{
  PopplerPage *page = poppler_document_get_page (document, index);
  GList *mapping = poppler_page_get_link_mapping (page);
  g_autoptr(GArray) tops = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *targets = g_array_new (FALSE, FALSE, sizeof (int));

  for (GList *l = mapping; l != NULL; l = l->next)
    {
      PopplerLinkMapping *link = l->data;
      PopplerDest *dest;
      guint at = 0;
      int target;

      g_assert_cmpint (link->action->type, ==, POPPLER_ACTION_GOTO_DEST);
      dest = link->action->goto_dest.dest;
      target = dest->page_num;
      /* Poppler's y grows upwards: the highest row first. */
      while (at < tops->len && g_array_index (tops, double, at) > link->area.y2)
        at++;
      g_array_insert_val (tops, at, link->area.y2);
      g_array_insert_val (targets, at, target);
    }
  poppler_page_free_link_mapping (mapping);
  g_object_unref (page);
  return targets;
}

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  return buf.st_size;
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (fixture->dir, "dossier.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GString) outline = g_string_new (NULL);
  g_autoptr(GArray) links = NULL;
  PopplerIndexIter *iter;
  const int expected_links[] = { 3, 3, 6, 8 };
  const char *expected_outline =
    "Bìa hồ sơ→1\n"
    "Danh mục tài liệu kiểm chứng→2\n"
    "1.1. Thực hiện kế hoạch CCHC→3\n"
    "  15/KH-UBND — Kế hoạch CCHC năm 2022→3\n"
    "1.2. Ban hành kế hoạch CCHC năm→3\n"
    "  15/KH-UBND — Kế hoạch CCHC năm 2022→3\n"
    "2.1. Rà soát văn bản QPPL→6\n"
    "  07/BC-UBND — Báo cáo rà soát văn bản→6\n"
    "3.1. Tỷ lệ hồ sơ giải quyết đúng hạn→8\n"
    "  Ảnh niêm yết thủ tục→8\n"
    "3.2. Công khai thủ tục hành chính→9\n";

  g_assert_true (par_workspace_write_dossier (fixture->workspace, 2022, "TCH", file,
                                              PAR_DOSSIER_FORMAT_PDF, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Poppler reads it back: an implementation independent of the qpdf
   * that wrote it. */
  document = poppler_document_new_from_gfile (file, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Cover, list, Alpha once for 1.1 and 1.2 (3 pages), Beta (2), the
   * image, the explanation page. */
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1 + 1 + 3 + 2 + 1 + 1);

  assert_page_contains (document, 0, "HỒ SƠ TÀI LIỆU KIỂM CHỨNG");
  assert_page_contains (document, 0, "UBND xã Tiên Châu");
  assert_page_contains (document, 0, "năm 2022");
  assert_page_contains (document, 0, "Gồm 3 tài liệu kiểm chứng (6 trang)");
  assert_page_contains (document, 1, "DANH MỤC TÀI LIỆU KIỂM CHỨNG");
  assert_page_contains (document, 1, "15/KH-UBND");
  assert_page_contains (document, 1, "07/BC-UBND");
  assert_page_contains (document, 1, "01/03/2022");
  assert_page_contains (document, 1, "Báo cáo rà soát văn bản");
  /* Each document's pages in the dossier. */
  assert_page_contains (document, 1, "3–5");
  assert_page_contains (document, 1, "6–7");
  /* 5.1 has a self entry but neither evidence nor explanation. */
  assert_page_contains (document, 1, "5.1");

  /* The documents in criterion order, each once: 1.1 (and 1.2), 2.1, 3.1. */
  assert_page_contains (document, 2, "Alpha page 1");
  assert_page_contains (document, 4, "Alpha page 3");
  assert_page_contains (document, 5, "Beta page 1");
  assert_page_contains (document, 6, "Beta page 2");
  assert_page_contains (document, 8, "Giải trình: Trang thông tin điện tử đang nâng cấp");
  {
    PopplerPage *beta = poppler_document_get_page (document, 5);
    double width, height;

    poppler_page_get_size (beta, &width, &height);
    g_assert_cmpfloat_with_epsilon (width, 841.89, 0.5);
    g_object_unref (beta);
  }

  /* The outline: the cover, the list, each criterion and its documents. */
  iter = poppler_index_iter_new (document);
  g_assert_nonnull (iter);
  walk_outline (document, iter, outline, 0);
  poppler_index_iter_free (iter);
  g_assert_cmpstr (outline->str, ==, expected_outline);

  /* Every row of the list links to its document's first page. */
  links = link_targets (document, 1);
  g_assert_cmpmem (links->data, links->len * sizeof (int), expected_links,
                   sizeof expected_links);

  /* The documents' pages are copied, not redrawn: the dossier is about
   * the size of its documents plus the drawn pages. */
  {
    g_autofree char *a = g_build_filename (fixture->dir, "a.pdf", NULL);
    g_autofree char *b = g_build_filename (fixture->dir, "b.pdf", NULL);
    g_autofree char *png = g_build_filename (fixture->dir, "c.png", NULL);

    g_assert_cmpint (file_size (out), <, file_size (a) + file_size (b) + file_size (png) + 120000);
  }
}

/* A dossier of scanned pages is as large as the scans, not their pixels. */
static void
test_pdf_size (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scan = g_build_filename (fixture->dir, "scan.pdf", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "dossier.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autoptr(PopplerDocument) document = NULL;
  gint64 drawn;
  gint64 evidence;

  /* The fixture's dossier without the scan, for the drawn pages' size. */
  g_assert_true (par_workspace_write_dossier (fixture->workspace, 2022, "TCH", file,
                                              PAR_DOSSIER_FORMAT_PDF, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  drawn = file_size (out);

  evidence_fixture_image_pdf (scan, 12, 410, 7);
  evidence = file_size (scan);
  attach (fixture, "7.1", scan, "Bản quét", "09/BC-UBND");
  g_assert_true (par_workspace_write_dossier (fixture->workspace, 2022, "TCH", file,
                                              PAR_DOSSIER_FORMAT_PDF, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("scan %" G_GINT64_FORMAT ", dossier without %" G_GINT64_FORMAT ", with %"
                  G_GINT64_FORMAT, evidence, drawn, file_size (out));
  g_assert_cmpint (file_size (out), <=, drawn + evidence * 105 / 100);

  document = poppler_document_new_from_gfile (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 9 + 12);
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
  offset = read_le32 (data + eocd + 16);
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

/* Zeroes the CRC-32 of the @index-th member, in its local header and in
 * the central directory. */
static void
corrupt_crc (guint8 *data,
             gsize   length,
             guint   index)
{
  gsize eocd = length - 22;
  guint offset;

  while (eocd > 0 && memcmp (data + eocd, "PK\005\006", 4) != 0)
    eocd--;
  offset = read_le32 (data + eocd + 16);
  for (guint i = 0; i <= index; i++)
    {
      guint name_length = data[offset + 28] | (data[offset + 29] << 8);
      guint extra = data[offset + 30] | (data[offset + 31] << 8);
      guint comment = data[offset + 32] | (data[offset + 33] << 8);

      g_assert_cmpmem (data + offset, 4, "PK\001\002", 4);
      if (i == index)
        {
          guint local = read_le32 (data + offset + 42);

          memset (data + offset + 16, 0, 4);
          g_assert_cmpmem (data + local, 4, "PK\003\004", 4);
          memset (data + local + 14, 0, 4);
        }
      offset += 46 + name_length + extra + comment;
    }
}

/* tests/check-zip.py: reads every member, checking its CRC. */
static gboolean
check_zip (const char  *path,
           char       **out_message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *check = g_test_build_filename (G_TEST_DIST, "check-zip.py", NULL);
  const char *argv[] = { "/usr/bin/python3", check, path, NULL };
  g_autofree char *errors = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &errors, &status, &error));
  g_assert_no_error (error);
  g_test_message ("check-zip.py %s: %s", path, errors);
  if (out_message != NULL)
    *out_message = g_steal_pointer (&errors);
  return g_spawn_check_wait_status (status, NULL);
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

  g_assert_true (par_workspace_write_dossier (fixture->workspace, 2022, "TCH", file,
                                              PAR_DOSSIER_FORMAT_ZIP, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  names = zip_names (out);
  g_assert_cmpuint (names->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (names, i), ==, expected[i]);

  /* An independent reader checks every entry's CRC. */
  g_assert_true (check_zip (out, NULL));

  /* And fails on a damaged one: the checker is not one that always
   * passes. */
  {
    g_autofree char *damaged = g_build_filename (fixture->dir, "damaged.zip", NULL);
    g_autofree guint8 *bytes = NULL;
    g_autofree char *message = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (out, (char **) &bytes, &length, NULL));
    corrupt_crc (bytes, length, 1);
    g_assert_true (g_file_set_contents (damaged, (char *) bytes, length, NULL));
    g_assert_false (check_zip (damaged, &message));
    g_assert_nonnull (strstr (message, "CRC"));
  }

  /* The evidence list inside reads the same in every locale. */
  {
    g_autofree char *check = g_test_build_filename (G_TEST_DIST, "check-xlsx-numbers.py", NULL);
    const char *argv[] = { "/usr/bin/python3", check, out, expected[0], NULL };
    g_autofree char *errors = NULL;
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                 NULL, NULL, &errors, &status, &error));
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("the evidence list is not locale-independent: %s", errors);
  }
}

/* Office documents: converted with LibreOffice where it is installed,
 * listed with a note where not; stored as they are in the zip. */
static void
test_office (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *docx = g_build_filename (fixture->dir, "Báo cáo.docx", NULL);
  g_autofree char *xlsx = g_build_filename (fixture->dir, "Bảng số liệu.xlsx", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "dossier.pdf", NULL);
  g_autofree char *zip = g_build_filename (fixture->dir, "dossier.zip", NULL);
  g_autofree char *empty_path = g_build_filename (fixture->dir, "no-programs", NULL);
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *saved_path = g_strdup (g_getenv ("PATH"));
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autoptr(GFile) zip_file = g_file_new_for_path (zip);
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *list = NULL;

  evidence_fixture_docx (docx, "Văn bản Word kiểm chứng");
  evidence_fixture_xlsx (xlsx, "Bảng tính kiểm chứng");
  attach (fixture, "4.1", docx, "Báo cáo tổng kết", "12/BC-UBND");
  attach (fixture, "5.1", xlsx, "Bảng số liệu", NULL);

  /* Without LibreOffice: listed, with a note instead of pages. */
  g_assert_cmpint (g_mkdir (empty_path, 0755), ==, 0);
  g_setenv ("PATH", empty_path, TRUE);
  par_workspace_write_dossier (fixture->workspace, 2022, "TCH", file, PAR_DOSSIER_FORMAT_PDF,
                               NULL, NULL, NULL, &error);
  g_setenv ("PATH", saved_path, TRUE);
  g_rmdir (empty_path);
  g_assert_no_error (error);
  document = poppler_document_new_from_gfile (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 9);
  list = page_text (document, 1);
  g_assert_nonnull (strstr (list, "Báo cáo tổng kết"));
  g_assert_nonnull (strstr (list, "Bảng số liệu"));
  g_assert_nonnull (strstr (list, "LibreOffice"));
  g_clear_object (&document);

  /* The zip keeps them as they are. */
  g_assert_true (par_workspace_write_dossier (fixture->workspace, 2022, "TCH", zip_file,
                                              PAR_DOSSIER_FORMAT_ZIP, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  names = zip_names (zip);
  g_assert_true (g_ptr_array_find_with_equal_func (names, "4.1/4.1_12-BC-UBND.docx", g_str_equal,
                                                   NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "5.1/5.1_Bảng_số_liệu.xlsx",
                                                   g_str_equal, NULL));

  if (soffice == NULL)
    {
      g_test_message ("LibreOffice is not installed: conversion not tested");
      return;
    }

  /* With LibreOffice: their pages, after the other documents. */
  g_assert_true (par_workspace_write_dossier (fixture->workspace, 2022, "TCH", file,
                                              PAR_DOSSIER_FORMAT_PDF, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  document = poppler_document_new_from_gfile (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), >=, 11);
  assert_page_contains (document, 9, "Văn bản Word kiểm chứng");
  assert_page_contains (document, 10, "Bảng tính kiểm chứng");
  {
    g_autofree char *text = page_text (document, 1);

    g_assert_null (strstr (text, "LibreOffice"));
    g_assert_nonnull (strstr (text, "10"));
  }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names of a folder's files, sorted, one a line. */
static char *
list_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

/* Writes a dossier into @folder over an existing file and expects it to
 * fail, leaving the old file as it was and nothing else. */
static void
assert_failure_keeps_existing (Fixture          *fixture,
                               const char       *folder,
                               ParDossierFormat  format,
                               GCancellable     *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (folder, format == PAR_DOSSIER_FORMAT_PDF
                                                   ? "hồ sơ.pdf" : "hồ sơ.zip", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (out, "the old dossier", -1, &error));
  g_assert_no_error (error);
  before = list_folder (folder);
  g_assert_false (par_workspace_write_dossier (fixture->workspace, 2022, "TCH", file, format,
                                               NULL, NULL, cancellable, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the old dossier");
  after = list_folder (folder);
  g_assert_cmpstr (after, ==, before);
  g_unlink (out);
}

/* A full disk (a small tmpfs, as root) or an unwritable folder (as
 * anyone else): the existing dossier stays, and no partial file. */
static void
test_failure_keeps_existing (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *scan = g_build_filename (fixture->dir, "scan.pdf", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "full", NULL);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();

  evidence_fixture_image_pdf (scan, 8, 410, 3);
  attach (fixture, "7.1", scan, "Bản quét", "09/BC-UBND");
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);

  /* Cancelled: the partial file is removed. */
  g_cancellable_cancel (cancelled);
  assert_failure_keeps_existing (fixture, folder, PAR_DOSSIER_FORMAT_PDF, cancelled);
  assert_failure_keeps_existing (fixture, folder, PAR_DOSSIER_FORMAT_ZIP, cancelled);

#ifdef G_OS_UNIX
  if (geteuid () == 0)
    {
      const char *mount[] = { "mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", folder, NULL };
      const char *umount[] = { "umount", folder, NULL };
      int status;

      if (!g_spawn_sync (NULL, (char **) mount, NULL, G_SPAWN_SEARCH_PATH |
                         G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                         NULL, NULL, &status, NULL) ||
          !g_spawn_check_wait_status (status, NULL))
        {
          g_test_skip ("cannot mount a small tmpfs here");
          return;
        }
      assert_failure_keeps_existing (fixture, folder, PAR_DOSSIER_FORMAT_PDF, NULL);
      assert_failure_keeps_existing (fixture, folder, PAR_DOSSIER_FORMAT_ZIP, NULL);
      g_assert_true (g_spawn_sync (NULL, (char **) umount, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   NULL, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  else
    {
      g_autofree char *out = g_build_filename (folder, "hồ sơ.pdf", NULL);

      g_assert_true (g_file_set_contents (out, "the old dossier", -1, NULL));
      g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GFile) file = g_file_new_for_path (out);
        g_autofree char *contents = NULL;

        g_assert_false (par_workspace_write_dossier (fixture->workspace, 2022, "TCH", file,
                                                     PAR_DOSSIER_FORMAT_PDF, NULL, NULL, NULL,
                                                     &error));
        g_assert_error (error, PAR_ERROR, PAR_ERROR_IO);
        g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
        g_assert_cmpstr (contents, ==, "the old dossier");
      }
      g_chmod (folder, 0755);
      g_unlink (out);
    }
#endif
  g_rmdir (folder);
}

/* Names that extract everywhere. */
static void
test_safe_names (void)
{
  const struct
  {
    const char *text;
    const char *name;
  } cases[] = {
    { "15/KH-UBND", "15-KH-UBND" },
    { "Kế hoạch CCHC", "Kế_hoạch_CCHC" },
    /* Decomposed Vietnamese becomes composed (NFC). */
    { "Ke\xcc\x82\xcc\x81 hoa\xcc\xa3" "ch", "Kế_hoạch" },
    { "Ảnh 📷 niêm yết 👨‍👩‍👧", "Ảnh_📷_niêm_yết_👨‍👩‍👧" },
    /* Characters whose code point ends in a reserved ASCII byte
     * (Ŝ is U+015C, "\\" is 0x5C; Ŀ is U+013F, "?" is 0x3F). */
    { "ŜĿ", "ŜĿ" },
    { "CON", "_CON" },
    { "nul", "_nul" },
    { "Com1.txt", "_Com1.txt" },
    { "LPT9", "_LPT9" },
    { "CONSOLE", "CONSOLE" },
    { "báo cáo. . ", "báo_cáo" },
    { "a:b*c?d\"e<f>g|h\\i", "a-b-c-d-e-f-g-h-i" },
    /* Bidirectional controls would show "gpj.exe" as "exe.jpg". */
    { "ảnh\xe2\x80\xae" "gpj.exe", "ảnh-gpj.exe" },
    { "x\xe2\x81\xa6y\xe2\x80\x8fz", "x-y-z" },
    { "tab\there\x01", "tab-here-" },
    { "...", "tai-lieu" },
    { "", "tai-lieu" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = _par_dossier_safe_name (cases[i].text, 60);

      g_assert_cmpstr (name, ==, cases[i].name);
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
  par_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/par/dossier/pdf-cover-list-documents-outline", Fixture, NULL, fixture_set_up,
              test_pdf, fixture_tear_down);
  g_test_add ("/par/dossier/pdf-size-of-evidence", Fixture, NULL, fixture_set_up,
              test_pdf_size, fixture_tear_down);
  g_test_add ("/par/dossier/zip-layout", Fixture, NULL, fixture_set_up, test_zip,
              fixture_tear_down);
  g_test_add ("/par/dossier/failure-keeps-existing", Fixture, NULL, fixture_set_up,
              test_failure_keeps_existing, fixture_tear_down);
  g_test_add ("/par/dossier/office-documents", Fixture, NULL, fixture_set_up, test_office,
              fixture_tear_down);
  g_test_add_func ("/par/dossier/zip-safe-names", test_safe_names);
  g_test_add ("/par/dossier/unknown-unit", Fixture, NULL, fixture_set_up,
              test_refuses_unknown_unit, fixture_tear_down);

  return g_test_run ();
}
