/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-decision"

#include "config.h"

#include "par-decision.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-error.h"

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
