/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-decimal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>

#include "par-decimal.h"
#include "par-error.h"

/* Points never exceed a few thousand; this bound keeps every product
 * below G_MAXINT64 with room to spare. */
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

static char *
format_scaled (gint64   value,
               int      places,
               char     decimal_separator,
               gboolean fixed)
{
  GString *s = g_string_new (NULL);
  gint64 scale = places == 3 ? 1000 : 100;
  guint64 magnitude = value < 0 ? (guint64) (-value) : (guint64) value;
  guint64 whole = magnitude / scale;
  guint64 fraction = magnitude % scale;
  char digits[4];

  if (value < 0)
    g_string_append_c (s, '-');
  g_string_append_printf (s, "%" G_GUINT64_FORMAT, whole);

  if (places == 3)
    g_snprintf (digits, sizeof digits, "%03u", (guint) fraction);
  else
    g_snprintf (digits, sizeof digits, "%02u", (guint) fraction);

  if (!fixed)
    {
      int len = places;
      while (len > 0 && digits[len - 1] == '0')
        len--;
      digits[len] = '\0';
    }

  if (digits[0] != '\0')
    {
      g_string_append_c (s, decimal_separator);
      g_string_append (s, digits);
    }

  return g_string_free (s, FALSE);
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
  g_return_val_if_fail (denominator > 0, 0);

  if (numerator >= 0)
    return (numerator * 2 + denominator) / (denominator * 2);
  else
    return -((-numerator * 2 + denominator) / (denominator * 2));
}

/**
 * par_index_compute:
 * @points: points in thousandths
 * @max: the applicable maximum in thousandths
 *
 * Index = points / applicable max × 100, rounded half up to two decimals.
 *
 * Returns: the index in hundredths, or %PAR_CENTI_NONE when @max is 0
 */
ParCenti
par_index_compute (ParMilli points,
                   ParMilli max)
{
  if (max <= 0)
    return PAR_CENTI_NONE;

  return par_div_round_half_up (points * 10000, max);
}

/**
 * par_locale_decimal_separator:
 *
 * Returns: the decimal separator of the user's numeric locale, or ',' when
 *   the messages are Vietnamese (a bare machine often lacks vi_VN locales,
 *   yet a Vietnamese reader expects 86,19)
 */
char
par_locale_decimal_separator (void)
{
  const char * const *languages = g_get_language_names ();
  struct lconv *conv = localeconv ();

  if (conv != NULL && conv->decimal_point != NULL && conv->decimal_point[0] == ',')
    return ',';

  if (languages[0] != NULL && g_str_has_prefix (languages[0], "vi"))
    return ',';

  return '.';
}
