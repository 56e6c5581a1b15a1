/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "par-types.h"

G_BEGIN_DECLS

/*
 * The annexes of a decision as a document of sheets: cells with their
 * text or exact number and style, merged ranges, column widths, row
 * heights and page setup. The content is built once
 * (par-annex-content.c) and written out twice: as an Excel workbook
 * (par-annex-workbook.c) and as printed pages (par-annex-pages.c), so
 * that the workbook and the printout always say the same.
 */

typedef enum
{
  PAR_ANNEX_ALIGN_LEFT,
  PAR_ANNEX_ALIGN_CENTER,
  PAR_ANNEX_ALIGN_RIGHT,
} ParAnnexAlign;

/* How a number shows: the Excel number formats of the annexes. */
typedef enum
{
  PAR_ANNEX_FORMAT_NONE,
  PAR_ANNEX_FORMAT_POINTS,        /* "0.00#": 2 or 3 decimals */
  PAR_ANNEX_FORMAT_INDEX,         /* "0.00" */
  PAR_ANNEX_FORMAT_INTEGER,       /* "0" */
  PAR_ANNEX_FORMAT_INDEX_CHANGE,  /* "+0.00;-0.00;0.00" */
  PAR_ANNEX_FORMAT_RANK_CHANGE,   /* "+0;-0;0" */
} ParAnnexFormat;

typedef struct
{
  guint           size;       /* points */
  gboolean        bold;
  gboolean        italic;
  gboolean        underline;
  gboolean        border;
  gboolean        wrap;
  ParAnnexAlign   align;
  guint           indent;     /* levels of three spaces */
  ParAnnexFormat  format;
} ParAnnexStyle;

typedef enum
{
  PAR_ANNEX_CELL_BLANK,
  PAR_ANNEX_CELL_TEXT,
  PAR_ANNEX_CELL_NUMBER,
} ParAnnexCellKind;

/**
 * ParAnnexCell:
 *
 * One cell, or a merged range from (@row, @col) to (@last_row,
 * @last_col) holding @text. A number is exact: @value scaled by
 * 10^@decimals (85820 with 3 decimals is 85.82). A number may carry the
 * @formula that computes it; @value is then its cached result. Cells are
 * kept in the order written: a later cell at the same place replaces an
 * earlier one (a number written into the first cell of a merged range).
 */
typedef struct
{
  guint             row;
  guint             col;
  guint             last_row;
  guint             last_col;
  ParAnnexCellKind  kind;
  char             *text;
  gint64            value;
  guint             decimals;
  char             *formula;
  ParAnnexStyle     style;
} ParAnnexCell;

typedef struct
{
  char     *name;
  guint     n_columns;
  double   *widths;        /* per column, in Excel's character units */
  GArray   *heights;       /* double per row, in points; 0 for the default */
  GArray   *cells;         /* ParAnnexCell */
  GArray   *page_breaks;   /* guint: rows that start a new page */
  guint     n_rows;
  guint     repeat_first;  /* header rows printed on every page … */
  guint     repeat_last;   /* … when repeat_last >= repeat_first */
  gboolean  repeat;
  guint     freeze_row;
  guint     freeze_col;
  gboolean  landscape;
} ParAnnexSheet;

/**
 * ParAnnexSheetFunc:
 * @data: the maker's data
 * @index: which of the sheets made on demand, from 0
 * @error: return location for a #GError
 *
 * Makes one sheet of a document on demand (a score sheet of PL IV), so
 * that thousands of them never stand in memory at once.
 *
 * Returns: (transfer full) (nullable): the sheet
 */
typedef ParAnnexSheet *(*ParAnnexSheetFunc) (gpointer   data,
                                             guint      index,
                                             GError   **error);

typedef struct
{
  GPtrArray *sheets;       /* ParAnnexSheet */
  guint              n_made;      /* sheets made on demand after @sheets */
  ParAnnexSheetFunc  make_sheet;
  gpointer           make_data;
  GDestroyNotify     make_data_free;
  char      *title;        /* the document's title */
  char      *subject;      /* (nullable) the decision's title */
  char      *author;       /* (nullable) the issuing body */
  char      *fingerprint;  /* (nullable) printed in every page footer */
} ParAnnexDocument;

/* Page setup of Nghị định 30/2020/NĐ-CP, in points: A4, margins left
 * 30 mm, right 15 mm, top and bottom 20 mm. */
#define PAR_ANNEX_PAGE_SHORT    595.276
#define PAR_ANNEX_PAGE_LONG     841.890
#define PAR_ANNEX_MARGIN_LEFT   85.039
#define PAR_ANNEX_MARGIN_RIGHT  42.520
#define PAR_ANNEX_MARGIN_TOP    56.693
#define PAR_ANNEX_MARGIN_BOTTOM 56.693

#define PAR_ANNEX_FONT "Times New Roman"

/* The same for Pango, which sets the PDF documents (the annexes, the
 * dossier): Times New Roman, else a serif with its metrics (Liberation
 * Serif, Tinos), else any serif. Fontconfig (Linux) finds a stand-in for a
 * missing family by itself; Pango's Windows backend finds none and would
 * set every word in no font at all (pages without text), so the stand-ins
 * are named. */
#define PAR_ANNEX_FONT_FAMILIES PAR_ANNEX_FONT ",Liberation Serif,Tinos,DejaVu Serif,serif"

/* The default height of a row, in points. */
#define PAR_ANNEX_DEFAULT_HEIGHT 15.0

ParAnnexDocument *par_annex_document_new          (void);
void              par_annex_document_free         (ParAnnexDocument    *self);
ParAnnexSheet    *par_annex_document_add_sheet    (ParAnnexDocument    *self,
                                                   const char          *name,
                                                   guint                n_columns);
void              par_annex_document_set_maker    (ParAnnexDocument    *self,
                                                   guint                n_made,
                                                   ParAnnexSheetFunc    make_sheet,
                                                   gpointer             data,
                                                   GDestroyNotify       data_free);
guint             par_annex_document_get_n_sheets (ParAnnexDocument    *self);
const ParAnnexSheet *par_annex_document_get_sheet (ParAnnexDocument    *self,
                                                   guint                index,
                                                   ParAnnexSheet      **out_made,
                                                   GError             **error);

ParAnnexSheet    *par_annex_sheet_new             (const char          *name,
                                                   guint                n_columns);
void              par_annex_sheet_free            (ParAnnexSheet       *self);

ParAnnexCell     *par_annex_sheet_add_cell        (ParAnnexSheet       *self,
                                                   guint                row,
                                                   guint                col,
                                                   guint                last_row,
                                                   guint                last_col,
                                                   ParAnnexCellKind     kind,
                                                   const ParAnnexStyle *style);
void              par_annex_sheet_set_height      (ParAnnexSheet       *self,
                                                   guint                row,
                                                   double               points);
double            par_annex_sheet_get_height      (const ParAnnexSheet *self,
                                                   guint                row);
double            par_annex_column_points         (double               units);
char             *par_annex_cell_format           (const ParAnnexCell  *cell,
                                                   char                 decimal_separator);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParAnnexDocument, par_annex_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParAnnexSheet, par_annex_sheet_free)

G_END_DECLS
