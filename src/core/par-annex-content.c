/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-annex-content"

#include "config.h"

#include "par-annex-content.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-decimal.h"
#include "par-error.h"
#include "par-evidence.h"
#include "par-limits.h"
#include "par-workspace-settings.h"

/*
 * The annexes of the decision that publishes a year's results, as the
 * document the clerk prints and signs (DOMAIN.md, "Documents the clerks
 * print"):
 *
 *   PL I    the ranking, one table per block;
 *   PL II   points per field, one sheet per block (the fields differ);
 *   PL III  the number of units per class, and how many rose or fell;
 *   PL IV   a score sheet per unit: the criteria tree, self-assessed and
 *           appraised points, notes, the number of evidence documents
 *           linked to each sub-criterion. These come last: a province has a
 *           hundred or more of them, and the summary annexes stay together.
 *
 * The labels are Vietnamese whatever the user's language: this is the
 * state document. Layout follows Nghị định 30/2020/NĐ-CP: A4, landscape
 * for wide tables, Times New Roman, the issuing body top left and the
 * national motto top right, the annex heading centred with the decision
 * quoted in italics.
 *
 * Numbers stay exact decimals with a number format ("0.00" for indices,
 * "0.00#" for points), so that a Vietnamese Excel shows "85,82" by itself.
 * Column widths and row heights are measured from the text (libxlsxwriter
 * 1.1.4 has no autofit, and LibreOffice does not fit the rows of an .xlsx
 * on load): text that would not fit a column's maximum width wraps, and
 * its row is as tall as its lines. The printed pages use the same widths
 * and heights.
 */

#define FORMAT_POINTS       PAR_ANNEX_FORMAT_POINTS
#define FORMAT_INDEX        PAR_ANNEX_FORMAT_INDEX
#define FORMAT_INTEGER      PAR_ANNEX_FORMAT_INTEGER
#define FORMAT_INDEX_CHANGE PAR_ANNEX_FORMAT_INDEX_CHANGE
#define FORMAT_RANK_CHANGE  PAR_ANNEX_FORMAT_RANK_CHANGE

/* Body text: 13 pt; dense tables (many columns or many rows): 12 pt. */
#define SIZE_BODY  13
#define SIZE_DENSE 12

/* A table wider than this (in Excel's character units) prints landscape;
 * A4 portrait between the decree's margins holds about 85. */
#define PORTRAIT_MAX_WIDTH 88.0

#define MOTTO_NATION "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
#define MOTTO_LINE   "Độc lập - Tự do - Hạnh phúc"

#define ALIGN_LEFT   PAR_ANNEX_ALIGN_LEFT
#define ALIGN_CENTER PAR_ANNEX_ALIGN_CENTER
#define ALIGN_RIGHT  PAR_ANNEX_ALIGN_RIGHT

typedef ParAnnexStyle Style;

typedef struct
{
  ParAnnexDocument   *document;
  GHashTable         *sheet_names;
  ParWorkspace       *workspace;
  ParYearResults     *results;
  int                 year;
  char               *issuer;
  char               *reference;
  char               *signer;
  char               *authority;
  char               *signer_title;
  char               *place_date;
} Annex;

typedef struct
{
  ParAnnexSheet  *out;
  guint           n_columns;
  double         *widths;      /* the sheet's own */
  double         *max_widths;
  guint           split;
  guint           size;
} Sheet;

/* Measuring text. Advance widths of Times New Roman in thousandths of an
 * em, for printable ASCII; a Vietnamese letter measures as its base letter
 * (ộ as o). */
static const guint16 tnr_widths[95] = {
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,  /* ' '-/ */
  500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,  /* 0-9 :;<=>? */
  921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,  /* @A-O */
  556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,  /* P-Z [\]^_ */
  333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,  /* `a-o */
  500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,       /* p-z {|}~ */
};

static guint
char_width (gunichar c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

  if (c == 0x0110)  /* Đ */
    c = 'D';
  else if (c == 0x0111)  /* đ */
    c = 'd';
  else if (c >= 0x80 &&
           g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed)) > 0)
    c = decomposed[0];

  if (c >= 0x20 && c < 0x7f)
    return tnr_widths[c - 0x20];
  if (g_unichar_ismark (c))
    return 0;
  if (c == 0x2026 || c == 0x2014)  /* … — */
    return 1000;
  if (c == 0x2013 || c == 0x00b1)  /* – ± */
    return 564;
  return g_unichar_isupper (c) ? 722 : 500;
}

/* Width of @text in points at @size. */
static double
text_points (const char *text,
             guint       size,
             gboolean    bold)
{
  guint em = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    em += char_width (g_utf8_get_char (p));

  /* The bold face is a little wider. */
  return em / 1000.0 * size * (bold ? 1.07 : 1.0);
}

/* A column width in Excel's units (the width of "0" in the default
 * Calibri 11, 7 pixels, plus 5 pixels of padding) that holds @points of
 * text, with some room for a font that sets a little wider. */
static double
column_units (double points)
{
  return (points * 96.0 / 72.0 * 1.04 + 8.0) / 7.0;
}

#define column_points par_annex_column_points

/* The number of lines @text takes, wrapped at word boundaries in
 * @width_points. */
static guint
text_lines (const char *text,
            guint       size,
            gboolean    bold,
            double      width_points)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n", -1);
  double space = text_points (" ", size, bold);
  guint lines = 0;

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (paragraphs[i], " ", -1);
      double line = -1;

      lines++;
      for (guint w = 0; words[w] != NULL; w++)
        {
          double word = text_points (words[w], size, bold);

          if (line < 0)
            line = word;
          else if (line + space + word <= width_points)
            line += space + word;
          else
            {
              lines++;
              line = word;
            }
          /* A word longer than the line breaks wherever it must. */
          while (line > width_points && width_points > 0)
            {
              lines++;
              line -= width_points;
            }
        }
    }
  return MAX (lines, 1);
}

/* The height in points of @lines lines at @size. */
static double
line_height (guint lines,
             guint size)
{
  return lines * size * 1.3 + 2.0;
}

/* The widest word of @text, for headers that may wrap between words but
 * not inside one. */
static double
widest_word (const char *text,
             guint       size,
             gboolean    bold)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n", -1);
  double widest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    widest = MAX (widest, text_points (words[i], size, bold));
  return widest;
}

static double sheet_width (Sheet *sheet,
                           guint  first,
                           guint  last);

/* Writing cells. */
static void
put_text (Sheet       *sheet,
          guint        row,
          guint        col,
          const char  *text,
          const Style *style)
{
  ParAnnexCell *cell = par_annex_sheet_add_cell (sheet->out, row, col, row, col,
                                                 PAR_ANNEX_CELL_TEXT, style);

  cell->text = g_strdup (text != NULL ? text : "");
}

static void
put_blank (Sheet       *sheet,
           guint        row,
           guint        col,
           const Style *style)
{
  par_annex_sheet_add_cell (sheet->out, row, col, row, col, PAR_ANNEX_CELL_BLANK, style);
}

/* A number: @value scaled by 10^@decimals. */
static ParAnnexCell *
put_scaled (Sheet       *sheet,
            guint        row,
            guint        col,
            gint64       value,
            guint        decimals,
            const Style *style)
{
  ParAnnexCell *cell = par_annex_sheet_add_cell (sheet->out, row, col, row, col,
                                                 PAR_ANNEX_CELL_NUMBER, style);

  cell->value = value;
  cell->decimals = decimals;
  return cell;
}

static void
put_number (Sheet       *sheet,
            guint        row,
            guint        col,
            gint64       value,
            const Style *style)
{
  put_scaled (sheet, row, col, value, 0, style);
}

static void
put_milli (Sheet       *sheet,
           guint        row,
           guint        col,
           ParMilli     value,
           const Style *style)
{
  put_scaled (sheet, row, col, value, 3, style);
}

static void
put_centi (Sheet       *sheet,
           guint        row,
           guint        col,
           ParCenti     value,
           const Style *style)
{
  if (value == PAR_CENTI_NONE)
    put_blank (sheet, row, col, style);
  else
    put_scaled (sheet, row, col, value, 2, style);
}

/* A whole number computed by @formula; @value is its result. */
static void
put_formula (Sheet       *sheet,
             guint        row,
             guint        col,
             const char  *formula,
             gint64       value,
             const Style *style)
{
  put_scaled (sheet, row, col, value, 0, style)->formula = g_strdup (formula);
}

/* A merged range; a single cell is written plainly (Excel refuses a
 * merge of one cell). */
static void
put_merged (Sheet       *sheet,
            guint        first_row,
            guint        first_col,
            guint        last_row,
            guint        last_col,
            const char  *text,
            const Style *style)
{
  ParAnnexCell *cell = par_annex_sheet_add_cell (sheet->out, first_row, first_col, last_row,
                                                 last_col, PAR_ANNEX_CELL_TEXT, style);

  cell->text = g_strdup (text != NULL ? text : "");
}

static void
set_height (Sheet  *sheet,
            guint   row,
            double  points)
{
  par_annex_sheet_set_height (sheet->out, row, points);
}

/* The number of lines @text takes in the columns @first to @last. */
static guint
cell_lines (Sheet      *sheet,
            guint       first,
            guint       last,
            const char *text,
            guint       size,
            gboolean    bold)
{
  if (text == NULL || text[0] == '\0')
    return 1;
  return text_lines (text, size, bold, column_points (sheet_width (sheet, first, last)));
}

/* Row heights are set, not left to the spreadsheet: LibreOffice keeps the
 * default height of a row written without one, whatever its font. */
static void
fit_row (Sheet *sheet,
         guint  row,
         guint  lines,
         guint  size)
{
  set_height (sheet, row, line_height (MAX (lines, 1), size));
}

#define SHEET_NAME_MAX 31

/* Sheet names: at most 31 characters, none of []:*?/\, no apostrophe at
 * either end, unique ignoring case; Excel also reserves "History". */
static char *
sheet_name (Annex      *annex,
            const char *wanted)
{
  g_autofree char *normal = g_utf8_normalize (wanted, -1, G_NORMALIZE_NFC);
  g_autoptr(GString) base = g_string_new (NULL);
  char *name = NULL;
  guint n_chars = 0;

  for (const char *p = normal != NULL ? normal : ""; *p != '\0' && n_chars < SHEET_NAME_MAX;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f)
        c = ' ';
      else if (c < 0x80 && strchr ("[]:*?/\\", (int) c) != NULL)
        c = '-';
      g_string_append_unichar (base, c);
      n_chars++;
    }

  for (guint n = 1; ; n++)
    {
      g_autofree char *suffix = n > 1 ? g_strdup_printf (" (%u)", n) : g_strdup ("");
      g_autofree char *folded = NULL;
      glong keep = SHEET_NAME_MAX - (glong) strlen (suffix);
      g_autofree char *stem = g_utf8_substring (base->str, 0,
                                                MIN (keep, g_utf8_strlen (base->str, -1)));
      g_autoptr(GString) candidate = g_string_new (g_strstrip (stem));

      while (candidate->len > 0 && candidate->str[0] == '\'')
        g_string_erase (candidate, 0, 1);
      while (candidate->len > 0 && candidate->str[candidate->len - 1] == '\'')
        g_string_truncate (candidate, candidate->len - 1);
      if (candidate->len == 0)
        g_string_append (candidate, "Trang");
      g_string_append (candidate, suffix);

      folded = g_utf8_casefold (candidate->str, -1);
      if (!g_hash_table_contains (annex->sheet_names, folded))
        {
          g_hash_table_add (annex->sheet_names, g_steal_pointer (&folded));
          name = g_string_free (g_steal_pointer (&candidate), FALSE);
          break;
        }
    }
  return name;
}

static void
sheet_free (Sheet *sheet)
{
  g_free (sheet->widths);
  g_free (sheet->max_widths);
  g_free (sheet);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sheet, sheet_free)

/* A sheet being written, into @out. */
static Sheet *
sheet_wrap (ParAnnexSheet *out,
            guint          n_columns,
            guint          size)
{
  Sheet *sheet = g_new0 (Sheet, 1);

  sheet->out = out;
  sheet->n_columns = n_columns;
  sheet->size = size;
  sheet->widths = g_new0 (double, n_columns);
  sheet->max_widths = g_new0 (double, n_columns);
  for (guint c = 0; c < n_columns; c++)
    sheet->max_widths[c] = 60;
  return sheet;
}

/* A new sheet of the document, named after @wanted_name. */
static Sheet *
sheet_new (Annex      *annex,
           const char *wanted_name,
           guint       n_columns,
           guint       size)
{
  g_autofree char *name = sheet_name (annex, wanted_name);

  return sheet_wrap (par_annex_document_add_sheet (annex->document, name, n_columns), n_columns,
                     size);
}

/* Widen column @col to hold @text unbroken, up to the column's maximum
 * (beyond which the cell wraps). */
static void
widen (Sheet      *sheet,
       guint       col,
       const char *text,
       guint       size,
       gboolean    bold)
{
  double units = column_units (text_points (text, size, bold));

  sheet->widths[col] = MAX (sheet->widths[col], MIN (units, sheet->max_widths[col]));
}

/* Widen column @col to hold the widest word of a header that wraps. */
static void
widen_header (Sheet      *sheet,
              guint       col,
              const char *text)
{
  double units = column_units (widest_word (text, sheet->size, TRUE));

  sheet->widths[col] = MAX (sheet->widths[col], units);
}

static double
sheet_width (Sheet *sheet,
             guint  first,
             guint  last)
{
  double total = 0;

  for (guint c = first; c <= last && c < sheet->n_columns; c++)
    total += sheet->widths[c];
  return total;
}

/* Header rows printed again at the top of every page. */
static void
repeat_rows (Sheet *sheet,
             guint  first,
             guint  last)
{
  sheet->out->repeat = TRUE;
  sheet->out->repeat_first = first;
  sheet->out->repeat_last = last;
}

/* Rows above @row and columns left of @col stay in view when scrolling. */
static void
freeze_panes (Sheet *sheet,
              guint  row,
              guint  col)
{
  sheet->out->freeze_row = row;
  sheet->out->freeze_col = col;
}

/* Column widths, where the heading divides (issuing body on the left, the
 * motto on the right) and the orientation. */
static void
sheet_finish_layout (Annex *annex,
                     Sheet *sheet)
{
  double need_left = 0;
  double need_right;
  double best = G_MAXDOUBLE;

  if (annex->issuer != NULL)
    need_left = MIN (column_units (text_points (annex->issuer, SIZE_BODY, TRUE)), 45);
  need_right = MAX (column_units (text_points (MOTTO_NATION, SIZE_DENSE, TRUE)),
                    column_units (text_points (MOTTO_LINE, SIZE_BODY, TRUE)));

  /* The division that needs the least widening, the most even on a tie. */
  for (guint s = 1; s < sheet->n_columns; s++)
    {
      double left = sheet_width (sheet, 0, s - 1);
      double right = sheet_width (sheet, s, sheet->n_columns - 1);
      double cost = MAX (need_left - left, 0) + MAX (need_right - right, 0);

      cost = cost * 1000 + ABS (left - right);
      if (cost < best)
        {
          best = cost;
          sheet->split = s;
        }
    }
  if (sheet_width (sheet, 0, sheet->split - 1) < need_left)
    sheet->widths[sheet->split - 1] += need_left - sheet_width (sheet, 0, sheet->split - 1);
  if (sheet_width (sheet, sheet->split, sheet->n_columns - 1) < need_right)
    sheet->widths[sheet->n_columns - 1] += need_right - sheet_width (sheet, sheet->split,
                                                                      sheet->n_columns - 1);

  memcpy (sheet->out->widths, sheet->widths, sheet->n_columns * sizeof (double));
  sheet->out->landscape = sheet_width (sheet, 0, sheet->n_columns - 1) > PORTRAIT_MAX_WIDTH;
}

/* Widens @col so that the table spans the printable width of its page,
 * as printed (par-annex-pages.c: 7 pixels a unit plus 5 of padding a
 * column, at 96 pixels an inch). */
static void
fill_page_width (Sheet *sheet,
                 guint  col)
{
  double printable = (sheet->out->landscape ? PAR_ANNEX_PAGE_LONG : PAR_ANNEX_PAGE_SHORT) -
                     PAR_ANNEX_MARGIN_LEFT - PAR_ANNEX_MARGIN_RIGHT;
  double target = (printable * 96.0 / 72.0 - 5.0 * sheet->n_columns) / 7.0 - 0.5;
  double width = sheet_width (sheet, 0, sheet->n_columns - 1);

  if (width < target)
    {
      sheet->widths[col] += target - width;
      memcpy (sheet->out->widths, sheet->widths, sheet->n_columns * sizeof (double));
    }
}

/* The heading above every annex: the issuing body and the national motto,
 * then "PHỤ LỤC …", the title in capitals, the decision in italics and an
 * optional line (the unit of a score sheet). Returns the first free row. */
static guint
write_heading (Annex      *annex,
               Sheet      *sheet,
               const char *number,
               const char *title,
               const char *line)
{
  const Style issuer = { .size = SIZE_BODY, .bold = TRUE, .wrap = TRUE, .align = ALIGN_CENTER };
  const Style nation = { .size = SIZE_DENSE, .bold = TRUE, .align = ALIGN_CENTER };
  const Style motto = { .size = SIZE_BODY, .bold = TRUE, .underline = TRUE, .align = ALIGN_CENTER };
  const Style annex_number = { .size = 14, .bold = TRUE, .align = ALIGN_CENTER };
  const Style annex_title = { .size = 14, .bold = TRUE, .wrap = TRUE, .align = ALIGN_CENTER };
  const Style reference = { .size = SIZE_BODY, .italic = TRUE, .wrap = TRUE,
                            .align = ALIGN_CENTER };
  const Style plain = { .size = SIZE_BODY, .wrap = TRUE, .align = ALIGN_CENTER };
  guint last = sheet->n_columns - 1;
  double left_points = column_points (sheet_width (sheet, 0, sheet->split - 1));
  double full_points = column_points (sheet_width (sheet, 0, last));
  g_autofree char *title_caps = g_utf8_strup (title, -1);
  guint row = 0;

  if (annex->issuer != NULL)
    {
      guint lines = text_lines (annex->issuer, SIZE_BODY, TRUE, left_points);

      put_merged (sheet, 0, 0, 0, sheet->split - 1, annex->issuer, &issuer);
      set_height (sheet, 0, line_height (lines, SIZE_BODY));
    }
  else
    set_height (sheet, 0, line_height (1, SIZE_BODY));
  put_merged (sheet, 0, sheet->split, 0, last, MOTTO_NATION, &nation);
  put_merged (sheet, 1, sheet->split, 1, last, MOTTO_LINE, &motto);
  set_height (sheet, 1, line_height (1, SIZE_BODY));
  set_height (sheet, 2, 10);

  row = 3;
  put_merged (sheet, row, 0, row, last, number, &annex_number);
  set_height (sheet, row, line_height (1, 14));
  row++;
  put_merged (sheet, row, 0, row, last, title_caps, &annex_title);
  set_height (sheet, row, line_height (text_lines (title_caps, 14, TRUE, full_points), 14));
  row++;
  put_merged (sheet, row, 0, row, last, annex->reference, &reference);
  set_height (sheet, row, line_height (text_lines (annex->reference, SIZE_BODY, FALSE,
                                                   full_points), SIZE_BODY));
  row++;
  if (line != NULL)
    {
      put_merged (sheet, row, 0, row, last, line, &plain);
      set_height (sheet, row, line_height (text_lines (line, SIZE_BODY, FALSE, full_points),
                                           SIZE_BODY));
      row++;
    }
  set_height (sheet, row, 10);
  return row + 1;
}

/* The signature block under a summary annex, as Nghị định 30/2020 sets
 * it, when the decision names its signer or authority: the place and date
 * line, the authority lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"; the
 * issuing body when none is given), the signer's title, room to sign and
 * seal, the signer's name. */
static guint
write_signature (Annex *annex,
                 Sheet *sheet,
                 guint  row)
{
  const Style italic = { .size = SIZE_BODY, .italic = TRUE, .align = ALIGN_CENTER };
  const Style bold = { .size = SIZE_BODY, .bold = TRUE, .align = ALIGN_CENTER };
  guint last = sheet->n_columns - 1;
  g_auto(GStrv) lines = NULL;

  if (annex->signer == NULL && annex->authority == NULL && annex->signer_title == NULL)
    return row;

  row++;
  put_merged (sheet, row, sheet->split, row, last, annex->place_date, &italic);
  row++;
  if (annex->authority != NULL)
    lines = g_strsplit (annex->authority, "\n", -1);
  else if (annex->issuer != NULL)
    lines = g_strsplit (annex->issuer, "\n", 1);
  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    if (g_strstrip (lines[i])[0] != '\0')
      {
        put_merged (sheet, row, sheet->split, row, last, lines[i], &bold);
        row++;
      }
  if (annex->signer_title != NULL)
    {
      put_merged (sheet, row, sheet->split, row, last, annex->signer_title, &bold);
      row++;
    }
  row += 3;
  put_merged (sheet, row, sheet->split, row, last,
              annex->signer != NULL ? annex->signer : "…", &bold);
  return row + 1;
}

static const char *
roman (guint n)
{
  static const char *numerals[] = {
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
    "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
  };

  return n >= 1 && n <= G_N_ELEMENTS (numerals) ? numerals[n - 1] : NULL;
}

/* "KHỐI SỞ, BAN, NGÀNH" for the block "Sở, ban, ngành"; %NULL for the
 * single default block "all", which needs no heading. */
static char *
block_caps (Annex *annex,
            guint  block)
{
  const char *name = par_year_results_get_block_name (annex->results, block);
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autofree char *caps = g_utf8_strup (name, -1);

  if (g_str_equal (name, "all"))
    return NULL;
  if (g_str_has_prefix (folded, "khối"))
    return g_steal_pointer (&caps);
  return g_strconcat ("KHỐI ", caps, NULL);
}

/* "I. KHỐI SỞ, BAN, NGÀNH": the heading of the @nth block's table, on
 * @row across @n_columns. Returns the row after it: @row itself where the
 * block needs no heading. */
static guint
put_block_heading (Annex       *annex,
                   Sheet       *sheet,
                   guint        row,
                   guint        n_columns,
                   guint        block,
                   guint        nth,
                   const Style *style,
                   guint        size)
{
  g_autofree char *caps = block_caps (annex, block);
  g_autofree char *heading = NULL;
  const char *numeral = roman (nth);

  if (caps == NULL)
    return row;
  if (numeral == NULL)
    heading = g_strdup_printf ("%u. %s", nth, caps);
  else
    heading = g_strdup_printf ("%s. %s", numeral, caps);
  put_merged (sheet, row, 0, row, n_columns - 1, heading, style);
  fit_row (sheet, row, cell_lines (sheet, 0, n_columns - 1, heading, size, TRUE), size);
  return row + 1;
}

/* The units of each block, in published order; blocks without units are
 * left out. */
static GPtrArray *
units_by_block (GPtrArray *ordered,
                guint      n_blocks)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint b = 0; b < n_blocks; b++)
    g_ptr_array_add (blocks, g_ptr_array_new ());
  for (guint i = 0; i < ordered->len; i++)
    {
      ParUnitResult *unit = g_ptr_array_index (ordered, i);
      g_ptr_array_add (g_ptr_array_index (blocks, unit->block), unit);
    }
  return blocks;
}

static char *
unit_label (ParUnitResult *unit)
{
  /* A unit not fully appraised carries a mark, explained under the table. */
  if (unit->provisional)
    return g_strconcat (unit->name, " (*)", NULL);
  return g_strdup (unit->name);
}

#define PROVISIONAL_NOTE \
  "(*) Kết quả tạm tính: đơn vị còn tiêu chí thành phần chưa được thẩm định."

/* A unit formed from others (merged, renamed, split) is compared with their
 * average index: its name carries a mark, and a note under the table says
 * with what. */
#define LINEAGE_MARK " (**)"

static char *
lineage_note (ParUnitResult *unit,
              int            year)
{
  g_autofree char *average = par_centi_to_string (unit->previous_index, ',', TRUE);
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < unit->previous_predecessors->len; i++)
    {
      const ParPredecessor *predecessor = g_ptr_array_index (unit->previous_predecessors, i);
      g_autofree char *index = predecessor->index != PAR_CENTI_NONE
        ? par_centi_to_string (predecessor->index, ',', TRUE) : g_strdup ("chưa có chỉ số");

      g_string_append_printf (list, "%s%s (%s)", i > 0 ? ", " : "",
                              predecessor->name != NULL ? predecessor->name : predecessor->code,
                              index);
    }
  return g_strdup_printf ("(**) %s: so sánh với bình quân Chỉ số CCHC năm %d của các đơn vị "
                          "trước sắp xếp (%s): %s.", unit->name, year - 1, average, list->str);
}

/* PL I: the ranking, one table per block. */
static gboolean
write_ranking (Annex      *annex,
               GPtrArray  *blocks,
               GError    **error)
{
  enum { STT, NAME, POINTS, INDEX, RANK, BAND, INDEX_CHANGE, RANK_CHANGE, N_COLUMNS };
  static const char *headers[N_COLUMNS] = {
    "STT", "Tên đơn vị", "Tổng điểm", "Chỉ số CCHC (%)", "Xếp hạng", "Xếp loại",
    "± Chỉ số (%)", "± Bậc",
  };
  const guint size = SIZE_BODY;
  const Style header = { .size = size, .bold = TRUE, .border = TRUE, .wrap = TRUE,
                         .align = ALIGN_CENTER };
  const Style section = { .size = size, .bold = TRUE, .border = TRUE, .align = ALIGN_LEFT };
  const Style center = { .size = size, .border = TRUE, .align = ALIGN_CENTER };
  const Style name = { .size = size, .border = TRUE, .wrap = TRUE, .align = ALIGN_LEFT };
  const Style points = { .size = size, .border = TRUE, .align = ALIGN_RIGHT,
                         .format = FORMAT_POINTS };
  const Style index = { .size = size, .border = TRUE, .align = ALIGN_RIGHT,
                        .format = FORMAT_INDEX };
  const Style rank = { .size = size, .border = TRUE, .align = ALIGN_CENTER,
                       .format = FORMAT_INTEGER };
  const Style index_change = { .size = size, .border = TRUE, .align = ALIGN_RIGHT,
                               .format = FORMAT_INDEX_CHANGE };
  const Style rank_change = { .size = size, .border = TRUE, .align = ALIGN_CENTER,
                              .format = FORMAT_RANK_CHANGE };
  const Style note = { .size = SIZE_DENSE, .italic = TRUE, .wrap = TRUE, .align = ALIGN_LEFT };
  g_autoptr(Sheet) sheet = NULL;
  g_autofree char *compared = g_strdup_printf ("So với năm %d", annex->year - 1);
  g_autofree char *title = g_strdup_printf ("Kết quả xếp hạng Chỉ số cải cách hành chính năm %d",
                                            annex->year);
  g_autoptr(GPtrArray) lineage_notes = g_ptr_array_new_with_free_func (g_free);
  gboolean any_provisional = FALSE;
  guint row, header_row;
  guint nth = 0;

  sheet = sheet_new (annex, "PL I - Xếp hạng", N_COLUMNS, size);

  sheet->max_widths[NAME] = 48;
  for (guint c = 0; c < N_COLUMNS; c++)
    widen_header (sheet, c, headers[c]);
  widen (sheet, NAME, "Tên đơn vị được đánh giá", size, FALSE);
  widen (sheet, POINTS, "100.000", size, FALSE);
  widen (sheet, INDEX, "100.00", size, FALSE);
  widen (sheet, INDEX_CHANGE, "+100.00", size, FALSE);
  widen (sheet, RANK_CHANGE, "+9999", size, FALSE);
  widen (sheet, BAND, "Xếp loại", size, TRUE);
  for (guint b = 0; b < blocks->len; b++)
    {
      GPtrArray *units = g_ptr_array_index (blocks, b);
      g_autofree char *digits = g_strdup_printf ("%u", units->len);

      widen (sheet, STT, digits, size, FALSE);
      for (guint i = 0; i < units->len; i++)
        {
          ParUnitResult *unit = g_ptr_array_index (units, i);
          g_autofree char *label = unit_label (unit);

          widen (sheet, NAME, label, size, FALSE);
          if (unit->band != NULL)
            widen (sheet, BAND, unit->band, size, FALSE);
        }
    }
  widen (sheet, RANK, "Xếp hạng", size, FALSE);
  sheet_finish_layout (annex, sheet);
  fill_page_width (sheet, NAME);

  row = write_heading (annex, sheet, "PHỤ LỤC I", title, NULL);

  header_row = row;
  for (guint c = STT; c <= BAND; c++)
    put_merged (sheet, row, c, row + 1, c, headers[c], &header);
  put_merged (sheet, row, INDEX_CHANGE, row, RANK_CHANGE, compared, &header);
  put_text (sheet, row + 1, INDEX_CHANGE, headers[INDEX_CHANGE], &header);
  put_text (sheet, row + 1, RANK_CHANGE, headers[RANK_CHANGE], &header);
  {
    guint top = cell_lines (sheet, INDEX_CHANGE, RANK_CHANGE, compared, size, TRUE);
    guint bottom = MAX (cell_lines (sheet, INDEX_CHANGE, INDEX_CHANGE, headers[INDEX_CHANGE], size,
                                    TRUE),
                        cell_lines (sheet, RANK_CHANGE, RANK_CHANGE, headers[RANK_CHANGE], size,
                                    TRUE));
    guint spanned = 1;

    for (guint c = STT; c <= BAND; c++)
      spanned = MAX (spanned, cell_lines (sheet, c, c, headers[c], size, TRUE));
    fit_row (sheet, row, top, size);
    fit_row (sheet, row + 1, MAX (bottom, spanned > top ? spanned - top : 1), size);
  }
  row += 2;
  repeat_rows (sheet, header_row, header_row + 1);
  freeze_panes (sheet, row, 0);

  for (guint b = 0; b < blocks->len; b++)
    {
      GPtrArray *units = g_ptr_array_index (blocks, b);

      if (units->len == 0)
        continue;
      /* Each block's table starts on a new page. */
      if (nth > 0)
        g_array_append_val (sheet->out->page_breaks, row);
      row = put_block_heading (annex, sheet, row, N_COLUMNS, b, ++nth, &section, size);

      for (guint i = 0; i < units->len; i++, row++)
        {
          ParUnitResult *unit = g_ptr_array_index (units, i);
          g_autofree char *plain = unit_label (unit);
          gboolean ranked = unit->index != PAR_CENTI_NONE;
          gboolean merged = ranked && unit->previous_predecessors != NULL;
          g_autofree char *label = merged ? g_strconcat (plain, LINEAGE_MARK, NULL)
                                          : g_strdup (plain);

          any_provisional |= unit->provisional;
          if (merged)
            g_ptr_array_add (lineage_notes, lineage_note (unit, annex->year));
          fit_row (sheet, row, MAX (cell_lines (sheet, NAME, NAME, label, size, FALSE),
                                    cell_lines (sheet, BAND, BAND, unit->band, size, FALSE)),
                   size);
          put_number (sheet, row, STT, i + 1, &center);
          put_text (sheet, row, NAME, label, &name);
          put_milli (sheet, row, POINTS, unit->points, &points);
          put_centi (sheet, row, INDEX, unit->index, &index);
          if (ranked)
            put_number (sheet, row, RANK, unit->rank, &rank);
          else
            put_blank (sheet, row, RANK, &rank);
          put_text (sheet, row, BAND, unit->band, &center);
          if (ranked && unit->has_previous)
            {
              put_centi (sheet, row, INDEX_CHANGE, unit->index - unit->previous_index,
                         &index_change);
              /* Against predecessors there is no rank to compare with. */
              if (merged)
                put_blank (sheet, row, RANK_CHANGE, &rank_change);
              else
                put_number (sheet, row, RANK_CHANGE,
                            (gint64) unit->previous_rank - (gint64) unit->rank, &rank_change);
            }
          else
            {
              put_blank (sheet, row, INDEX_CHANGE, &index_change);
              put_blank (sheet, row, RANK_CHANGE, &rank_change);
            }
        }
    }

  if (any_provisional)
    g_ptr_array_insert (lineage_notes, 0, g_strdup (PROVISIONAL_NOTE));
  for (guint i = 0; i < lineage_notes->len; i++, row++)
    {
      const char *text = g_ptr_array_index (lineage_notes, i);

      put_merged (sheet, row, 0, row, N_COLUMNS - 1, text, &note);
      fit_row (sheet, row, cell_lines (sheet, 0, N_COLUMNS - 1, text, SIZE_DENSE, FALSE),
               SIZE_DENSE);
    }
  write_signature (annex, sheet, row);
  return TRUE;
}

/* PL II: points per top-level field, one sheet per block. */
static gboolean
write_fields (Annex      *annex,
              guint       block,
              GPtrArray  *units,
              GError    **error)
{
  ParCriteriaSet *set = par_year_results_get_block_set (annex->results, block);
  const char *block_name = par_year_results_get_block_name (annex->results, block);
  guint n_fields = set->fields->len;
  guint col_total = 2 + n_fields;
  guint col_index = col_total + 1;
  guint col_rank = col_total + 2;
  guint col_band = col_total + 3;
  guint n_columns = col_total + 4;
  const guint size = SIZE_DENSE;
  const Style header = { .size = size, .bold = TRUE, .border = TRUE, .wrap = TRUE,
                         .align = ALIGN_CENTER };
  const Style header_max = { .size = size, .bold = TRUE, .border = TRUE, .align = ALIGN_CENTER,
                             .format = FORMAT_POINTS };
  const Style center = { .size = size, .border = TRUE, .align = ALIGN_CENTER };
  const Style name = { .size = size, .border = TRUE, .wrap = TRUE, .align = ALIGN_LEFT };
  const Style points = { .size = size, .border = TRUE, .align = ALIGN_RIGHT,
                         .format = FORMAT_POINTS };
  const Style total = { .size = size, .bold = TRUE, .border = TRUE, .align = ALIGN_RIGHT,
                        .format = FORMAT_POINTS };
  const Style index = { .size = size, .border = TRUE, .align = ALIGN_RIGHT,
                        .format = FORMAT_INDEX };
  const Style rank = { .size = size, .border = TRUE, .align = ALIGN_CENTER,
                       .format = FORMAT_INTEGER };
  const Style note = { .size = SIZE_DENSE, .italic = TRUE, .wrap = TRUE, .align = ALIGN_LEFT };
  g_autoptr(Sheet) sheet = NULL;
  g_autofree char *caps = block_caps (annex, block);
  g_autofree char *wanted = g_strdup_printf ("PL II - %s", caps != NULL ? block_name : "Lĩnh vực");
  g_autofree char *title = NULL;
  g_autofree char *digits = g_strdup_printf ("%u", units->len);
  gboolean any_provisional = FALSE;
  guint row, header_row;

  if (caps != NULL)
    title = g_strdup_printf ("Điểm các lĩnh vực của Chỉ số cải cách hành chính năm %d - %s",
                             annex->year, caps);
  else
    title = g_strdup_printf ("Điểm các lĩnh vực của Chỉ số cải cách hành chính năm %d",
                             annex->year);

  sheet = sheet_new (annex, wanted, n_columns, size);

  sheet->max_widths[1] = 28;
  widen_header (sheet, 0, "STT");
  widen (sheet, 0, digits, size, FALSE);
  widen_header (sheet, 1, "Tên đơn vị");
  widen (sheet, 1, "Tên đơn vị được đánh giá", size, FALSE);
  for (guint f = 0; f < n_fields; f++)
    {
      const ParCriterion *field = g_ptr_array_index (set->fields, f);
      g_autofree char *text = g_strdup_printf ("%s. %s", field->code, field->title);

      sheet->max_widths[2 + f] = 10.5;
      widen_header (sheet, 2 + f, text);
      widen (sheet, 2 + f, "100.000", size, FALSE);
      widen (sheet, 2 + f, text, size, TRUE);
    }
  widen_header (sheet, col_total, "Tổng điểm");
  widen (sheet, col_total, "100.000", size, TRUE);
  widen_header (sheet, col_index, "Chỉ số CCHC (%)");
  widen (sheet, col_index, "Chỉ số", size, TRUE);
  widen_header (sheet, col_rank, "Xếp hạng");
  widen (sheet, col_rank, "hạng", size, TRUE);
  widen_header (sheet, col_band, "Xếp loại");
  for (guint i = 0; i < units->len; i++)
    {
      ParUnitResult *unit = g_ptr_array_index (units, i);
      g_autofree char *label = unit_label (unit);

      widen (sheet, 1, label, size, FALSE);
      if (unit->band != NULL)
        widen (sheet, col_band, unit->band, size, FALSE);
    }
  sheet_finish_layout (annex, sheet);

  row = write_heading (annex, sheet, "PHỤ LỤC II", title, NULL);

  /* Two header rows: the fields' titles, then their maxima (numbers). */
  header_row = row;
  put_merged (sheet, row, 0, row + 1, 0, "STT", &header);
  put_merged (sheet, row, 1, row + 1, 1, "Tên đơn vị", &header);
  for (guint f = 0; f < n_fields; f++)
    {
      const ParCriterion *field = g_ptr_array_index (set->fields, f);
      g_autofree char *text = g_strdup_printf ("%s. %s", field->code, field->title);

      put_text (sheet, row, 2 + f, text, &header);
      put_milli (sheet, row + 1, 2 + f, field->max, &header_max);
    }
  put_text (sheet, row, col_total, "Tổng điểm", &header);
  put_milli (sheet, row + 1, col_total, par_criteria_set_get_max (set), &header_max);
  put_merged (sheet, row, col_index, row + 1, col_index, "Chỉ số CCHC (%)", &header);
  put_merged (sheet, row, col_rank, row + 1, col_rank, "Xếp hạng", &header);
  put_merged (sheet, row, col_band, row + 1, col_band, "Xếp loại", &header);
  {
    guint top = cell_lines (sheet, col_total, col_total, "Tổng điểm", size, TRUE);
    const struct { guint col; const char *text; } spanning[] = {
      { 0, "STT" }, { 1, "Tên đơn vị" }, { col_index, "Chỉ số CCHC (%)" }, { col_rank, "Xếp hạng" },
      { col_band, "Xếp loại" },
    };

    for (guint f = 0; f < n_fields; f++)
      {
        const ParCriterion *field = g_ptr_array_index (set->fields, f);
        g_autofree char *text = g_strdup_printf ("%s. %s", field->code, field->title);

        top = MAX (top, cell_lines (sheet, 2 + f, 2 + f, text, size, TRUE));
      }
    for (guint k = 0; k < G_N_ELEMENTS (spanning); k++)
      top = MAX (top, cell_lines (sheet, spanning[k].col, spanning[k].col, spanning[k].text, size,
                                  TRUE) - 1);
    fit_row (sheet, row, top, size);
    fit_row (sheet, row + 1, 1, size);
  }
  row += 2;
  repeat_rows (sheet, header_row, header_row + 1);
  freeze_panes (sheet, row, 2);

  for (guint i = 0; i < units->len; i++, row++)
    {
      ParUnitResult *unit = g_ptr_array_index (units, i);
      g_autofree char *label = unit_label (unit);

      any_provisional |= unit->provisional;
      fit_row (sheet, row,
               MAX (cell_lines (sheet, 1, 1, label, size, FALSE),
                    cell_lines (sheet, col_band, col_band, unit->band, size, FALSE)), size);
      put_number (sheet, row, 0, i + 1, &center);
      put_text (sheet, row, 1, label, &name);
      for (guint f = 0; f < n_fields; f++)
        put_milli (sheet, row, 2 + f, unit->fields[f].points, &points);
      put_milli (sheet, row, col_total, unit->points, &total);
      put_centi (sheet, row, col_index, unit->index, &index);
      if (unit->index != PAR_CENTI_NONE)
        put_number (sheet, row, col_rank, unit->rank, &rank);
      else
        put_blank (sheet, row, col_rank, &rank);
      put_text (sheet, row, col_band, unit->band, &center);
    }

  if (any_provisional)
    {
      put_merged (sheet, row, 0, row, n_columns - 1, PROVISIONAL_NOTE, &note);
      fit_row (sheet, row, cell_lines (sheet, 0, n_columns - 1, PROVISIONAL_NOTE, SIZE_DENSE,
                                       FALSE), SIZE_DENSE);
      row++;
    }
  write_signature (annex, sheet, row);
  return TRUE;
}

/* "Từ 80% đến dưới 90%": the range of band @b of @set. */
static char *
band_range (ParCriteriaSet *set,
            guint           b)
{
  ParBand *band = &g_array_index (set->bands, ParBand, b);
  g_autofree char *min = par_centi_to_string (band->min, ',', FALSE);
  g_autofree char *upper = NULL;

  if (b == 0)
    return g_strdup_printf ("Từ %s%% trở lên", min);
  upper = par_centi_to_string (g_array_index (set->bands, ParBand, b - 1).min, ',', FALSE);
  if (band->min <= 0)
    return g_strdup_printf ("Dưới %s%%", upper);
  return g_strdup_printf ("Từ %s%% đến dưới %s%%", min, upper);
}

/* A share in percent, exact to the hundredth. */
static ParCenti
share (guint count,
       guint of)
{
  return par_div_round_half_up ((gint64) count * 10000, of);
}

/* PL III: the number of units per class in each block, and how many rose
 * or fell against the year before. */
static gboolean
write_bands (Annex      *annex,
             GPtrArray  *blocks,
             GError    **error)
{
  enum { STT, LABEL, RANGE, COUNT, SHARE, N_COLUMNS };
  const guint size = SIZE_BODY;
  const Style header = { .size = size, .bold = TRUE, .border = TRUE, .wrap = TRUE,
                         .align = ALIGN_CENTER };
  const Style section = { .size = size, .bold = TRUE, .border = TRUE, .align = ALIGN_LEFT };
  const Style center = { .size = size, .border = TRUE, .align = ALIGN_CENTER };
  const Style text = { .size = size, .border = TRUE, .wrap = TRUE, .align = ALIGN_LEFT };
  const Style bold_text = { .size = size, .bold = TRUE, .border = TRUE, .wrap = TRUE,
                            .align = ALIGN_LEFT };
  const Style count = { .size = size, .border = TRUE, .align = ALIGN_CENTER,
                        .format = FORMAT_INTEGER };
  const Style bold_count = { .size = size, .bold = TRUE, .border = TRUE, .align = ALIGN_CENTER,
                             .format = FORMAT_INTEGER };
  const Style percent = { .size = size, .border = TRUE, .align = ALIGN_RIGHT,
                          .format = FORMAT_INDEX };
  const Style bold_percent = { .size = size, .bold = TRUE, .border = TRUE, .align = ALIGN_RIGHT,
                               .format = FORMAT_INDEX };
  g_autoptr(Sheet) sheet = NULL;
  g_autofree char *title = g_strdup_printf ("Tổng hợp xếp loại Chỉ số cải cách hành chính năm %d",
                                            annex->year);
  g_autofree char *rose = g_strdup_printf ("Chỉ số tăng so với năm %d", annex->year - 1);
  g_autofree char *fell = g_strdup_printf ("Chỉ số giảm so với năm %d", annex->year - 1);
  g_autofree char *same = g_strdup_printf ("Chỉ số không đổi so với năm %d", annex->year - 1);
  g_autofree char *new_units = g_strdup_printf ("Không có chỉ số năm %d để so sánh",
                                                annex->year - 1);
  guint row, header_row;
  double spanned;
  guint nth = 0;

  sheet = sheet_new (annex, "PL III - Phân loại", N_COLUMNS, size);

  sheet->max_widths[LABEL] = 30;
  sheet->max_widths[RANGE] = 30;
  widen_header (sheet, STT, "STT");
  widen (sheet, STT, "99", size, FALSE);
  widen (sheet, LABEL, "Trung bình", size, FALSE);
  for (guint b = 0; b < blocks->len; b++)
    {
      ParCriteriaSet *set = par_year_results_get_block_set (annex->results, b);

      for (guint k = 0; k < set->bands->len; k++)
        widen (sheet, LABEL, g_array_index (set->bands, ParBand, k).label, size, FALSE);
    }
  widen (sheet, RANGE, "Từ 100% đến dưới 100%", size, FALSE);
  /* The longer labels of the totals span the class and range columns. */
  spanned = column_units (text_points (new_units, size, FALSE));
  sheet->widths[RANGE] = MAX (sheet->widths[RANGE], spanned - sheet->widths[LABEL]);
  widen_header (sheet, COUNT, "Số đơn vị");
  widen (sheet, COUNT, "Số đơn vị", size, TRUE);
  widen_header (sheet, SHARE, "Tỷ lệ (%)");
  widen (sheet, SHARE, "Tỷ lệ (%)", size, TRUE);
  sheet_finish_layout (annex, sheet);

  row = write_heading (annex, sheet, "PHỤ LỤC III", title, NULL);

  header_row = row;
  put_text (sheet, row, STT, "STT", &header);
  put_text (sheet, row, LABEL, "Xếp loại", &header);
  put_text (sheet, row, RANGE, "Chỉ số CCHC", &header);
  put_text (sheet, row, COUNT, "Số đơn vị", &header);
  put_text (sheet, row, SHARE, "Tỷ lệ (%)", &header);
  fit_row (sheet, row,
           MAX (cell_lines (sheet, COUNT, COUNT, "Số đơn vị", size, TRUE),
                cell_lines (sheet, SHARE, SHARE, "Tỷ lệ (%)", size, TRUE)), size);
  row++;
  repeat_rows (sheet, header_row, header_row);
  freeze_panes (sheet, row, 0);

  for (guint b = 0; b < blocks->len; b++)
    {
      GPtrArray *units = g_ptr_array_index (blocks, b);
      ParCriteriaSet *set = par_year_results_get_block_set (annex->results, b);
      g_autofree guint *per_band = g_new0 (guint, set->bands->len);
      g_autofree char *formula = NULL;
      guint ranked = 0, unranked = 0, n_rose = 0, n_fell = 0, n_same = 0, n_new = 0;
      guint first;
      const struct { const char *label; guint *count; } changes[] = {
        { rose, &n_rose }, { fell, &n_fell }, { same, &n_same }, { new_units, &n_new },
      };

      if (units->len == 0)
        continue;

      for (guint i = 0; i < units->len; i++)
        {
          ParUnitResult *unit = g_ptr_array_index (units, i);

          if (unit->index == PAR_CENTI_NONE)
            {
              unranked++;
              continue;
            }
          ranked++;
          for (guint k = 0; k < set->bands->len; k++)
            if (g_strcmp0 (unit->band, g_array_index (set->bands, ParBand, k).label) == 0)
              per_band[k]++;
          if (!unit->has_previous)
            n_new++;
          else if (unit->index > unit->previous_index)
            n_rose++;
          else if (unit->index < unit->previous_index)
            n_fell++;
          else
            n_same++;
        }

      row = put_block_heading (annex, sheet, row, N_COLUMNS, b, ++nth, &section, size);

      first = row;
      for (guint k = 0; k < set->bands->len; k++, row++)
        {
          g_autofree char *range = band_range (set, k);
          const char *label = g_array_index (set->bands, ParBand, k).label;

          fit_row (sheet, row,
                   MAX (cell_lines (sheet, LABEL, LABEL, label, size, FALSE),
                        cell_lines (sheet, RANGE, RANGE, range, size, FALSE)), size);
          put_number (sheet, row, STT, k + 1, &center);
          put_text (sheet, row, LABEL, label, &text);
          put_text (sheet, row, RANGE, range, &text);
          put_number (sheet, row, COUNT, per_band[k], &count);
          if (ranked > 0)
            put_centi (sheet, row, SHARE, share (per_band[k], ranked), &percent);
          else
            put_blank (sheet, row, SHARE, &percent);
        }

      /* The total is a formula, so that a clerk who corrects a count sees
       * the sum follow; its cached value is the count computed here. */
      formula = g_strdup_printf ("=SUM(D%u:D%u)", first + 1, row);
      fit_row (sheet, row, 1, size);
      put_blank (sheet, row, STT, &center);
      put_merged (sheet, row, LABEL, row, RANGE, "Tổng số đơn vị được xếp loại", &bold_text);
      put_formula (sheet, row, COUNT, formula, ranked, &bold_count);
      if (ranked > 0)
        put_centi (sheet, row, SHARE, 10000, &bold_percent);
      else
        put_blank (sheet, row, SHARE, &bold_percent);
      row++;

      if (unranked > 0)
        {
          fit_row (sheet, row, 1, size);
          put_blank (sheet, row, STT, &center);
          put_merged (sheet, row, LABEL, row, RANGE,
                      "Chưa có chỉ số (không có tiêu chí áp dụng)", &text);
          put_number (sheet, row, COUNT, unranked, &count);
          put_blank (sheet, row, SHARE, &percent);
          row++;
        }

      for (guint k = 0; k < G_N_ELEMENTS (changes); k++, row++)
        {
          fit_row (sheet, row,
                   cell_lines (sheet, LABEL, RANGE, changes[k].label, size, FALSE), size);
          put_blank (sheet, row, STT, &center);
          put_merged (sheet, row, LABEL, row, RANGE, changes[k].label, &text);
          put_number (sheet, row, COUNT, *changes[k].count, &count);
          if (ranked > 0)
            put_centi (sheet, row, SHARE, share (*changes[k].count, ranked), &percent);
          else
            put_blank (sheet, row, SHARE, &percent);
        }
    }

  write_signature (annex, sheet, row);
  return TRUE;
}

/* PL IV: one unit's score sheet. */
#define NOT_APPLICABLE "Không áp dụng"
#define UNIT_PROVISIONAL_NOTE "Kết quả tạm tính: còn tiêu chí thành phần chưa được thẩm định."

typedef struct
{
  Annex                 *annex;
  Sheet                 *sheet;
  const ParStoredEntry **self;       /* by leaf index */
  const ParStoredEntry **appraisal;  /* by leaf index */
  GHashTable            *evidence;   /* leaf code → number of documents */
  guint              row;
} UnitSheet;

enum { U_CODE, U_TITLE, U_MAX, U_SELF, U_APPRAISAL, U_NOTE, U_EVIDENCE, U_N_COLUMNS };

typedef struct
{
  ParMilli self;
  ParMilli appraisal;
  gboolean has_self;
  gboolean has_appraisal;
  guint    evidence;
} Sums;

static void
sums_add (Sums       *sums,
          const Sums *more)
{
  sums->self += more->self;
  sums->appraisal += more->appraisal;
  sums->has_self |= more->has_self;
  sums->has_appraisal |= more->has_appraisal;
  sums->evidence += more->evidence;
}

/* A group's or the whole set's row: the sums (blank where nothing was
 * entered), no note, the evidence count. */
static void
put_sums (Sheet       *sheet,
          guint        row,
          const Sums  *sums,
          const Style *number,
          const Style *note,
          const Style *count)
{
  if (sums->has_self)
    put_milli (sheet, row, U_SELF, sums->self, number);
  else
    put_blank (sheet, row, U_SELF, number);
  if (sums->has_appraisal)
    put_milli (sheet, row, U_APPRAISAL, sums->appraisal, number);
  else
    put_blank (sheet, row, U_APPRAISAL, number);
  put_blank (sheet, row, U_NOTE, note);
  put_number (sheet, row, U_EVIDENCE, sums->evidence, count);
}

static void
put_entry (UnitSheet            *u,
           guint                 row,
           guint                 col,
           const ParStoredEntry *entry,
           const Style          *number,
           const Style          *text)
{
  if (entry == NULL || entry->state == PAR_ENTRY_EMPTY)
    put_blank (u->sheet, row, col, number);
  else if (entry->state == PAR_ENTRY_NA)
    put_text (u->sheet, row, col, NOT_APPLICABLE, text);
  else
    put_milli (u->sheet, row, col, entry->points, number);
}

static char *
leaf_note (const ParStoredEntry *self,
           const ParStoredEntry *appraisal)
{
  const ParStoredEntry *final = appraisal != NULL ? appraisal : self;
  gboolean self_note = self != NULL && self->note != NULL && self->note[0] != '\0';
  gboolean appraisal_note = appraisal != NULL && appraisal->note != NULL &&
                            appraisal->note[0] != '\0';
  GString *note = g_string_new (NULL);

  if (final != NULL && final->state == PAR_ENTRY_NONE)
    g_string_append (note, "Không phát sinh");
  if (self_note && appraisal_note)
    g_string_append_printf (note, "%sTự đánh giá: %s\nThẩm định: %s", note->len > 0 ? "\n" : "",
                            self->note, appraisal->note);
  else if (self_note || appraisal_note)
    g_string_append_printf (note, "%s%s", note->len > 0 ? "\n" : "",
                            self_note ? self->note : appraisal->note);
  return g_string_free (note, FALSE);
}

/* Writes @node's row and its subtree's rows; a group's row, above its
 * children, is written once their sums are known. The recursion is as deep
 * as the tree, which every ParCriteriaSet bounds to PAR_LIMIT_TREE_DEPTH
 * levels (a set stored deeper by an older ParIndex no longer loads). */
static Sums
write_node (UnitSheet          *u,
            const ParCriterion *node)
{
  const guint size = SIZE_DENSE;
  gboolean group = node->children != NULL;
  const Style code = { .size = size, .bold = group, .border = TRUE, .align = ALIGN_LEFT,
                       .indent = MIN (node->depth, 4) };
  const Style title = { .size = size, .bold = group, .border = TRUE, .wrap = TRUE,
                        .align = ALIGN_LEFT, .indent = MIN (node->depth, 4) };
  const Style number = { .size = size, .bold = group, .border = TRUE, .align = ALIGN_RIGHT,
                         .format = FORMAT_POINTS };
  const Style text = { .size = size, .border = TRUE, .wrap = TRUE, .align = ALIGN_CENTER };
  const Style note = { .size = size, .border = TRUE, .wrap = TRUE, .align = ALIGN_LEFT };
  const Style count = { .size = size, .border = TRUE, .align = ALIGN_CENTER,
                        .format = FORMAT_INTEGER };
  const Style group_count = { .size = size, .bold = TRUE, .border = TRUE, .align = ALIGN_CENTER,
                              .format = FORMAT_INTEGER };
  Sheet *sheet = u->sheet;
  guint row = u->row++;
  g_autofree char *indented = g_strnfill (MIN (node->depth, 4) * 3, ' ');
  g_autofree char *title_text = g_strconcat (indented, node->title, NULL);
  Sums sums = { 0 };

  g_assert (node->depth < PAR_LIMIT_TREE_DEPTH);

  put_text (sheet, row, U_CODE, node->code, &code);
  put_text (sheet, row, U_TITLE, node->title, &title);
  put_milli (sheet, row, U_MAX, node->max, &number);

  if (group)
    {
      for (guint i = 0; i < node->children->len; i++)
        {
          Sums child = write_node (u, g_ptr_array_index (node->children, i));

          sums_add (&sums, &child);
        }

      put_sums (sheet, row, &sums, &number, &note, &group_count);
      fit_row (sheet, row, cell_lines (sheet, U_TITLE, U_TITLE, title_text, size, TRUE),
               size);
    }
  else
    {
      const ParStoredEntry *self = u->self[node->leaf_index];
      const ParStoredEntry *appraisal = u->appraisal[node->leaf_index];
      g_autofree char *text_note = leaf_note (self, appraisal);

      guint lines = cell_lines (sheet, U_NOTE, U_NOTE, text_note, size, FALSE);

      if ((self != NULL && self->state == PAR_ENTRY_NA) ||
          (appraisal != NULL && appraisal->state == PAR_ENTRY_NA))
        lines = MAX (lines, cell_lines (sheet, U_SELF, U_SELF, NOT_APPLICABLE, size, FALSE));
      fit_row (sheet, row, MAX (lines, cell_lines (sheet, U_TITLE, U_TITLE, title_text, size,
                                                   FALSE)), size);
      put_entry (u, row, U_SELF, self, &number, &text);
      put_entry (u, row, U_APPRAISAL, appraisal, &number, &text);
      put_text (sheet, row, U_NOTE, text_note, &note);
      sums.evidence = GPOINTER_TO_UINT (g_hash_table_lookup (u->evidence, node->code));
      put_number (sheet, row, U_EVIDENCE, sums.evidence, &count);

      if (self != NULL && self->state != PAR_ENTRY_EMPTY)
        {
          sums.has_self = TRUE;
          if (self->state != PAR_ENTRY_NA)
            sums.self = self->points;
        }
      if (appraisal != NULL && appraisal->state != PAR_ENTRY_EMPTY)
        {
          sums.has_appraisal = TRUE;
          if (appraisal->state != PAR_ENTRY_NA)
            sums.appraisal = appraisal->points;
        }
    }
  return sums;
}

static gboolean
write_unit (Annex          *annex,
            ParUnitResult  *unit,
            ParAnnexSheet  *out,
            GError        **error)
{
  const guint size = SIZE_DENSE;
  const Style header = { .size = size, .bold = TRUE, .border = TRUE, .wrap = TRUE,
                         .align = ALIGN_CENTER };
  const Style total_label = { .size = size, .bold = TRUE, .border = TRUE, .align = ALIGN_LEFT };
  const Style total = { .size = size, .bold = TRUE, .border = TRUE, .align = ALIGN_RIGHT,
                        .format = FORMAT_POINTS };
  const Style blank = { .size = size, .border = TRUE };
  const Style total_count = { .size = size, .bold = TRUE, .border = TRUE, .align = ALIGN_CENTER,
                              .format = FORMAT_INTEGER };
  const Style summary_label = { .size = size, .bold = TRUE, .border = TRUE, .align = ALIGN_LEFT };
  const Style summary_points = { .size = size, .border = TRUE, .align = ALIGN_RIGHT,
                                 .format = FORMAT_POINTS };
  const Style summary_index = { .size = size, .border = TRUE, .align = ALIGN_RIGHT,
                                .format = FORMAT_INDEX };
  const Style summary_text = { .size = size, .border = TRUE, .align = ALIGN_RIGHT };
  const Style note = { .size = SIZE_DENSE, .italic = TRUE, .wrap = TRUE, .align = ALIGN_LEFT };
  static const char *summary[] = {
    "Tổng điểm đạt được", "Tổng điểm tối đa của các tiêu chí áp dụng", "Chỉ số CCHC (%)",
    "Xếp loại", "Xếp hạng trong khối",
  };
  static const char *headers[U_N_COLUMNS] = {
    "Mã", "Tiêu chí, tiêu chí thành phần", "Điểm tối đa", "Tự đánh giá", "Thẩm định",
    "Ghi chú, giải trình", "Số tài liệu kiểm chứng",
  };
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) evidence = NULL;
  g_autoptr(Sheet) sheet = NULL;
  g_autofree const ParStoredEntry **self = NULL;
  g_autofree const ParStoredEntry **appraisal = NULL;
  g_autofree char *title = g_strdup_printf ("Bảng điểm Chỉ số cải cách hành chính năm %d",
                                            annex->year);
  g_autofree char *line = NULL;
  g_autofree char *rank_text = NULL;
  const char *block_name = par_year_results_get_block_name (annex->results, unit->block);
  UnitSheet u = { annex, NULL, NULL, NULL, NULL, 0 };
  Sums sums = { 0 };
  guint row, header_row;

  entries = par_workspace_list_unit_entries (annex->workspace, annex->year, unit->code, &set,
                                             error);
  if (entries == NULL)
    return FALSE;
  evidence = par_workspace_count_evidence (annex->workspace, annex->year, unit->code, error);
  if (evidence == NULL)
    return FALSE;

  self = g_new0 (const ParStoredEntry *, set->leaves->len);
  appraisal = g_new0 (const ParStoredEntry *, set->leaves->len);
  for (guint i = 0; i < entries->len; i++)
    {
      const ParStoredEntry *entry = g_ptr_array_index (entries, i);

      if (entry->stage == PAR_STAGE_SELF)
        self[entry->leaf->leaf_index] = entry;
      else
        appraisal[entry->leaf->leaf_index] = entry;
    }

  sheet = sheet_wrap (out, U_N_COLUMNS, size);

  sheet->max_widths[U_TITLE] = 50;
  sheet->max_widths[U_NOTE] = 32;
  for (guint c = 0; c < U_N_COLUMNS; c++)
    widen_header (sheet, c, headers[c]);
  widen (sheet, U_TITLE, headers[U_TITLE], size, TRUE);
  widen (sheet, U_NOTE, headers[U_NOTE], size, TRUE);
  widen (sheet, U_MAX, "100.000", size, FALSE);
  widen (sheet, U_SELF, "Không áp", size, FALSE);
  widen (sheet, U_APPRAISAL, "Không áp", size, FALSE);
  for (guint n = 0; n < set->nodes->len; n++)
    {
      const ParCriterion *node = g_ptr_array_index (set->nodes, n);
      g_autofree char *indented = g_strnfill (MIN (node->depth, 4) * 3, ' ');
      g_autofree char *code_text = g_strconcat (indented, node->code, NULL);
      g_autofree char *title_text = g_strconcat (indented, node->title, NULL);

      widen (sheet, U_CODE, code_text, size, node->children != NULL);
      widen (sheet, U_TITLE, title_text, size, node->children != NULL);
      if (node->leaf_index >= 0)
        {
          g_autofree char *text_note = leaf_note (self[node->leaf_index],
                                                  appraisal[node->leaf_index]);
          g_auto(GStrv) lines = g_strsplit (text_note, "\n", -1);

          for (guint l = 0; lines[l] != NULL; l++)
            widen (sheet, U_NOTE, lines[l], size, FALSE);
        }
    }
  sheet_finish_layout (annex, sheet);

  line = g_strdup_printf ("Đơn vị: %s - Mã: %s - Khối: %s", unit->name, unit->code, block_name);
  row = write_heading (annex, sheet, "PHỤ LỤC IV", title, line);

  header_row = row;
  {
    guint lines = 1;

    for (guint c = 0; c < U_N_COLUMNS; c++)
      {
        put_text (sheet, row, c, headers[c], &header);
        lines = MAX (lines, cell_lines (sheet, c, c, headers[c], size, TRUE));
      }
    fit_row (sheet, row, lines, size);
  }
  row++;
  repeat_rows (sheet, header_row, header_row);
  freeze_panes (sheet, row, 0);

  u.sheet = sheet;
  u.self = self;
  u.appraisal = appraisal;
  u.evidence = evidence;
  u.row = row;
  for (guint f = 0; f < set->fields->len; f++)
    {
      Sums field = write_node (&u, g_ptr_array_index (set->fields, f));

      sums_add (&sums, &field);
    }
  row = u.row;

  fit_row (sheet, row, 1, size);
  put_merged (sheet, row, U_CODE, row, U_TITLE, "TỔNG CỘNG", &total_label);
  put_milli (sheet, row, U_MAX, par_criteria_set_get_max (set), &total);
  put_sums (sheet, row, &sums, &total, &blank, &total_count);
  row += 2;

  /* The results the index is computed from: final points (appraised where
   * appraised, else self-assessed) over the applicable maximum. */
  if (unit->index != PAR_CENTI_NONE)
    rank_text = g_strdup_printf ("%u/%u", unit->rank,
                                 par_year_results_get_ranked (annex->results, unit->block));
  for (guint k = 0; k < G_N_ELEMENTS (summary); k++, row++)
    {
      fit_row (sheet, row, 1, size);
      put_merged (sheet, row, U_CODE, row, U_MAX, summary[k], &summary_label);
      /* A merged range holds text; the number goes into its first cell. */
      put_merged (sheet, row, U_SELF, row, U_APPRAISAL, "", &summary_text);
      switch (k)
        {
        case 0: put_milli (sheet, row, U_SELF, unit->points, &summary_points); break;
        case 1: put_milli (sheet, row, U_SELF, unit->max, &summary_points); break;
        case 2: put_centi (sheet, row, U_SELF, unit->index, &summary_index); break;
        case 3: put_text (sheet, row, U_SELF, unit->band, &summary_text); break;
        case 4: put_text (sheet, row, U_SELF, rank_text, &summary_text); break;
        default: g_assert_not_reached ();
        }
    }
  if (unit->provisional)
    {
      put_merged (sheet, row, U_CODE, row, U_N_COLUMNS - 1, UNIT_PROVISIONAL_NOTE, &note);
      fit_row (sheet, row, cell_lines (sheet, U_CODE, U_N_COLUMNS - 1, UNIT_PROVISIONAL_NOTE,
                                       SIZE_DENSE, FALSE), SIZE_DENSE);
    }

  return TRUE;
}

/* The units that get a score sheet, in published order. */
static GPtrArray *
select_units (ParYearResults  *results,
              GStrv            unit_codes,
              GError         **error)
{
  g_autoptr(GPtrArray) ordered = par_year_results_get_ordered (results);
  g_autoptr(GHashTable) wanted = NULL;
  GPtrArray *selected = g_ptr_array_new ();

  if (unit_codes == NULL)
    {
      g_ptr_array_extend (selected, ordered, NULL, NULL);
      return selected;
    }

  wanted = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; unit_codes[i] != NULL; i++)
    {
      if (unit_codes[i][0] == '\0')
        continue;
      if (par_year_results_lookup (results, unit_codes[i]) == NULL)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, _("unit “%s” is not in year %d"),
                       unit_codes[i], par_year_results_get_year (results));
          g_ptr_array_unref (selected);
          return NULL;
        }
      g_hash_table_add (wanted, unit_codes[i]);
    }
  for (guint i = 0; i < ordered->len; i++)
    {
      ParUnitResult *unit = g_ptr_array_index (ordered, i);
      if (g_hash_table_contains (wanted, unit->code))
        g_ptr_array_add (selected, unit);
    }
  return selected;
}

/**
 * par_annex_document_count_unit_sheets:
 * @results: a year's results
 * @unit_codes: (nullable) (array zero-terminated=1): the units asked for
 *
 * Returns: how many score sheets par_annex_document_build() makes for
 *   @unit_codes: one per known listed unit; without a list, one per unit
 */
guint
par_annex_document_count_unit_sheets (ParYearResults *results,
                                      GStrv           unit_codes)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_units = 0;

  g_return_val_if_fail (results != NULL, 0);

  if (unit_codes != NULL)
    {
      for (guint i = 0; unit_codes[i] != NULL; i++)
        if (par_year_results_lookup (results, unit_codes[i]) != NULL)
          g_hash_table_add (seen, unit_codes[i]);
      return g_hash_table_size (seen);
    }

  for (guint b = 0; b < par_year_results_get_n_blocks (results); b++)
    n_units += par_year_results_get_block_size (results, b);
  return n_units;
}

static void
annex_clear (Annex *annex)
{
  g_clear_object (&annex->workspace);
  g_clear_pointer (&annex->sheet_names, g_hash_table_unref);
  g_clear_pointer (&annex->issuer, g_free);
  g_clear_pointer (&annex->reference, g_free);
  g_clear_pointer (&annex->signer, g_free);
  g_clear_pointer (&annex->authority, g_free);
  g_clear_pointer (&annex->signer_title, g_free);
  g_clear_pointer (&annex->place_date, g_free);
}

/* PL IV's score sheets, made one at a time as the writers come to them:
 * a national year's 3,321 never stand in memory at once. Their names are
 * given when the document is built, so that a sheet made twice (printing
 * counts its pages first) keeps its name. The maker reads the workspace:
 * the document is used on one thread at a time. */
typedef struct
{
  Annex           annex;
  GPtrArray      *units;          /* ParUnitResult, of the results */
  GPtrArray      *names;          /* char *, the sheets' names */
  ParYearResults *owned_results;  /* (nullable) the results, when the document owns them */
} UnitSheets;

static void
unit_sheets_free (gpointer data)
{
  UnitSheets *sheets = data;

  annex_clear (&sheets->annex);
  g_clear_pointer (&sheets->units, g_ptr_array_unref);
  g_clear_pointer (&sheets->names, g_ptr_array_unref);
  g_clear_pointer (&sheets->owned_results, par_year_results_free);
  g_free (sheets);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UnitSheets, unit_sheets_free)

static ParAnnexSheet *
make_unit_sheet (gpointer   data,
                 guint      index,
                 GError   **error)
{
  UnitSheets *sheets = data;
  g_autoptr(ParAnnexSheet) sheet = par_annex_sheet_new (g_ptr_array_index (sheets->names, index),
                                                        U_N_COLUMNS);

  if (!write_unit (&sheets->annex, g_ptr_array_index (sheets->units, index), sheet, error))
    return NULL;
  return g_steal_pointer (&sheet);
}

static char *
nonempty (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  return stripped[0] != '\0' ? g_steal_pointer (&stripped) : NULL;
}

/* The annexes; the results are borrowed, or @owned_results. */
static ParAnnexDocument *
build (ParWorkspace       *workspace,
       ParYearResults     *results,
       ParYearResults     *owned_results,
       const ParDecision  *decision,
       const char         *fingerprint,
       GStrv               unit_codes,
       GCancellable       *cancellable,
       GError            **error)
{
  g_autoptr(UnitSheets) sheets = g_new0 (UnitSheets, 1);
  Annex *annex = &sheets->annex;
  g_autoptr(ParAnnexDocument) document = NULL;
  g_autoptr(ParDecision) empty = NULL;
  g_autoptr(ParDecision) filled = NULL;
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GPtrArray) selected = NULL;
  g_autofree char *issuer = NULL;

  sheets->owned_results = owned_results;
  if (decision == NULL)
    decision = empty = par_decision_new ();

  if (!(selected = select_units (results, unit_codes, error)))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Before a decision names the issuing body, the workspace's setting. */
  issuer = nonempty (decision->issuer);
  if (issuer == NULL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *setting = par_workspace_get_setting (workspace, PAR_SETTING_ISSUER,
                                                            &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if ((issuer = nonempty (setting)) != NULL)
        {
          decision = filled = par_decision_copy (decision);
          g_free (filled->issuer);
          filled->issuer = g_strdup (issuer);
        }
    }
  document = par_annex_document_new ();
  document->title = g_strdup_printf ("Phụ lục Chỉ số cải cách hành chính năm %d",
                                     par_year_results_get_year (results));
  document->subject = g_strdup (decision->title);
  document->author = g_strdup (issuer);
  document->fingerprint = fingerprint != NULL && fingerprint[0] != '\0' ? g_strdup (fingerprint)
                                                                        : NULL;

  annex->document = document;
  annex->sheet_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (annex->sheet_names, g_strdup ("history"));
  annex->workspace = g_object_ref (workspace);
  annex->results = results;
  annex->year = par_year_results_get_year (results);
  annex->issuer = issuer != NULL ? g_utf8_strup (issuer, -1) : NULL;
  annex->reference = par_decision_format_reference (decision);
  annex->signer = nonempty (decision->signer);
  annex->authority = nonempty (decision->authority);
  annex->signer_title = nonempty (decision->signer_title);
  annex->place_date = par_decision_format_place_date (decision);

  ordered = par_year_results_get_ordered (results);
  blocks = units_by_block (ordered, par_year_results_get_n_blocks (results));

  if (!write_ranking (annex, blocks, error))
    return NULL;
  for (guint b = 0; b < blocks->len; b++)
    {
      GPtrArray *units = g_ptr_array_index (blocks, b);

      if (units->len > 0 && !write_fields (annex, b, units, error))
        return NULL;
    }
  if (!write_bands (annex, blocks, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* The score sheets: named now, made when written. */
  sheets->units = g_ptr_array_ref (selected);
  sheets->names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < selected->len; i++)
    {
      ParUnitResult *unit = g_ptr_array_index (selected, i);
      g_autofree char *wanted = g_strdup_printf ("%s - %s", unit->code, unit->name);

      g_ptr_array_add (sheets->names, sheet_name (annex, wanted));
    }
  annex->document = NULL;
  par_annex_document_set_maker (document, selected->len, make_unit_sheet,
                                g_steal_pointer (&sheets), unit_sheets_free);
  return g_steal_pointer (&document);
}

/**
 * par_annex_document_build:
 * @workspace: the workspace @results come from
 * @results: a year's computed results, which must outlive the document
 * @decision: (nullable): the decision the annexes are attached to; %NULL
 *   or missing fields leave "…" where the text goes (a draft)
 * @fingerprint: (nullable): the published results' fingerprint, printed in
 *   small type in every page footer
 * @unit_codes: (nullable) (array zero-terminated=1): the units that get a
 *   score sheet (PL IV); %NULL for every unit
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Builds the annexes of the decision publishing the year of @results: PL I
 * the ranking per block, PL II the points per field per block, PL III the
 * number of units per class, PL IV a score sheet per unit. The score
 * sheets are made as the writers come to them (par_annex_document_get_sheet()),
 * reading the workspace: use the document on one thread at a time.
 *
 * Returns: (transfer full): the document, or %NULL with
 *   %PAR_ERROR_NOT_FOUND for an unknown unit code, an error reading the
 *   workspace, or %G_IO_ERROR_CANCELLED
 */
ParAnnexDocument *
par_annex_document_build (ParWorkspace       *workspace,
                          ParYearResults     *results,
                          const ParDecision  *decision,
                          const char         *fingerprint,
                          GStrv               unit_codes,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_return_val_if_fail (PAR_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return build (workspace, results, NULL, decision, fingerprint, unit_codes, cancellable, error);
}

/**
 * par_annex_document_build_for_year:
 * @workspace: a workspace
 * @year: a year of @workspace
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The annexes of @year as the window exports and prints them: the
 * year's results, with the decision stored when it was published (a draft
 * without one) and the fingerprint of the published results; score
 * sheets as par_annex_document_build() makes them without a list. A
 * published year whose data no longer match its fingerprint gives none
 * (%PAR_ERROR_INTEGRITY): its annexes would print the fingerprint under
 * other figures.
 *
 * Returns: (transfer full): the document, or %NULL with an error
 */
ParAnnexDocument *
par_annex_document_build_for_year (ParWorkspace  *workspace,
                                   int            year,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_autoptr(ParDecision) decision = NULL;
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *fingerprint = NULL;
  ParYearResults *owned;

  g_return_val_if_fail (PAR_IS_WORKSPACE (workspace), NULL);

  if (!par_workspace_check_year (workspace, year, error))
    return NULL;
  decision = par_workspace_get_decision (workspace, year, &fingerprint, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!(results = par_workspace_compute_results (workspace, year, error)))
    return NULL;
  /* The document keeps the results for its score sheets. */
  owned = g_steal_pointer (&results);
  return build (workspace, owned, owned, decision, fingerprint, NULL, cancellable, error);
}
