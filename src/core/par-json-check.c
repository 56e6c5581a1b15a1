/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-json-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-error.h"
#include "par-json-check.h"

/*
 * A strict check of JSON text (RFC 8259) before JSON-GLib reads it.
 * JSON-GLib's parser is lenient (it takes single-quoted strings, a second
 * value after the first, and a \u0000 that silently cuts a string short)
 * and recursive (a file nested 100,000 levels deep overflows the stack).
 * This check walks the bytes once, with an explicit stack bounded by
 * @max_depth, and refuses everything JSON does not allow, plus what no
 * ParIndex file may hold: a nul character and a lone surrogate.
 */

typedef struct
{
  const char  *start;
  const char  *p;
  const char  *end;
  GError     **error;
} Scanner;

static gboolean
fail_at (Scanner    *s,
         const char *at,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail_at (Scanner    *s,
         const char *at,
         const char *format,
         ...)
{
  g_autofree char *what = NULL;
  guint line = 1;
  guint column = 1;
  va_list args;

  for (const char *q = s->start; q < at && q < s->end; q = g_utf8_next_char (q))
    {
      if (*q == '\n')
        {
          line++;
          column = 1;
        }
      else
        column++;
    }

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (s->error, PAR_ERROR, PAR_ERROR_INVALID, _("line %u, column %u: %s"),
               line, column, what);
  return FALSE;
}

static void
skip_space (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the four hex digits of a \u escape at s->p. */
static gboolean
read_hex4 (Scanner  *s,
           gunichar *out)
{
  gunichar value = 0;

  if (s->end - s->p < 4)
    return fail_at (s, s->p, _("a \\u escape needs four hexadecimal digits"));
  for (int i = 0; i < 4; i++)
    {
      int digit = hex_value (s->p[i]);
      if (digit < 0)
        return fail_at (s, s->p, _("a \\u escape needs four hexadecimal digits"));
      value = value * 16 + digit;
    }
  s->p += 4;
  *out = value;
  return TRUE;
}

static gboolean
scan_string (Scanner *s)
{
  const char *opening = s->p;

  s->p++;   /* the opening quote */
  while (s->p < s->end)
    {
      guchar c = *s->p;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return fail_at (s, s->p, _("a control character inside a text must be written as an "
                                   "escape (\\n, \\t, \\u0009…)"));
      if (c != '\\')
        {
          s->p++;
          continue;
        }

      s->p++;
      if (s->p >= s->end)
        break;
      switch (*s->p)
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          s->p++;
          break;

        case 'u':
          {
            const char *escape = s->p - 1;
            gunichar unit;

            s->p++;
            if (!read_hex4 (s, &unit))
              return FALSE;
            if (unit == 0)
              return fail_at (s, escape, _("a text holds the nul character \\u0000"));
            if (unit >= 0xDC00 && unit <= 0xDFFF)
              return fail_at (s, escape, _("a text holds a lone low surrogate \\u%04X, which is "
                                           "not a character"), unit);
            if (unit >= 0xD800 && unit <= 0xDBFF)
              {
                gunichar low;

                if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
                  return fail_at (s, escape, _("a text holds a lone high surrogate \\u%04X, "
                                               "which is not a character"), unit);
                s->p += 2;
                if (!read_hex4 (s, &low))
                  return FALSE;
                if (low < 0xDC00 || low > 0xDFFF)
                  return fail_at (s, escape, _("a text holds a lone high surrogate \\u%04X, "
                                               "which is not a character"), unit);
              }
            break;
          }

        default:
          return fail_at (s, s->p - 1, _("“\\%c” is not an escape JSON knows"),
                          g_ascii_isprint (*s->p) ? *s->p : '?');
        }
    }

  return fail_at (s, opening, _("a text is not closed by a double quote"));
}

static gboolean
scan_digits (Scanner *s)
{
  const char *first = s->p;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  return s->p > first;
}

static gboolean
scan_number (Scanner *s)
{
  const char *start = s->p;

  if (*s->p == '-')
    s->p++;
  if (s->p < s->end && *s->p == '0')
    s->p++;
  else if (!scan_digits (s))
    return fail_at (s, start, _("a number is malformed"));

  if (s->p < s->end && *s->p == '.')
    {
      s->p++;
      if (!scan_digits (s))
        return fail_at (s, start, _("a number is malformed"));
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!scan_digits (s))
        return fail_at (s, start, _("a number is malformed"));
    }
  if (s->p < s->end && (g_ascii_isalnum (*s->p) || *s->p == '.'))
    return fail_at (s, start, _("a number is malformed"));
  return TRUE;
}

static gboolean
scan_literal (Scanner    *s,
              const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (s->end - s->p) < length || memcmp (s->p, word, length) != 0 ||
      ((gsize) (s->end - s->p) > length && g_ascii_isalnum (s->p[length])))
    return fail_at (s, s->p, _("unexpected text; JSON texts are in double quotes"));
  s->p += length;
  return TRUE;
}

static gboolean
unexpected (Scanner    *s,
            const char *expected)
{
  if (s->p >= s->end)
    return fail_at (s, s->p, _("the file ends early; %s is missing"), expected);
  if (*s->p == '\'')
    return fail_at (s, s->p, _("JSON texts are in double quotes, not single quotes"));
  return fail_at (s, s->p, _("%s is expected here"), expected);
}

/**
 * par_json_check:
 * @data: the text, valid UTF-8
 * @length: its length in bytes
 * @max_depth: the most arrays and objects that may be nested in one another
 * @error: return location for a #GError
 *
 * Checks that @data is exactly one JSON value, strictly as RFC 8259 writes
 * it, nested at most @max_depth deep, with no \u0000 and no lone surrogate.
 * Time and memory are linear in @length; nothing recurses.
 *
 * Returns: %TRUE when @data is such a value; otherwise %FALSE with
 *   %PAR_ERROR_INVALID and a message naming the line and column
 */
gboolean
par_json_check (const char  *data,
                gsize        length,
                guint        max_depth,
                GError     **error)
{
  /* An empty input may come as NULL, to which no offset may be added. */
  const char *text = data != NULL ? data : "";
  Scanner s = { text, text, text + length, error };
  g_autofree char *stack = g_malloc (max_depth + 1);   /* '{' or '[' per level */
  guint depth = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

value:
  skip_space (&s);
  if (s.p >= s.end)
    return unexpected (&s, _("a value"));
  switch (*s.p)
    {
    case '{':
    case '[':
      if (depth == max_depth)
        return fail_at (&s, s.p, _("the data are nested more than %u levels deep, the most a "
                                   "file may have"), max_depth);
      stack[depth++] = *s.p++;
      skip_space (&s);
      if (s.p < s.end && *s.p == (stack[depth - 1] == '{' ? '}' : ']'))
        {
          s.p++;
          depth--;
          goto after_value;
        }
      if (stack[depth - 1] == '{')
        goto key;
      goto value;

    case '"':
      if (!scan_string (&s))
        return FALSE;
      goto after_value;

    case 't':
      if (!scan_literal (&s, "true"))
        return FALSE;
      goto after_value;

    case 'f':
      if (!scan_literal (&s, "false"))
        return FALSE;
      goto after_value;

    case 'n':
      if (!scan_literal (&s, "null"))
        return FALSE;
      goto after_value;

    default:
      if (*s.p == '-' || g_ascii_isdigit (*s.p))
        {
          if (!scan_number (&s))
            return FALSE;
          goto after_value;
        }
      return unexpected (&s, _("a value"));
    }

key:
  skip_space (&s);
  if (s.p >= s.end || *s.p != '"')
    return unexpected (&s, _("a member name in double quotes"));
  if (!scan_string (&s))
    return FALSE;
  skip_space (&s);
  if (s.p >= s.end || *s.p != ':')
    return unexpected (&s, _("“:”"));
  s.p++;
  goto value;

after_value:
  skip_space (&s);
  if (depth == 0)
    {
      if (s.p < s.end)
        return fail_at (&s, s.p, _("more data after the end of the first value; a file holds "
                                   "one JSON value"));
      return TRUE;
    }
  if (s.p < s.end && *s.p == ',')
    {
      s.p++;
      if (stack[depth - 1] == '{')
        goto key;
      goto value;
    }
  if (s.p < s.end && *s.p == (stack[depth - 1] == '{' ? '}' : ']'))
    {
      s.p++;
      depth--;
      goto after_value;
    }
  return unexpected (&s, stack[depth - 1] == '{' ? _("“,” or “}”") : _("“,” or “]”"));
}
