/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-error.h"
#include "par-text.h"

/**
 * par_text_clean:
 * @text: (nullable): UTF-8 text as entered or received
 *
 * Returns: (transfer full) (nullable): @text in Unicode NFC without the
 *   white space around it, or %NULL when nothing is left (or @text is not
 *   UTF-8)
 */
char *
par_text_clean (const char *text)
{
  char *normalized = text != NULL ? g_utf8_normalize (text, -1, G_NORMALIZE_NFC) : NULL;

  if (normalized == NULL)
    return NULL;
  g_strstrip (normalized);
  if (normalized[0] == '\0')
    g_clear_pointer (&normalized, g_free);
  return normalized;
}

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
 * par_text_sort_key:
 * @text: UTF-8 text (a unit's name)
 *
 * The key that puts names in the order a reader expects: numbers by their
 * value ("Số 2" before "Số 10"), letters by the user's language's rules
 * (Vietnamese: "Ân" after "An", before "Bắc"). Keys compare with strcmp();
 * make one per name, once, rather than collating at every comparison.
 *
 * Returns: (transfer full): the key
 */
char *
par_text_sort_key (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  return g_utf8_collate_key_for_filename (text, -1);
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

/**
 * par_text_find:
 * @text: a text, such as a PDF page's
 * @query: what to find
 *
 * Finds @query in @text as par_text_fold() compares them: without case,
 * Vietnamese diacritics (ệ as e, đ as d) or differences of white space.
 *
 * Returns: (transfer full) (element-type guint): pairs of character
 *   offsets into @text, the first of each match and the one after it
 */
GArray *
par_text_find (const char *text,
               const char *query)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *needle = NULL;
  g_autoptr(GString) folded = NULL;
  g_autoptr(GArray) origin = NULL;   /* per byte of @folded, its character in @text */
  const char *at;
  guint index = 0;

  g_return_val_if_fail (text != NULL && query != NULL, found);

  needle = par_text_fold (query);
  if (needle[0] == '\0' || !g_utf8_validate (text, -1, NULL))
    return found;

  folded = g_string_new (NULL);
  origin = g_array_new (FALSE, FALSE, sizeof (guint));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), index++)
    {
      gunichar c = g_utf8_get_char (p);
      char one[8] = { 0 };
      g_autofree char *piece = NULL;

      if (g_unichar_isspace (c))
        {
          /* A run of white space is one space. */
          if (folded->len > 0 && folded->str[folded->len - 1] != ' ')
            {
              g_string_append_c (folded, ' ');
              g_array_append_val (origin, index);
            }
          continue;
        }
      g_unichar_to_utf8 (c, one);
      piece = par_text_fold (one);
      for (gsize b = 0; piece[b] != '\0'; b++)
        {
          g_string_append_c (folded, piece[b]);
          g_array_append_val (origin, index);
        }
    }

  at = folded->str;
  while ((at = strstr (at, needle)) != NULL)
    {
      gsize start = at - folded->str;
      gsize last = start + strlen (needle) - 1;
      guint first_char = g_array_index (origin, guint, start);
      guint end_char = g_array_index (origin, guint, last) + 1;

      g_array_append_val (found, first_char);
      g_array_append_val (found, end_char);
      at += strlen (needle);
    }
  return found;
}

/* A C0 control (but tab, LF and CR where @line_breaks), DEL, or a C1
 * control: never part of a name, and raw in a terminal they move the
 * cursor, ring the bell or start escape sequences. */
static gboolean
is_control (gunichar c,
            gboolean line_breaks)
{
  if (line_breaks && (c == '\t' || c == '\n' || c == '\r'))
    return FALSE;
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

/**
 * par_text_limit:
 * @kind: what the text is
 *
 * Returns: the most characters a text of @kind may have
 */
gsize
par_text_limit (ParTextKind kind)
{
  switch (kind)
    {
    case PAR_TEXT_CODE:
      return PAR_LIMIT_CODE_CHARS;
    case PAR_TEXT_NAME:
      return PAR_LIMIT_NAME_CHARS;
    case PAR_TEXT_NOTE:
    default:
      return PAR_LIMIT_NOTE_CHARS;
    }
}

static const char *
kind_noun (ParTextKind kind)
{
  switch (kind)
    {
    case PAR_TEXT_CODE:
      return _("a code");
    case PAR_TEXT_NAME:
      return _("a name or title");
    case PAR_TEXT_NOTE:
    default:
      return _("a note");
    }
}

/* Whether @c is its own NFC form whatever stands around it: ASCII, the
 * Latin letters of Latin-1, Latin Extended-A and -B, the IPA and modifier
 * letters (below U+0300, where the combining marks begin) and Latin
 * Extended Additional, where every precomposed Vietnamese letter lives.
 * None of them decomposes canonically and none combines with what stands
 * before it (Unicode's NFC_Quick_Check is Yes for all), so text made of
 * them only needs no normalising — Vietnamese typed on any keyboard that
 * composes, which is nearly all of it. */
static inline gboolean
is_composed_latin (gunichar c)
{
  return c < 0x300 || (c >= 0x1E00 && c <= 0x1EFF);
}

/* The checks of par_text_clean_limited (): on success, the trimmed text
 * (@out_start, @out_length) and whether it is its own NFC form. */
static gboolean
check_text (const char   *text,
            gssize        length,
            ParTextKind   kind,
            const char  **out_start,
            gsize        *out_length,
            gboolean     *out_composed,
            GError      **error)
{
  gsize limit = par_text_limit (kind);
  gboolean line_breaks = kind == PAR_TEXT_NOTE;
  gboolean composed = TRUE;
  const char *end;
  gsize n_chars = 0;
  guint run = 0;

  if (length < 0)
    length = strlen (text);
  end = text + length;

  /* Surrounding white space (a tab a spreadsheet left, a line break) is
   * trimmed, never refused. */
  while (text < end && g_ascii_isspace (*text))
    text++;
  while (end > text && g_ascii_isspace (end[-1]))
    end--;
  length = end - text;

  /* More bytes than four per character cannot fit: refused before being
   * read through. */
  if ((gsize) length > limit * 4 + 64)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the text is longer than %u characters, the most %s may have"),
                   (guint) limit, kind_noun (kind));
      return FALSE;
    }

  if (!g_utf8_validate_len (text, length, NULL) || memchr (text, '\0', length) != NULL)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("the text is not valid UTF-8"));
      return FALSE;
    }

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);

      n_chars++;
      if (!is_composed_latin (c))
        composed = FALSE;
      if (is_control (c, line_breaks))
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("the text holds the control character U+%04X, which %s may not hold; "
                         "remove it"), c, kind_noun (kind));
          return FALSE;
        }
      if (c >= 0x300 && g_unichar_combining_class (c) != 0)
        {
          if (++run > PAR_LIMIT_COMBINING_RUN)
            {
              g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("the text has more than %d combining marks in a row, the most any "
                             "text may have"), PAR_LIMIT_COMBINING_RUN);
              return FALSE;
            }
        }
      else
        run = 0;
    }

  if (n_chars > limit)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the text has %u characters, more than %u, the most %s may have"),
                   (guint) n_chars, (guint) limit, kind_noun (kind));
      return FALSE;
    }

  *out_start = text;
  *out_length = length;
  *out_composed = composed;
  return TRUE;
}

/**
 * par_text_clean_limited:
 * @text: UTF-8 text from outside (a file, an option, a field)
 * @length: the length of @text in bytes, or -1 when nul-terminated
 * @kind: what the text is
 * @error: return location for a #GError
 *
 * Checks a text against the limits of its kind before anything else is
 * done with it, then returns it NFC-normalised and trimmed. Refused (with
 * %PAR_ERROR_INVALID and a message naming the limit): invalid UTF-8, a nul
 * byte, a control character (a note keeps tabs and line breaks), more
 * characters than the kind allows, and more than %PAR_LIMIT_COMBINING_RUN
 * combining marks in a row (Unicode's stream-safe format: normalising such
 * a run takes time that grows with the square of its length, a Vietnamese
 * letter carries two at most).
 *
 * The checks and the normalisation take time in proportion to the length,
 * and the length is bounded.
 *
 * Returns: (transfer full) (nullable): the clean text ("" when @text is
 *   blank), or %NULL with @error set
 */
char *
par_text_clean_limited (const char  *text,
                        gssize       length,
                        ParTextKind  kind,
                        GError     **error)
{
  const char *start;
  gsize clean_length;
  gboolean composed;

  g_return_val_if_fail (text != NULL, NULL);

  if (!check_text (text, length, kind, &start, &clean_length, &composed, error))
    return NULL;
  if (composed)
    return g_strndup (start, clean_length);
  /* trimmed already: normalising adds no white space at the ends */
  return g_utf8_normalize (start, clean_length, G_NORMALIZE_NFC);
}

/**
 * par_text_clean_take:
 * @text: (transfer full): a nul-terminated UTF-8 text from outside
 * @kind: what the text is
 * @error: return location for a #GError
 *
 * par_text_clean_limited () of a text the caller gives away: a text that
 * needs no normalising is trimmed where it stands rather than copied (a
 * field of a CSV file of a million rows).
 *
 * Returns: (transfer full) (nullable): the clean text, or %NULL with
 *   @error set (@text is freed either way)
 */
char *
par_text_clean_take (char         *text,
                     ParTextKind   kind,
                     GError      **error)
{
  g_autofree char *owned = text;
  const char *start;
  gsize clean_length;
  gboolean composed;

  g_return_val_if_fail (text != NULL, NULL);

  if (!check_text (owned, -1, kind, &start, &clean_length, &composed, error))
    return NULL;
  if (!composed)
    return g_utf8_normalize (start, clean_length, G_NORMALIZE_NFC);
  memmove (owned, start, clean_length);
  owned[clean_length] = '\0';
  return g_steal_pointer (&owned);
}

/**
 * par_text_clean_optional:
 * @text: (nullable): UTF-8 text from outside, or %NULL
 * @kind: what the text is
 * @out_text: (out) (transfer full) (nullable): the clean text, %NULL when
 *   @text is %NULL or blank
 * @error: return location for a #GError
 *
 * par_text_clean_limited() for a text that may be absent.
 *
 * Returns: %FALSE with @error set when @text breaks a limit
 */
gboolean
par_text_clean_optional (const char   *text,
                         ParTextKind   kind,
                         char        **out_text,
                         GError      **error)
{
  *out_text = NULL;
  if (text == NULL)
    return TRUE;
  if (!(*out_text = par_text_clean_limited (text, -1, kind, error)))
    return FALSE;
  if ((*out_text)[0] == '\0')
    g_clear_pointer (out_text, g_free);
  return TRUE;
}

/**
 * par_text_check_fields:
 * @names: (array length=n_fields): how the message names each field
 * @texts: (array length=n_fields): the fields, each %NULL when absent
 * @n_fields: how many
 * @kind: what the fields are
 * @error: return location for a #GError
 *
 * Checks several optional texts of one @kind, such as the options of a
 * command, against its limits.
 *
 * Returns: %FALSE with @error set, prefixed with the field's name, at the
 *   first field that breaks a limit
 */
gboolean
par_text_check_fields (const char * const  *names,
                       const char * const  *texts,
                       guint                n_fields,
                       ParTextKind          kind,
                       GError             **error)
{
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *clean = NULL;

      if (!par_text_clean_optional (texts[i], kind, &clean, error))
        {
          g_prefix_error (error, "%s: ", names[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * par_text_append_printable:
 * @out: where to append
 * @text: UTF-8 text from the workspace (a name, a code)
 * @keep_line_breaks: whether tabs and line breaks stay (a CSV field, which
 *   quotes them) or are replaced too (a line of a text table)
 *
 * Appends @text with every control character (C0, DEL, C1) replaced by
 * U+FFFD, so that text printed to a terminal never carries escape
 * sequences or bells, whatever an older workspace holds.
 */
void
par_text_append_printable (GString    *out,
                           const char *text,
                           gboolean    keep_line_breaks)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *start = p;
      gunichar c;

      /* Copy the printable stretch at once. */
      while (*p != '\0' && (guchar) *p >= 0x20 && (guchar) *p != 0x7F &&
             !((guchar) p[0] == 0xC2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9F))
        p++;
      g_string_append_len (out, start, p - start);
      if (*p == '\0')
        break;

      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append (out, "\xEF\xBF\xBD");
          p++;
          continue;
        }
      if (is_control (c, keep_line_breaks))
        g_string_append (out, "\xEF\xBF\xBD");
      else
        g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }
}
