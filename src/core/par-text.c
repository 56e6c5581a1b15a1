/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-text"

#include "config.h"

#include <string.h>

#include "par-text.h"

/**
 * par_text_fold:
 * @text: UTF-8 text
 *
 * Folds @text for searching as Vietnamese readers expect: case and
 * diacritics are ignored ("Tiên Châu" and "tien chau" match), đ counts as
 * d, and runs of white space become one space.
 *
 * Returns: (transfer full): the folded text
 */
char *
par_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *folded;
  gboolean space = TRUE;

  g_return_val_if_fail (text != NULL, NULL);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup ("");

  folded = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      if (g_unichar_isspace (c))
        {
          if (!space)
            g_string_append_c (folded, ' ');
          space = TRUE;
          continue;
        }
      /* đ and Đ are letters of their own, not a d with a mark. */
      if (c == 0x0111 || c == 0x0110)
        c = 'd';
      g_string_append_unichar (folded, g_unichar_tolower (c));
      space = FALSE;
    }
  if (folded->len > 0 && folded->str[folded->len - 1] == ' ')
    g_string_truncate (folded, folded->len - 1);

  return g_string_free (folded, FALSE);
}

/**
 * par_text_matches:
 * @folded_text: text folded with par_text_fold()
 * @folded_query: a query folded with par_text_fold()
 *
 * Returns: whether every word of @folded_query occurs in @folded_text (an
 *   empty query matches everything)
 */
gboolean
par_text_matches (const char *folded_text,
                  const char *folded_query)
{
  const char *word = folded_query;

  g_return_val_if_fail (folded_text != NULL && folded_query != NULL, FALSE);

  if (strstr (folded_text, folded_query) != NULL)
    return TRUE;

  while (*word != '\0')
    {
      const char *end = strchr (word, ' ');
      gsize length = end != NULL ? (gsize) (end - word) : strlen (word);
      g_autofree char *one = g_strndup (word, length);

      if (length > 0 && strstr (folded_text, one) == NULL)
        return FALSE;
      word += length;
      while (*word == ' ')
        word++;
    }
  return TRUE;
}
