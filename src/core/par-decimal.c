/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-decimal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "par-decimal.h"
#include "par-error.h"
#include "par-i18n.h"

/* What par_milli_parse() reads at most (the rules refuse far less, see
 * par-limits.h): the parsed value, in thousandths, stays below G_MAXINT64. */
#define PAR_MILLI_LIMIT G_GINT64_CONSTANT (1000000000000)

/**
 * par_milli_parse:
 * @text: a decimal number such as "97.5" (or "97,5" when
 *   @allow_decimal_comma is set), with at most three decimals
 * @allow_decimal_comma: whether a comma may stand for the decimal point
 * @out_value: (out): the value in thousandths
 * @error: return location for a #GError
 *
 * Parses a decimal number exactly, without going through binary floats.
 * Surrounding white space is ignored; a leading minus sign is accepted.
 *
 * Returns: %TRUE when @text is a number with at most three decimals
 */
gboolean
par_milli_parse (const char  *text,
                 gboolean     allow_decimal_comma,
                 ParMilli    *out_value,
                 GError     **error)
{
  const char *p;
  gboolean negative = FALSE;
  gboolean any_digit = FALSE;
  gint64 whole = 0;
  gint64 fraction = 0;
  int places = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  p = text;
  while (g_ascii_isspace (*p))
    p++;

  if (*p == '-' || *p == '+')
    negative = (*p++ == '-');

  while (g_ascii_isdigit (*p))
    {
      any_digit = TRUE;
      whole = whole * 10 + (*p++ - '0');
      if (whole > PAR_MILLI_LIMIT)
        goto too_large;
    }

  if (*p == '.' || (allow_decimal_comma && *p == ','))
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          any_digit = TRUE;
          if (places == 3)
            {
              g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("“%s” has more than 3 decimals"), text);
              return FALSE;
            }
          fraction = fraction * 10 + (*p++ - '0');
          places++;
        }
    }

  while (g_ascii_isspace (*p))
    p++;

  if (!any_digit || *p != '\0')
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” is not a number"), text);
      return FALSE;
    }

  for (; places < 3; places++)
    fraction *= 10;

  *out_value = (whole * PAR_MILLI_ONE + fraction) * (negative ? -1 : 1);
  return TRUE;

too_large:
  g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
               _("“%s” is too large"), text);
  return FALSE;
}

/**
 * par_milli_from_double:
 * @value: a number read from JSON
 * @out_value: (out): the value in thousandths
 *
 * Converts a JSON number to thousandths. JSON numbers arrive as doubles;
 * a decimal with at most three places survives that round trip exactly
 * enough to be recovered by rounding to the nearest thousandth.
 *
 * Returns: %TRUE when @value has at most three decimals
 */
gboolean
par_milli_from_double (double    value,
                       ParMilli *out_value)
{
  double scaled = value * PAR_MILLI_ONE;
  double rounded;

  if (!isfinite (value) || fabs (scaled) > (double) PAR_MILLI_LIMIT)
    return FALSE;

  rounded = round (scaled);
  if (fabs (scaled - rounded) > 1e-6 * MAX (1.0, fabs (scaled)))
    return FALSE;

  *out_value = (ParMilli) rounded;
  return TRUE;
}

/**
 * par_scaled_format:
 * @value: a value in thousandths (@places 3) or hundredths (@places 2)
 * @places: 2 or 3
 * @decimal_separator: '.' or ','
 * @fixed: whether to always print @places decimals, or as few as needed
 * @buffer: (out caller-allocates): at least %PAR_DECIMAL_BUFFER bytes
 *
 * Writes @value as text into @buffer, without allocating: the one
 * formatter of points and indices (a year's results print hundreds of
 * thousands of them).
 *
 * Returns: the length written, without the terminating nul
 */
gsize
par_scaled_format (gint64    value,
                   int       places,
                   char      decimal_separator,
                   gboolean  fixed,
                   char     *buffer)
{
  guint64 scale = places == 3 ? 1000 : 100;
  guint64 magnitude = value < 0 ? 0 - (guint64) value : (guint64) value;
  guint64 whole = magnitude / scale;
  guint fraction = (guint) (magnitude % scale);
  char reversed[24];
  gsize n_reversed = 0;
  gsize length = 0;
  int shown = places;

  if (value < 0)
    buffer[length++] = '-';
  do
    {
      reversed[n_reversed++] = (char) ('0' + whole % 10);
      whole /= 10;
    }
  while (whole > 0);
  while (n_reversed > 0)
    buffer[length++] = reversed[--n_reversed];

  if (!fixed)
    for (; shown > 0 && fraction % 10 == 0; shown--)
      fraction /= 10;
  else
    shown = places;

  if (shown > 0)
    {
      buffer[length++] = decimal_separator;
      for (int i = shown - 1; i >= 0; i--)
        {
          buffer[length + i] = (char) ('0' + fraction % 10);
          fraction /= 10;
        }
      length += shown;
    }
  buffer[length] = '\0';
  return length;
}

static char *
format_scaled (gint64   value,
               int      places,
               char     decimal_separator,
               gboolean fixed)
{
  char buffer[PAR_DECIMAL_BUFFER];

  par_scaled_format (value, places, decimal_separator, fixed, buffer);
  return g_strdup (buffer);
}

/**
 * par_milli_to_string:
 * @value: a value in thousandths
 * @decimal_separator: '.' or ','
 *
 * Formats @value with as few decimals as it needs: 85820 → "85.82",
 * 100000 → "100".
 *
 * Returns: (transfer full): the text
 */
char *
par_milli_to_string (ParMilli value,
                     char     decimal_separator)
{
  return format_scaled (value, 3, decimal_separator, FALSE);
}

/**
 * par_centi_to_string:
 * @value: a value in hundredths
 * @decimal_separator: '.' or ','
 * @fixed: whether to always print two decimals (published indices) or as
 *   few as needed (JSON)
 *
 * Returns: (transfer full): the text
 */
char *
par_centi_to_string (ParCenti value,
                     char     decimal_separator,
                     gboolean fixed)
{
  return format_scaled (value, 2, decimal_separator, fixed);
}

/**
 * par_div_round_half_up:
 * @numerator: the dividend
 * @denominator: the divisor, > 0
 *
 * Divides and rounds half away from zero, as published figures are
 * rounded (81.333… → 81.33, 0.0625 → 0.063).
 *
 * Returns: the rounded quotient
 */
gint64
par_div_round_half_up (gint64 numerator,
                       gint64 denominator)
{
  gint64 quotient;
  gint64 remainder;

  g_return_val_if_fail (denominator > 0, 0);

  /* Quotient and remainder, never numerator × 2: exact for every input. */
  quotient = numerator / denominator;
  remainder = numerator % denominator;
  if (remainder >= 0)
    return quotient + (remainder >= denominator - remainder ? 1 : 0);
  return quotient - (-remainder >= denominator + remainder ? 1 : 0);
}

/**
 * par_index_compute:
 * @points: points in thousandths
 * @max: the applicable maximum in thousandths
 *
 * Index = points / applicable max × 100, rounded half up to two decimals.
 *
 * Returns: the index in hundredths, or %PAR_CENTI_NONE when @max is 0 (or
 *   the figures are beyond any the limits allow)
 */
ParCenti
par_index_compute (ParMilli points,
                   ParMilli max)
{
  ParMilli scaled;

  if (max <= 0)
    return PAR_CENTI_NONE;

  /* Points within the limits (par-limits.h: at most 10^9 thousandths) are
   * far from overflowing; figures beyond them (a damaged workspace) get no
   * index rather than a wrong one. */
  if (__builtin_mul_overflow (points, (ParMilli) 10000, &scaled))
    return PAR_CENTI_NONE;
  return par_div_round_half_up (scaled, max);
}

/**
 * par_locale_decimal_separator:
 *
 * The separator for numbers shown to the user, never for numbers written
 * into files.
 *
 * Returns: the decimal separator of the user's numeric locale (as
 *   par_i18n_init() found it, the process itself keeping LC_NUMERIC "C"),
 *   or ',' when the messages are Vietnamese (a bare machine often lacks
 *   vi_VN locales, yet a Vietnamese reader expects 86,19)
 */
char
par_locale_decimal_separator (void)
{
  const char * const *languages = g_get_language_names ();
  struct lconv *conv = localeconv ();

  if (par_i18n_get_user_decimal_separator () == ',' ||
      (conv != NULL && conv->decimal_point != NULL && conv->decimal_point[0] == ','))
    return ',';

  if (languages[0] != NULL && g_str_has_prefix (languages[0], "vi"))
    return ',';

  return '.';
}

/**
 * par_format_size:
 * @size: a size in bytes
 * @flags: as g_format_size_full() takes them
 *
 * A size for people, as g_format_size_full() writes it (GLib formats in
 * the C numeric locale ParIndex keeps), with the user's decimal separator:
 * "8,1 kB" in Vietnamese.
 *
 * Returns: (transfer full): the size
 */
char *
par_format_size (guint64          size,
                 GFormatSizeFlags flags)
{
  char *text = g_format_size_full (size, flags);
  char *point;

  /* The first number's point only: the long format adds "(8123 bytes)". */
  if (par_locale_decimal_separator () == ',' && (point = strchr (text, '.')) != NULL &&
      point > text && g_ascii_isdigit (point[-1]) && g_ascii_isdigit (point[1]))
    *point = ',';
  return text;
}
