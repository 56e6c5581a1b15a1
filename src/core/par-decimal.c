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
/* "00", "01", … "99": two digits a step. */
static const char digit_pairs[] =
  "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
  "8081828384858687888990919293949596979899";

/* The number of decimal digits of @value. */
static inline gsize
count_digits (guint64 value)
{
  gsize count = 1;

  for (; value >= 100; value /= 100)
    count += 2;
  return value >= 10 ? count + 1 : count;
}

gsize
par_scaled_format (gint64    value,
                   int       places,
                   char      decimal_separator,
                   gboolean  fixed,
                   char     *buffer)
{
  guint64 magnitude = value < 0 ? 0 - (guint64) value : (guint64) value;
  guint64 whole;
  guint fraction;
  gsize length = 0;
  char *cursor;

  /* Constant divisors, which the compiler turns into multiplications. */
  if (places == 3)
    {
      whole = magnitude / 1000;
      fraction = (guint) (magnitude % 1000);
    }
  else
    {
      whole = magnitude / 100;
      fraction = (guint) (magnitude % 100);
    }

  if (value < 0)
    buffer[length++] = '-';
  /* The whole part, from its last digit back, two digits a step. */
  length += count_digits (whole);
  cursor = buffer + length;
  for (; whole >= 100; whole /= 100)
    {
      guint pair = (guint) (whole % 100);

      cursor -= 2;
      cursor[0] = digit_pairs[2 * pair];
      cursor[1] = digit_pairs[2 * pair + 1];
    }
  if (whole >= 10)
    {
      cursor[-2] = digit_pairs[2 * whole];
      cursor[-1] = digit_pairs[2 * whole + 1];
    }
  else
    cursor[-1] = (char) ('0' + whole);

  /* The decimals, all @places of them; then, unless @fixed, the trailing
   * zeros go, and the separator with them when nothing is left. */
  {
    gsize separator_at = length;
    char *decimals = buffer + separator_at + 1;
    guint pair = places == 3 ? fraction % 100 : fraction;

    buffer[separator_at] = decimal_separator;
    if (places == 3)
      *decimals++ = (char) ('0' + fraction / 100);
    decimals[0] = digit_pairs[2 * pair];
    decimals[1] = digit_pairs[2 * pair + 1];
    length = separator_at + 1 + (gsize) places;
    if (!fixed)
      {
        while (length > separator_at + 1 && buffer[length - 1] == '0')
          length--;
        if (length == separator_at + 1)
          length = separator_at;
      }
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
