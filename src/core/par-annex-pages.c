/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-annex-pages"

#include "config.h"

#include "par-annex-pages.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "par-error.h"
#include "par-output-file.h"

/*
 * The annexes as printed pages, laid out as a spreadsheet program prints
 * the workbook (par-annex-workbook.c): A4 in the sheet's orientation, the
 * decree's margins, the table scaled down to the page width and centred,
 * the header rows repeated at the top of every page, a new page where the
 * sheet breaks, and a footer with the fingerprint on the left and
 * "Trang 2/5" (page of the annex) on the right. The same pages go to a
 * printer (GtkPrintOperation calls par_annex_pages_draw() per page) and
 * to a PDF file.
 *
 * Coordinates are points on the whole sheet of paper, origin top left.
 */

/* A cell's text keeps this far from its borders. */
#define PADDING 2.0

/* The footer's baseline above the paper's bottom edge (0.3 inch, as in
 * the workbook). */
#define FOOTER_OFFSET 21.6

typedef struct
{
  guint   sheet;
  guint   first_row;    /* the body rows of this page */
  guint   last_row;     /* inclusive */
  guint   nth;          /* 1-based, within the sheet */
  guint   of;           /* pages of the sheet */
} Page;

typedef struct
{
  const ParAnnexCell **cells;    /* the cell shown at each anchor, by row then column */
  guint               *row_start; /* index into cells of each row's first; n_rows + 1 entries */
  double              *col_x;     /* left edge of each column, n_columns + 1 entries */
  double              *row_y;     /* top of each row in the sheet, n_rows + 1 entries */
  GPtrArray           *owned;     /* cells made for merged ranges */
  double               scale;
  gboolean             landscape;
} SheetLayout;

struct _ParAnnexPages
{
  ParAnnexDocument *document;
  gboolean          borrowed;  /* the document is not ours to free */
  SheetLayout      *layouts;   /* of the document's own sheets */
  GArray           *pages;     /* Page */
  gboolean          counted;   /* @pages has the pages of the sheets made on demand */

  /* The sheet made on demand last, laid out. */
  guint             made_index;
  ParAnnexSheet    *made;
  SheetLayout       made_layout;
};

static double
paper_width (gboolean landscape)
{
  return landscape ? PAR_ANNEX_PAGE_LONG : PAR_ANNEX_PAGE_SHORT;
}

static double
paper_height (gboolean landscape)
{
  return landscape ? PAR_ANNEX_PAGE_SHORT : PAR_ANNEX_PAGE_LONG;
}

/* The whole width of a column in points, as a spreadsheet prints it:
 * Excel's unit is 7 pixels plus 5 of padding, at 96 pixels an inch. */
static double
column_print_points (double units)
{
  return units > 0 ? (units * 7.0 + 5.0) * 72.0 / 96.0 : 0;
}

static int
compare_anchor (gconstpointer a,
                gconstpointer b)
{
  const ParAnnexCell *x = *(const ParAnnexCell **) a;
  const ParAnnexCell *y = *(const ParAnnexCell **) b;

  if (x->row != y->row)
    return x->row < y->row ? -1 : 1;
  if (x->col != y->col)
    return x->col < y->col ? -1 : 1;
  /* Same place: the order written, kept by comparing addresses in one
   * array. */
  return x < y ? -1 : x > y ? 1 : 0;
}

static void
layout_sheet (SheetLayout         *layout,
              const ParAnnexSheet *sheet)
{
  g_autofree const ParAnnexCell **sorted = g_new (const ParAnnexCell *, sheet->cells->len + 1);
  guint n = 0;
  double width = 0;
  double printable;

  for (guint i = 0; i < sheet->cells->len; i++)
    sorted[i] = &g_array_index (sheet->cells, ParAnnexCell, i);
  qsort (sorted, sheet->cells->len, sizeof (const ParAnnexCell *), compare_anchor);

  /* One cell per anchor: the last written, over a merged range written
   * before it keeps that range's extent (a number in the first cell of a
   * merged range). */
  layout->owned = g_ptr_array_new_with_free_func (g_free);
  layout->cells = g_new0 (const ParAnnexCell *, sheet->cells->len + 1);
  for (guint i = 0; i < sheet->cells->len; i++)
    {
      if (n > 0 && layout->cells[n - 1]->row == sorted[i]->row &&
          layout->cells[n - 1]->col == sorted[i]->col)
        {
          const ParAnnexCell *before = layout->cells[n - 1];

          if (before->last_row > sorted[i]->last_row || before->last_col > sorted[i]->last_col)
            {
              ParAnnexCell *merged = g_new (ParAnnexCell, 1);

              /* A copy owning nothing: its strings stay the document's. */
              *merged = *sorted[i];
              merged->last_row = MAX (before->last_row, sorted[i]->last_row);
              merged->last_col = MAX (before->last_col, sorted[i]->last_col);
              layout->cells[n - 1] = merged;
              g_ptr_array_add (layout->owned, merged);
            }
          else
            layout->cells[n - 1] = sorted[i];
          continue;
        }
      layout->cells[n++] = sorted[i];
    }

  layout->row_start = g_new0 (guint, sheet->n_rows + 1);
  for (guint r = 0, i = 0; r <= sheet->n_rows; r++)
    {
      while (i < n && layout->cells[i]->row < r)
        i++;
      layout->row_start[r] = i;
    }

  layout->col_x = g_new0 (double, sheet->n_columns + 1);
  for (guint c = 0; c < sheet->n_columns; c++)
    {
      layout->col_x[c] = width;
      width += column_print_points (sheet->widths[c]);
    }
  layout->col_x[sheet->n_columns] = width;

  layout->row_y = g_new0 (double, sheet->n_rows + 1);
  for (guint r = 0; r < sheet->n_rows; r++)
    layout->row_y[r + 1] = layout->row_y[r] + par_annex_sheet_get_height (sheet, r);

  layout->landscape = sheet->landscape;
  printable = paper_width (sheet->landscape) - PAR_ANNEX_MARGIN_LEFT - PAR_ANNEX_MARGIN_RIGHT;
  layout->scale = width > printable ? printable / width : 1.0;
}

static void
layout_clear (SheetLayout *layout)
{
  g_free (layout->cells);
  g_free (layout->row_start);
  g_free (layout->col_x);
  g_free (layout->row_y);
  g_clear_pointer (&layout->owned, g_ptr_array_unref);
}

static double
rows_height (SheetLayout *layout,
             guint        first,
             guint        last)
{
  return layout->row_y[last + 1] - layout->row_y[first];
}

static gboolean
is_break (const ParAnnexSheet *sheet,
          guint                row)
{
  for (guint i = 0; i < sheet->page_breaks->len; i++)
    if (g_array_index (sheet->page_breaks, guint, i) == row)
      return TRUE;
  return FALSE;
}

/* A row of a table: one with a bordered cell. */
static gboolean
is_table_row (SheetLayout *layout,
              guint        row)
{
  for (guint i = layout->row_start[row]; i < layout->row_start[row + 1]; i++)
    if (layout->cells[i]->style.border)
      return TRUE;
  return FALSE;
}

/* Tables do not leave one to three rows alone on a page. */
#define MIN_TABLE_ROWS 4

/* Where the page that starts at @first and would end before @next ends
 * instead: earlier, when the rest of the sheet (up to its next break)
 * would put fewer than MIN_TABLE_ROWS rows of a table alone on the next
 * page, and this page keeps at least as many of its own. */
static guint
keep_rows_together (const ParAnnexSheet *sheet,
                    SheetLayout         *layout,
                    guint                first,
                    guint                next,
                    double               available,
                    double               header)
{
  guint end = next + 1;
  guint alone = 0;
  guint kept = 0;
  guint moved = 0;
  guint candidate = next;

  while (end < sheet->n_rows && !is_break (sheet, end))
    end++;
  /* Only when the rest fits on the next page: otherwise that page is full
   * and the question is put again at its end. */
  if (header + rows_height (layout, next, end - 1) > available)
    return next;
  for (guint r = next; r < end; r++)
    alone += is_table_row (layout, r);
  if (alone == 0 || alone >= MIN_TABLE_ROWS)
    return next;

  /* Move rows of the table over until enough go together. */
  while (candidate > first && alone + moved < MIN_TABLE_ROWS)
    {
      candidate--;
      if (is_table_row (layout, candidate))
        moved++;
    }
  for (guint r = first; r < candidate; r++)
    kept += is_table_row (layout, r);
  if (alone + moved < MIN_TABLE_ROWS || kept < MIN_TABLE_ROWS ||
      header + rows_height (layout, candidate, end - 1) > available)
    return next;
  return candidate;
}

/* Divides a sheet into pages: as many rows as fit under the repeated
 * header rows, a new page at each break; a row taller than a page gets a
 * page of its own; no table ends with fewer than four rows on a page of
 * their own. */
static void
paginate_sheet (GArray              *pages,
                guint                index,
                const ParAnnexSheet *sheet,
                SheetLayout         *layout)
{
  double available = (paper_height (layout->landscape) - PAR_ANNEX_MARGIN_TOP -
                      PAR_ANNEX_MARGIN_BOTTOM) / layout->scale;
  double header = sheet->repeat ? rows_height (layout, sheet->repeat_first, sheet->repeat_last)
                                : 0;
  guint first_page = pages->len;
  guint row = 0;

  while (row < sheet->n_rows || row == 0)
    {
      Page page = { .sheet = index, .first_row = row };
      double used = 0;

      /* After the first page, the header rows come first. */
      if (sheet->repeat && row > sheet->repeat_last)
        used = header;
      for (; row < sheet->n_rows; row++)
        {
          double height = rows_height (layout, row, row);

          if (row > page.first_row && (used + height > available || is_break (sheet, row)))
            break;
          used += height;
        }
      if (row < sheet->n_rows && !is_break (sheet, row))
        row = keep_rows_together (sheet, layout, page.first_row, row, available,
                                  sheet->repeat ? header : 0);
      page.last_row = row > page.first_row ? row - 1 : page.first_row;
      g_array_append_val (pages, page);
      if (sheet->n_rows == 0)
        break;
    }

  for (guint p = first_page; p < pages->len; p++)
    {
      Page *page = &g_array_index (pages, Page, p);

      page->nth = p - first_page + 1;
      page->of = pages->len - first_page;
    }
}

/**
 * par_annex_pages_new:
 * @document: (transfer full): the annexes
 *
 * Lays out @document on A4 pages.
 *
 * Returns: (transfer full): the pages
 */
ParAnnexPages *
par_annex_pages_new (ParAnnexDocument *document)
{
  ParAnnexPages *self = g_new0 (ParAnnexPages, 1);

  g_return_val_if_fail (document != NULL, NULL);

  self->document = document;
  self->layouts = g_new0 (SheetLayout, MAX (document->sheets->len, 1));
  self->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  self->made_index = G_MAXUINT;
  self->counted = document->n_made == 0;
  for (guint i = 0; i < document->sheets->len; i++)
    {
      const ParAnnexSheet *sheet = g_ptr_array_index (document->sheets, i);

      layout_sheet (&self->layouts[i], sheet);
      paginate_sheet (self->pages, i, sheet, &self->layouts[i]);
    }
  return self;
}

/**
 * par_annex_pages_new_borrowed:
 * @document: (transfer none): the annexes, which must outlive the pages
 *
 * Like par_annex_pages_new(), leaving @document to the caller.
 *
 * Returns: (transfer full): the pages
 */
ParAnnexPages *
par_annex_pages_new_borrowed (ParAnnexDocument *document)
{
  ParAnnexPages *self = par_annex_pages_new (document);

  self->borrowed = TRUE;
  return self;
}

/* Sheet @index (of all, the document's own and those made on demand) and
 * its layout; a sheet made on demand stays until another is asked for. */
static const ParAnnexSheet *
get_sheet (ParAnnexPages  *self,
           guint           index,
           SheetLayout   **out_layout,
           GError        **error)
{
  ParAnnexSheet *made = NULL;

  if (index < self->document->sheets->len)
    {
      *out_layout = &self->layouts[index];
      return g_ptr_array_index (self->document->sheets, index);
    }
  if (index != self->made_index)
    {
      if (self->made != NULL)
        layout_clear (&self->made_layout);
      g_clear_pointer (&self->made, par_annex_sheet_free);
      self->made_index = G_MAXUINT;
      if (!par_annex_document_get_sheet (self->document, index, &made, error))
        return NULL;
      self->made = made;
      self->made_index = index;
      layout_sheet (&self->made_layout, made);
    }
  *out_layout = &self->made_layout;
  return self->made;
}

/* The pages of the sheets made on demand, counted by making each once:
 * what printing needs to know before it draws. */
static void
count_pages (ParAnnexPages *self)
{
  if (self->counted)
    return;
  self->counted = TRUE;
  for (guint i = self->document->sheets->len; i < par_annex_document_get_n_sheets (self->document);
       i++)
    {
      g_autoptr(GError) error = NULL;
      SheetLayout *layout;
      const ParAnnexSheet *sheet = get_sheet (self, i, &layout, &error);

      if (sheet == NULL)
        {
          g_warning ("Cannot lay out annex sheet %u: %s", i, error->message);
          continue;
        }
      paginate_sheet (self->pages, i, sheet, layout);
    }
}

void
par_annex_pages_free (ParAnnexPages *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->document->sheets->len; i++)
    layout_clear (&self->layouts[i]);
  if (self->made != NULL)
    layout_clear (&self->made_layout);
  g_clear_pointer (&self->made, par_annex_sheet_free);
  g_free (self->layouts);
  g_array_unref (self->pages);
  if (!self->borrowed)
    par_annex_document_free (self->document);
  g_free (self);
}

/**
 * par_annex_pages_get_sheet_breaks:
 * @sheet: an annex sheet
 *
 * The rows that start a page after the first, as the pages are laid out
 * for printing: the workbook sets them as its page breaks, so a
 * spreadsheet program prints the pages the PDF has.
 *
 * Returns: (transfer full) (element-type guint): the rows
 */
GArray *
par_annex_pages_get_sheet_breaks (const ParAnnexSheet *sheet)
{
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (Page));
  GArray *breaks = g_array_new (FALSE, FALSE, sizeof (guint));
  SheetLayout layout = { NULL };

  layout_sheet (&layout, sheet);
  paginate_sheet (pages, 0, sheet, &layout);
  layout_clear (&layout);
  for (guint p = 1; p < pages->len; p++)
    g_array_append_val (breaks, g_array_index (pages, Page, p).first_row);
  return breaks;
}

/**
 * par_annex_pages_get_rows:
 * @self: the pages
 * @page: a page
 * @out_sheet: (out): the sheet it prints
 * @out_first: (out): the first row of the sheet's body on it
 * @out_last: (out): the last, inclusive
 *
 * Which rows a page holds (the repeated header rows aside).
 */
void
par_annex_pages_get_rows (ParAnnexPages *self,
                          guint          page,
                          guint         *out_sheet,
                          guint         *out_first,
                          guint         *out_last)
{
  const Page *p;

  count_pages (self);
  g_return_if_fail (page < self->pages->len);

  p = &g_array_index (self->pages, Page, page);
  *out_sheet = p->sheet;
  *out_first = p->first_row;
  *out_last = p->last_row;
}

guint
par_annex_pages_get_n_pages (ParAnnexPages *self)
{
  count_pages (self);
  return self->pages->len;
}

gboolean
par_annex_pages_is_landscape (ParAnnexPages *self,
                              guint          page)
{
  SheetLayout *layout = NULL;

  count_pages (self);
  g_return_val_if_fail (page < self->pages->len, FALSE);

  return get_sheet (self, g_array_index (self->pages, Page, page).sheet, &layout, NULL) != NULL &&
         layout->landscape;
}

/* The name of the annex sheet @page belongs to ("PL I - Xếp hạng"). */
const char *
par_annex_pages_get_sheet_name (ParAnnexPages *self,
                                guint          page)
{
  const ParAnnexSheet *sheet;
  SheetLayout *layout;

  count_pages (self);
  g_return_val_if_fail (page < self->pages->len, NULL);

  sheet = get_sheet (self, g_array_index (self->pages, Page, page).sheet, &layout, NULL);
  return sheet != NULL ? sheet->name : NULL;
}

static PangoLayout *
make_layout (PangoContext        *context,
             const char          *text,
             const ParAnnexStyle *style)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  pango_font_description_set_family (font, PAR_ANNEX_FONT_FAMILIES);
  pango_font_description_set_size (font, (int) (style->size * PANGO_SCALE));
  pango_font_description_set_weight (font, style->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style (font, style->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description (layout, font);
  if (style->underline)
    {
      PangoAttrList *attributes = pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_underline_new (PANGO_UNDERLINE_SINGLE));
      pango_layout_set_attributes (layout, attributes);
      pango_attr_list_unref (attributes);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* One cell in the rectangle (@x, @y, @width, @height). */
static void
draw_cell (cairo_t            *cr,
           PangoContext       *context,
           const ParAnnexCell *cell,
           double              x,
           double              y,
           double              width,
           double              height)
{
  g_autofree char *text = par_annex_cell_format (cell, ',');
  g_autoptr(PangoLayout) layout = NULL;
  double indent = cell->style.indent * cell->style.size * 0.75;
  double inner = MAX (width - 2 * PADDING - indent, 1);
  PangoRectangle extents;

  if (cell->style.border)
    {
      cairo_rectangle (cr, x, y, width, height);
      cairo_stroke (cr);
    }
  if (text[0] == '\0')
    return;

  layout = make_layout (context, text, &cell->style);
  if (cell->style.wrap)
    {
      pango_layout_set_width (layout, (int) (inner * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  switch (cell->style.align)
    {
    case PAR_ANNEX_ALIGN_CENTER:
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      break;
    case PAR_ANNEX_ALIGN_RIGHT:
      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      break;
    case PAR_ANNEX_ALIGN_LEFT:
    default:
      pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
      break;
    }
  pango_layout_get_extents (layout, NULL, &extents);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  {
    double text_width = (double) extents.width / PANGO_SCALE;
    double text_height = (double) extents.height / PANGO_SCALE;
    double left = x + PADDING + indent;

    /* A wrapping layout aligns its lines in its width; one that does not
     * wrap is as wide as its text, placed here. */
    if (!cell->style.wrap)
      {
        if (cell->style.align == PAR_ANNEX_ALIGN_CENTER)
          left = x + (width - text_width) / 2;
        else if (cell->style.align == PAR_ANNEX_ALIGN_RIGHT)
          left = x + width - PADDING - text_width;
        left -= (double) extents.x / PANGO_SCALE;
      }
    cairo_move_to (cr, left,
                   y + (height - text_height) / 2 - (double) extents.y / PANGO_SCALE);
    pango_cairo_show_layout (cr, layout);
  }
  cairo_restore (cr);
}

/* Rows @first to @last of @sheet, the first at @top (in the sheet's
 * scaled coordinates). Returns the height drawn. */
static double
draw_rows (cairo_t             *cr,
           PangoContext        *context,
           const ParAnnexSheet *sheet,
           SheetLayout         *layout,
           guint                first,
           guint                last,
           double               top)
{
  for (guint r = first; r <= last && r < sheet->n_rows; r++)
    for (guint i = layout->row_start[r]; i < layout->row_start[r + 1]; i++)
      {
        const ParAnnexCell *cell = layout->cells[i];
        guint last_row = MIN (cell->last_row, sheet->n_rows - 1);

        draw_cell (cr, context, cell, layout->col_x[cell->col],
                   top + layout->row_y[r] - layout->row_y[first],
                   layout->col_x[cell->last_col + 1] - layout->col_x[cell->col],
                   layout->row_y[last_row + 1] - layout->row_y[r]);
      }
  return first <= last && last < sheet->n_rows ? rows_height (layout, first, last) : 0;
}

static void
draw_footer (cairo_t      *cr,
             PangoContext *context,
             const char   *fingerprint,
             const Page   *page,
             gboolean      landscape)
{
  const ParAnnexStyle small = { .size = 7 };
  const ParAnnexStyle number = { .size = 11 };
  double baseline = paper_height (landscape) - FOOTER_OFFSET;
  double right = paper_width (landscape) - PAR_ANNEX_MARGIN_RIGHT;
  g_autofree char *page_text = g_strdup_printf ("Trang %u/%u", page->nth, page->of);
  g_autoptr(PangoLayout) page_layout = make_layout (context, page_text, &number);
  PangoRectangle extents;

  if (fingerprint != NULL)
    {
      g_autofree char *text = g_strdup_printf ("Mã kiểm tra: %s", fingerprint);
      g_autoptr(PangoLayout) layout = make_layout (context, text, &small);

      cairo_move_to (cr, PAR_ANNEX_MARGIN_LEFT,
                     baseline - (double) pango_layout_get_baseline (layout) / PANGO_SCALE);
      pango_cairo_show_layout (cr, layout);
    }
  pango_layout_get_extents (page_layout, NULL, &extents);
  cairo_move_to (cr, right - (double) extents.width / PANGO_SCALE,
                 baseline - (double) pango_layout_get_baseline (page_layout) / PANGO_SCALE);
  pango_cairo_show_layout (cr, page_layout);
}

/* One page of @sheet laid out as @layout. */
static void
draw_page (cairo_t             *cr,
           const char          *fingerprint,
           const ParAnnexSheet *sheet,
           SheetLayout         *layout,
           const Page          *p)
{
  PangoContext *context;
  cairo_font_options_t *options;
  double width, left, top;

  /* Text measured in points at any resolution, outlines not hinted, as
   * on paper. */
  context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_footer (cr, context, fingerprint, p, layout->landscape);

  width = layout->col_x[sheet->n_columns] * layout->scale;
  left = PAR_ANNEX_MARGIN_LEFT +
         (paper_width (layout->landscape) - PAR_ANNEX_MARGIN_LEFT - PAR_ANNEX_MARGIN_RIGHT -
          width) / 2;
  cairo_translate (cr, left, PAR_ANNEX_MARGIN_TOP);
  cairo_scale (cr, layout->scale, layout->scale);
  cairo_set_line_width (cr, 0.5);

  top = 0;
  if (sheet->repeat && p->first_row > sheet->repeat_last)
    top = draw_rows (cr, context, sheet, layout, sheet->repeat_first, sheet->repeat_last, 0);
  draw_rows (cr, context, sheet, layout, p->first_row, p->last_row, top);
  cairo_restore (cr);
  g_object_unref (context);
}

/**
 * par_annex_pages_draw:
 * @self: the pages
 * @page: the page to draw, from 0
 * @cr: a cairo context whose user space is the sheet of paper in points,
 *   origin top left, in the page's orientation
 *
 * Draws one page. Pages of one sheet made on demand are drawn fastest in
 * order.
 */
void
par_annex_pages_draw (ParAnnexPages *self,
                      guint          page,
                      cairo_t       *cr)
{
  g_autoptr(GError) error = NULL;
  const ParAnnexSheet *sheet;
  SheetLayout *layout;
  const Page *p;

  count_pages (self);
  g_return_if_fail (page < self->pages->len);

  p = &g_array_index (self->pages, Page, page);
  if (!(sheet = get_sheet (self, p->sheet, &layout, &error)))
    {
      g_warning ("Cannot draw annex page %u: %s", page, error->message);
      return;
    }
  draw_page (cr, self->document->fingerprint, sheet, layout, p);
}

/* The first failure is kept to be told ("No space left on device") and
 * nothing more is written; cairo is never told of it: cairo 1.16's PDF
 * surface crashes in cairo_surface_finish() when its stream fails mid-way
 * (a full disk, issue #13). */
static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  GOutputStream *stream = closure;
  GError **error = g_object_get_data (G_OBJECT (stream), "write-error");

  if (*error == NULL)
    g_output_stream_write_all (stream, data, length, NULL, NULL, error);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * par_annex_pages_write_pdf:
 * @self: the pages
 * @path: the PDF file to write
 * @progress: (nullable): told after each sheet
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Prints the pages to a PDF file, with an outline entry per annex sheet.
 * The sheets made on demand (score sheets) are made, laid out and drawn
 * one at a time: memory stays flat whatever their number. The file
 * replaces @path only when complete.
 *
 * Returns: %TRUE when written; %FALSE with %PAR_ERROR_IO or
 *   %G_IO_ERROR_CANCELLED
 */
gboolean
par_annex_pages_write_pdf (ParAnnexPages    *self,
                           const char       *path,
                           ParProgressFunc   progress,
                           gpointer          progress_data,
                           GCancellable     *cancellable,
                           GError          **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *partial = NULL;
  g_autoptr(GError) write_error = NULL;
  g_autoptr(GError) sheet_error = NULL;
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (Page));
  guint n_sheets = par_annex_document_get_n_sheets (self->document);
  guint n_drawn = 0;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Written beside @path, and put in its place only when complete. */
  if (!(partial = par_output_file_begin (path, ".pdf", &local_error)) ||
      !(file = g_file_new_for_path (partial)) ||
      !(stream = g_file_append_to (file, G_FILE_CREATE_NONE, cancellable, &local_error)))
    {
      par_output_file_abandon (partial);
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the annex: %s"), path,
                   local_error->message);
      return FALSE;
    }

  g_object_set_data (G_OBJECT (stream), "write-error", &write_error);
  surface = cairo_pdf_surface_create_for_stream (write_to_stream, stream, PAR_ANNEX_PAGE_SHORT,
                                                 PAR_ANNEX_PAGE_LONG);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->document->title);
  if (self->document->author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->document->author);
  if (self->document->subject != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                    self->document->subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "ParIndex");
  cr = cairo_create (surface);

  for (guint i = 0; i < n_sheets && write_error == NULL; i++)
    {
      SheetLayout *layout;
      const ParAnnexSheet *sheet;

      if (g_cancellable_is_cancelled (cancellable) ||
          !(sheet = get_sheet (self, i, &layout, &sheet_error)))
        break;
      g_array_set_size (pages, 0);
      paginate_sheet (pages, i, sheet, layout);
      for (guint p = 0; p < pages->len; p++)
        {
          cairo_pdf_surface_set_size (surface, paper_width (layout->landscape),
                                      paper_height (layout->landscape));
          if (p == 0)
            {
              g_autofree char *link = g_strdup_printf ("page=%u", n_drawn + 1);

              cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, sheet->name, link,
                                             0);
            }
          draw_page (cr, self->document->fingerprint, sheet, layout,
                     &g_array_index (pages, Page, p));
          cairo_show_page (cr);
          n_drawn++;
        }
      if (progress != NULL)
        progress ((double) (i + 1) / n_sheets, sheet->name, progress_data);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) || sheet_error != NULL ||
      status != CAIRO_STATUS_SUCCESS || write_error != NULL)
    {
      g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
      par_output_file_abandon (partial);
      if (sheet_error != NULL && (error == NULL || *error == NULL))
        g_propagate_error (error, g_steal_pointer (&sheet_error));
      if (error == NULL || *error == NULL)
        g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the annex: %s"), path,
                     write_error != NULL ? write_error->message
                                         : cairo_status_to_string (status));
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error) ||
      !par_output_file_commit (partial, path, &local_error))
    {
      par_output_file_abandon (partial);
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the annex: %s"), path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}
