/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-decision"

#include "config.h"

#include "par-decision.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-decision-private.h"
#include "par-error.h"
#include "par-sqlite-private.h"
#include "par-text.h"
#include "par-workspace-private.h"

/*
 * The decision that publishes a year's results, as the annexes quote it:
 * "(Kèm theo Quyết định số 123/QĐ-UBND ngày 15 tháng 01 năm 2025 của UBND
 * tỉnh Sông Lam)". Dates follow Nghị định 30/2020/NĐ-CP: days below 10 and
 * the months 1 and 2 take a leading zero ("ngày 05 tháng 02", but "tháng 3"),
 * so that "tháng 1" cannot be turned into "tháng 11" by hand.
 */

G_DEFINE_BOXED_TYPE (ParDecision, par_decision, par_decision_copy, par_decision_free)

/* The text that stands for a part a draft decision does not have yet. */
#define PLACEHOLDER "…"

/**
 * par_decision_new:
 *
 * Returns: (transfer full): a decision with every field unset
 */
ParDecision *
par_decision_new (void)
{
  return g_new0 (ParDecision, 1);
}

/**
 * par_decision_copy:
 * @self: a #ParDecision
 *
 * Returns: (transfer full): a deep copy of @self
 */
ParDecision *
par_decision_copy (const ParDecision *self)
{
  ParDecision *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = par_decision_new ();
  copy->number = g_strdup (self->number);
  copy->date = g_strdup (self->date);
  copy->issuer = g_strdup (self->issuer);
  copy->signer = g_strdup (self->signer);
  copy->title = g_strdup (self->title);
  copy->authority = g_strdup (self->authority);
  copy->signer_title = g_strdup (self->signer_title);
  copy->place = g_strdup (self->place);
  return copy;
}

/**
 * par_decision_free:
 * @self: (nullable): a #ParDecision
 *
 * Frees @self and its strings.
 */
void
par_decision_free (ParDecision *self)
{
  if (self == NULL)
    return;

  g_free (self->number);
  g_free (self->date);
  g_free (self->issuer);
  g_free (self->signer);
  g_free (self->title);
  g_free (self->authority);
  g_free (self->signer_title);
  g_free (self->place);
  g_free (self);
}

static gboolean
parse_date (const char *date,
            guint      *out_year,
            guint      *out_month,
            guint      *out_day)
{
  guint64 year, month, day;
  char part[5];

  /* Exactly YYYY-MM-DD: g_ascii_string_to_unsigned () would also take
   * "2025-1-5", which is not the exchanged form. */
  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;

  memcpy (part, date, 4);
  part[4] = '\0';
  if (!g_ascii_string_to_unsigned (part, 10, 1900, 9999, &year, NULL))
    return FALSE;
  memcpy (part, date + 5, 2);
  part[2] = '\0';
  if (!g_ascii_string_to_unsigned (part, 10, 1, 12, &month, NULL))
    return FALSE;
  memcpy (part, date + 8, 2);
  part[2] = '\0';
  if (!g_ascii_string_to_unsigned (part, 10, 1, 31, &day, NULL))
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  *out_year = year;
  *out_month = month;
  *out_day = day;
  return TRUE;
}

/**
 * par_decision_check_texts:
 * @self: a #ParDecision
 * @error: return location for a #GError
 *
 * Checks the decision's texts against the limits of names (docs/limits.md):
 * they are printed in every annex.
 *
 * Returns: %TRUE when every text is within them
 */
gboolean
par_decision_check_texts (const ParDecision  *self,
                          GError            **error)
{
  const char *names[] = {
    "--decision-number", "--issuer", "--signer", "--title", "--signer-title", "--place",
  };
  const char *texts[] = {
    self->number, self->issuer, self->signer, self->title, self->signer_title, self->place,
  };
  const char *authority_name[] = { "--authority" };
  const char *authority[] = { self->authority };

  /* The authority lines are several lines: a note's limits. */
  return par_text_check_fields (names, texts, G_N_ELEMENTS (texts), PAR_TEXT_NAME, error) &&
         par_text_check_fields (authority_name, authority, 1, PAR_TEXT_NOTE, error);
}

/**
 * par_decision_validate_date:
 * @date: the text of a date
 * @error: return location for a #GError
 *
 * Checks that @date is a calendar date written YYYY-MM-DD (FORMATS.md §6).
 *
 * Returns: %TRUE when @date is valid; %FALSE with %PAR_ERROR_INVALID
 */
gboolean
par_decision_validate_date (const char  *date,
                            GError     **error)
{
  guint year, month, day;

  if (parse_date (date, &year, &month, &day))
    return TRUE;

  g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
               _("“%s” is not a valid date written YYYY-MM-DD, such as 2025-01-15"),
               date != NULL ? date : "");
  return FALSE;
}

/**
 * par_decision_format_date:
 * @date: a date, YYYY-MM-DD
 *
 * Formats @date as Vietnamese administrative documents write it:
 * "ngày 15 tháng 01 năm 2025", "ngày 05 tháng 3 năm 2025".
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when @date is
 *   not a valid date
 */
char *
par_decision_format_date (const char *date)
{
  guint year, month, day;

  if (!parse_date (date, &year, &month, &day))
    return NULL;

  return g_strdup_printf ("ngày %02u tháng %s%u năm %u", day, month <= 2 ? "0" : "", month, year);
}

/**
 * par_decision_format_number:
 * @self: a #ParDecision
 *
 * Returns: (transfer full): the number and symbol as quoted, e.g.
 *   "123/QĐ-UBND"; "…/QĐ-UBND" while the decision has no number
 */
char *
par_decision_format_number (const ParDecision *self)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  number = g_strstrip (g_strdup (self->number != NULL ? self->number : ""));
  if (number[0] == '\0')
    return g_strdup (PLACEHOLDER "/QĐ-UBND");
  if (strchr (number, '/') == NULL)
    return g_strconcat (number, "/QĐ-UBND", NULL);
  return g_steal_pointer (&number);
}

/**
 * par_decision_format_reference:
 * @self: a #ParDecision
 *
 * The line under an annex's title, with "…" for what a draft lacks.
 *
 * Returns: (transfer full): e.g. "(Kèm theo Quyết định số 123/QĐ-UBND
 *   ngày 15 tháng 01 năm 2025 của UBND tỉnh Sông Lam)"
 */
char *
par_decision_format_reference (const ParDecision *self)
{
  g_autofree char *number = NULL;
  g_autofree char *date = NULL;
  g_autofree char *issuer = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  number = par_decision_format_number (self);
  date = par_decision_format_date (self->date);
  if (date == NULL)
    date = g_strdup ("ngày " PLACEHOLDER " tháng " PLACEHOLDER " năm " PLACEHOLDER);
  issuer = g_strstrip (g_strdup (self->issuer != NULL ? self->issuer : ""));

  return g_strdup_printf ("(Kèm theo Quyết định số %s %s của %s)", number, date,
                          issuer[0] != '\0' ? issuer : PLACEHOLDER);
}

/**
 * par_decision_format_place_date:
 * @self: a decision
 *
 * The place and date line of the signature block (Nghị định 30/2020,
 * Phụ lục I): "Quảng Nam, ngày 15 tháng 01 năm 2025"; "…" stands for what
 * a draft does not have yet.
 *
 * Returns: (transfer full): the line
 */
char *
par_decision_format_place_date (const ParDecision *self)
{
  g_autofree char *place = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  place = g_strstrip (g_strdup (self->place != NULL ? self->place : ""));
  date = par_decision_format_date (self->date);
  return g_strdup_printf ("%s, %s", place[0] != '\0' ? place : PLACEHOLDER,
                          date != NULL ? date : "ngày " PLACEHOLDER " tháng " PLACEHOLDER
                                                " năm " PLACEHOLDER);
}

/**
 * par_decision_fill:
 * @self: a decision
 * @defaults: (nullable): another
 *
 * Gives each field @self lacks the value it has in @defaults: the options
 * of a command over the decision stored when the year was published.
 */
void
par_decision_fill (ParDecision       *self,
                   const ParDecision *defaults)
{
  g_return_if_fail (self != NULL);

  if (defaults == NULL)
    return;
#define FILL(field) \
  if (self->field == NULL) \
    self->field = g_strdup (defaults->field)
  FILL (number);
  FILL (date);
  FILL (issuer);
  FILL (signer);
  FILL (title);
  FILL (authority);
  FILL (signer_title);
  FILL (place);
#undef FILL
}

/* The signature block's fields, stored beside the decision's row (schema
 * 7) by the transaction that publishes it. */
gboolean
_par_decision_store_signature (ParWorkspace       *workspace,
                               int                 year,
                               const ParDecision  *decision,
                               GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _par_workspace_prepare (workspace,
                                 "UPDATE decision SET authority = ?, signer_title = ?, place = ?"
                                 " WHERE year = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, decision->authority, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, decision->signer_title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, decision->place, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, year);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _par_workspace_set_io_error (workspace, error);
  return TRUE;
}

gboolean
_par_decision_load_signature (ParWorkspace  *workspace,
                              int            year,
                              ParDecision   *decision,
                              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean found;

  stmt = _par_workspace_query_year (workspace,
                                    "SELECT authority, signer_title, place FROM decision"
                                    " WHERE year = ?", year, &found, error);
  if (stmt == NULL)
    return FALSE;
  if (found)
    {
      decision->authority = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      decision->signer_title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      decision->place = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  return TRUE;
}

/**
 * par_date_format_short:
 * @iso_date: (nullable): a date, "YYYY-MM-DD"
 *
 * A date as the application shows it: "15/01/2025".
 *
 * Returns: (transfer full): the date, "" for none, @iso_date as it is
 *   when it is not a date
 */
char *
par_date_format_short (const char *iso_date)
{
  guint year, month, day;

  if (iso_date == NULL)
    return g_strdup ("");
  if (!parse_date (iso_date, &year, &month, &day))
    return g_strdup (iso_date);
  return g_strdup_printf ("%02u/%02u/%04u", day, month, year);
}

/**
 * par_date_parse_user:
 * @text: a date as a user types it: "15/01/2025" (as the application
 *   shows dates), "15/1/2025", "15-01-2025", "15.01.2025" or "2025-01-15"
 * @out_iso_date: (out) (transfer full) (nullable): the date, "YYYY-MM-DD";
 *   %NULL for an empty @text
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @text is empty or a date; %FALSE with
 *   %PAR_ERROR_INVALID, saying how to write one, otherwise
 */
gboolean
par_date_parse_user (const char  *text,
                     char       **out_iso_date,
                     GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_auto(GStrv) parts = NULL;
  guint64 day = 0, month = 0, year = 0;
  guint y, m, d;

  *out_iso_date = NULL;
  if (stripped[0] == '\0')
    return TRUE;
  if (parse_date (stripped, &y, &m, &d))
    {
      *out_iso_date = g_steal_pointer (&stripped);
      return TRUE;
    }

  parts = g_regex_split_simple ("[/.-]", stripped, 0, 0);
  if (g_strv_length (parts) == 3 && strlen (parts[0]) <= 2 && strlen (parts[1]) <= 2 &&
      strlen (parts[2]) == 4 &&
      g_ascii_string_to_unsigned (parts[0], 10, 1, 31, &day, NULL) &&
      g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &month, NULL) &&
      g_ascii_string_to_unsigned (parts[2], 10, 1900, 9999, &year, NULL) &&
      g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      *out_iso_date = g_strdup_printf ("%04u-%02u-%02u", (guint) year, (guint) month,
                                       (guint) day);
      return TRUE;
    }

  g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
               _("“%s” is not a date; write it as DD/MM/YYYY, e.g. 15/01/2025"), stripped);
  return FALSE;
}
