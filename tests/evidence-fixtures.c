/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <string.h>
#include <xlsxwriter.h>

#include "evidence-fixtures.h"

/* A PDF whose page i (from 1) reads "<label> page i", with a band whose
 * width grows with i so that rendered pages differ. */
void
evidence_fixture_pdf (const char *path,
                      int         n_pages,
                      double      width,
                      double      height,
                      const char *label)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, width, height);
  cairo_t *cr = cairo_create (surface);

  for (int i = 1; i <= n_pages; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s page %d", label, i);

      cairo_set_source_rgb (cr, 0.1, 0.2, 0.6);
      cairo_rectangle (cr, 20, 20, 20.0 * i, 20);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 18);
      cairo_move_to (cr, 40, 100);
      cairo_show_text (cr, text);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* A "scan": each A4 page one image of incompressible noise, so the file
 * is about n_pages × image_side² × 3 bytes. */
void
evidence_fixture_image_pdf (const char *path,
                            int         n_pages,
                            int         image_side,
                            guint32     seed)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595.276, 841.89);
  cairo_t *cr = cairo_create (surface);
  GRand *rand = g_rand_new_with_seed (seed);

  for (int i = 0; i < n_pages; i++)
    {
      cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, image_side, image_side);
      guint32 *data;
      int stride;

      cairo_surface_flush (image);
      data = (guint32 *) (void *) cairo_image_surface_get_data (image);
      stride = cairo_image_surface_get_stride (image) / 4;
      for (int y = 0; y < image_side; y++)
        for (int x = 0; x < image_side; x++)
          data[y * stride + x] = g_rand_int (rand) & 0xffffff;
      cairo_surface_mark_dirty (image);

      cairo_save (cr);
      cairo_scale (cr, 595.276 / image_side, 595.276 / image_side);
      cairo_set_source_surface (cr, image, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_show_page (cr);
      cairo_surface_destroy (image);
    }
  g_rand_free (rand);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

void
evidence_fixture_png (const char *path,
                      int         width,
                      int         height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_rectangle (cr, width / 4.0, height / 4.0, width / 2.0, height / 2.0);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* A zip package of the given members, names and contents alternating. */
static void
write_package (const char         *path,
               const char * const *members)
{
  struct archive *archive = archive_write_new ();

  archive_write_set_format_zip (archive);
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);
  for (guint i = 0; members[i] != NULL; i += 2)
    {
      struct archive_entry *entry = archive_entry_new ();

      archive_entry_set_pathname (entry, members[i]);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, strlen (members[i + 1]));
      g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (archive, members[i + 1], strlen (members[i + 1])), ==,
                       (la_ssize_t) strlen (members[i + 1]));
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
}

/* A one-paragraph Word document (.docx) that reads @text. */
void
evidence_fixture_docx (const char *path,
                       const char *text)
{
  g_autofree char *document = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>", text);
  const char *members[] = {
    "[Content_Types].xml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "</Types>",
    "_rels/.rels",
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "</Relationships>",
    "word/document.xml", document,
    NULL,
  };

  write_package (path, members);
}

/* A workbook (.xlsx) whose first cell reads @text. */
void
evidence_fixture_xlsx (const char *path,
                       const char *text)
{
  lxw_workbook *workbook = workbook_new (path);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, NULL);

  worksheet_write_string (sheet, 0, 0, text, NULL);
  worksheet_write_number (sheet, 1, 0, 42, NULL);
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);
}

/* A zip that is no office document. */
void
evidence_fixture_zip (const char *path)
{
  const char *members[] = { "readme.txt", "not an office document", NULL };

  write_package (path, members);
}

/* Three documents in @dir: a.pdf (3 A4 pages, "Alpha"), b.pdf (2 landscape
 * A4 pages, "Beta") and c.png (300 × 200). */
void
evidence_fixture_trio (const char  *dir,
                       char       **out_pdf_a,
                       char       **out_pdf_b,
                       char       **out_png)
{
  *out_pdf_a = g_build_filename (dir, "a.pdf", NULL);
  *out_pdf_b = g_build_filename (dir, "b.pdf", NULL);
  *out_png = g_build_filename (dir, "c.png", NULL);
  evidence_fixture_pdf (*out_pdf_a, 3, 595.276, 841.89, "Alpha");
  evidence_fixture_pdf (*out_pdf_b, 2, 841.89, 595.276, "Beta");
  evidence_fixture_png (*out_png, 300, 200);
}
