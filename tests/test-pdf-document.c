/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "par-pdf-document.h"
#include "test-common.h"

/* The PDF document without GTK (par-pdf-document.c): page sizes, pages
 * rendered on white, thumbnails, printing, diacritics-insensitive search,
 * and rendering from several threads at once. */

typedef struct
{
  char           *dir;
  char           *path;
  ParPdfDocument *pdf;
} Fixture;

/* Three A4 pages "Quyết định phê duyệt page 1…3", and a landscape one. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  f->dir = test_make_dir ();
  f->path = g_build_filename (f->dir, "Quyết định.pdf", NULL);
  surface = cairo_pdf_surface_create (f->path, 595, 842);
  cr = cairo_create (surface);
  for (int i = 1; i <= 4; i++)
    {
      g_autofree char *text = g_strdup_printf ("Quyết định phê duyệt page %d", i);

      if (i == 4)
        cairo_pdf_surface_set_size (surface, 842, 595);
      cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                              CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 18);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, 40, 100);
      cairo_show_text (cr, i == 4 ? "Báo cáo đánh giá" : text);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  file = g_file_new_for_path (f->path);
  f->pdf = par_pdf_document_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->pdf);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The pixel at (x, y) of an ARGB32 surface. */
static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  guint8 *data = cairo_image_surface_get_data (surface);

  return *(guint32 *) (void *) (data + y * cairo_image_surface_get_stride (surface) + 4 * x);
}

static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  double width, height;
  cairo_surface_t *surface;
  gboolean inked = FALSE;

  g_assert_cmpint (par_pdf_document_get_n_pages (f->pdf), ==, 4);
  par_pdf_document_get_page_size (f->pdf, 0, &width, &height);
  g_assert_cmpfloat (width, ==, 595);
  g_assert_cmpfloat (height, ==, 842);
  par_pdf_document_get_page_size (f->pdf, 3, &width, &height);
  g_assert_cmpfloat (width, ==, 842);

  /* At 2 pixels a point, on white, with the text in black. */
  surface = par_pdf_document_render (f->pdf, 0, 2.0, NULL);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1190);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 1684);
  g_assert_cmphex (pixel (surface, 1000, 1600), ==, 0xffffffff);
  for (int x = 80; x < 400 && !inked; x++)
    for (int y = 160; y < 210 && !inked; y++)
      inked = (pixel (surface, x, y) & 0xffffff) < 0x404040;
  g_assert_true (inked);
  cairo_surface_destroy (surface);

  g_assert_null (par_pdf_document_render (f->pdf, 4, 1.0, NULL));
  g_assert_null (par_pdf_document_render (f->pdf, -1, 1.0, NULL));

  surface = par_pdf_document_render_thumbnail (f->pdf, 3, 96);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 96);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 68);
  cairo_surface_destroy (surface);
}

/* A highlighted hit shows on the rendered page. */
static void
test_find (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GArray) again = NULL;
  g_autoptr(GArray) none = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  cairo_surface_t *surface;
  const ParPdfRect *hit;
  int page = -1;

  /* Without marks, as the lists search: ệ and đ too. */
  hits = par_pdf_document_find (f->pdf, "quyet dinh phe duyet page 2", 0, &page, NULL);
  g_assert_nonnull (hits);
  g_assert_cmpint (page, ==, 1);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = &g_array_index (hits, ParPdfRect, 0);
  /* The text's baseline is 100 points from the top. */
  g_assert_cmpfloat (hit->y, <, 100);
  g_assert_cmpfloat (hit->y + hit->height, >, 90);
  g_assert_cmpfloat (hit->x, >=, 39);

  /* From the page after: round to the last page's "Báo cáo". */
  again = par_pdf_document_find (f->pdf, "bao cao", 2, &page, NULL);
  g_assert_nonnull (again);
  g_assert_cmpint (page, ==, 3);

  none = par_pdf_document_find (f->pdf, "không có", 0, &page, NULL);
  g_assert_null (none);
  g_cancellable_cancel (cancellable);
  g_assert_null (par_pdf_document_find (f->pdf, "page", 0, &page, cancellable));

  surface = par_pdf_document_render (f->pdf, 1, 1.0, hits);
  /* Yellow over white where the hit is. */
  g_assert_cmphex (pixel (surface, (int) (hit->x + 2), (int) (hit->y + 2)) & 0xff, <, 0xc0);
  cairo_surface_destroy (surface);
}

/* Drawing for printing writes the page's text into another PDF. */
static void
test_print (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *printed = g_build_filename (f->dir, "printed.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (printed);
  g_autoptr(ParPdfDocument) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = NULL;
  cairo_surface_t *surface = cairo_pdf_surface_create (printed, 595, 842);
  cairo_t *cr = cairo_create (surface);
  int page = -1;

  g_assert_true (par_pdf_document_render_for_printing (f->pdf, 2, cr));
  g_assert_false (par_pdf_document_render_for_printing (f->pdf, 9, cr));
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  copy = par_pdf_document_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  hits = par_pdf_document_find (copy, "page 3", 0, &page, NULL);
  g_assert_nonnull (hits);
  g_clear_object (&copy);
  g_unlink (printed);
}

static gpointer
render_all (gpointer data)
{
  ParPdfDocument *pdf = data;

  for (int round = 0; round < 5; round++)
    for (int i = 0; i < par_pdf_document_get_n_pages (pdf); i++)
      {
        cairo_surface_t *surface = par_pdf_document_render (pdf, i, 0.5, NULL);
        int page;
        g_autoptr(GArray) hits = par_pdf_document_find (pdf, "page", i, &page, NULL);

        g_assert_nonnull (surface);
        g_assert_nonnull (hits);
        cairo_surface_destroy (surface);
      }
  return NULL;
}

/* Four threads render and search at once: the document's lock keeps
 * Poppler to one at a time. */
static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("render", render_all, f->pdf);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

static void
test_not_pdf (void)
{
  g_autofree char *path = g_build_filename (test_workdir (), "scan.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "not a pdf", -1, NULL));
  g_assert_null (par_pdf_document_new_from_file (file, NULL, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/par/pdf-document/pages", Fixture, NULL, fixture_set_up, test_pages,
              fixture_tear_down);
  g_test_add ("/par/pdf-document/find", Fixture, NULL, fixture_set_up, test_find,
              fixture_tear_down);
  g_test_add ("/par/pdf-document/print", Fixture, NULL, fixture_set_up, test_print,
              fixture_tear_down);
  g_test_add ("/par/pdf-document/threads", Fixture, NULL, fixture_set_up, test_threads,
              fixture_tear_down);
  g_test_add_func ("/par/pdf-document/not-pdf", test_not_pdf);

  return test_run ();
}
