/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-limits.h"
#include "par-types.h"

G_BEGIN_DECLS

/**
 * ParTextKind:
 * @PAR_TEXT_CODE: a code (unit, criterion): one line, at most
 *   %PAR_LIMIT_CODE_CHARS characters
 * @PAR_TEXT_NAME: a name, title, label or block: one line, at most
 *   %PAR_LIMIT_NAME_CHARS characters
 * @PAR_TEXT_NOTE: a note, rubric or explanation: tabs and line breaks
 *   allowed, at most %PAR_LIMIT_NOTE_CHARS characters
 *
 * What a text from outside is, and so how long it may be.
 */
typedef enum
{
  PAR_TEXT_CODE,
  PAR_TEXT_NAME,
  PAR_TEXT_NOTE,
} ParTextKind;

char     *par_text_clean   (const char  *text);
char     *par_text_fold    (const char  *text);
gboolean  par_text_matches (const char  *folded_text,
                            const char  *folded_query);
char     *par_text_sort_key (const char *text);
GArray   *par_text_find    (const char  *text,
                            const char  *query);
char     *par_text_clean_limited  (const char   *text,
                                   gssize        length,
                                   ParTextKind   kind,
                                   GError      **error);
char     *par_text_clean_take     (char         *text,
                                   ParTextKind   kind,
                                   GError      **error);
gboolean  par_text_clean_optional (const char   *text,
                                   ParTextKind   kind,
                                   char        **out_text,
                                   GError      **error);
gboolean  par_text_check_fields   (const char * const  *names,
                                   const char * const  *texts,
                                   guint                n_fields,
                                   ParTextKind          kind,
                                   GError             **error);
gsize     par_text_limit   (ParTextKind  kind);
void      par_text_append_printable (GString    *out,
                                     const char *text,
                                     gboolean    keep_line_breaks);

G_END_DECLS
