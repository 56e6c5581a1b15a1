/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-csv.h"
#include "par-import-line.h"
#include "par-text.h"

G_BEGIN_DECLS

/**
 * ParCsvColumn:
 * @name: the column's name in the header
 * @required: whether the header must have it
 * @kind: what its fields hold, and so how long they may be
 * @position: (out): its position in the header, or -1
 */
typedef struct
{
  const char  *name;
  gboolean     required;
  ParTextKind  kind;
  int          position;
} ParCsvColumn;

/**
 * ParCsvProblems:
 *
 * The bad rows of a file, collected as an import reads it: the first
 * %PAR_LIMIT_CSV_PROBLEMS_LISTED as #ParImportLine, the rest counted.
 */
typedef struct _ParCsvProblems ParCsvProblems;

gboolean  par_csv_read_header  (ParCsv        *csv,
                                ParCsvColumn  *columns,
                                guint          n_columns,
                                GPtrArray     *ignored,
                                GError       **error);
char     *par_csv_field        (GPtrArray           *fields,
                                const ParCsvColumn  *column,
                                GError             **error);
gboolean  par_csv_read_row     (GPtrArray           *fields,
                                const ParCsvColumn  *columns,
                                guint                n_columns,
                                char               **values,
                                const char         **out_column,
                                GError             **error);

ParCsvProblems *par_csv_problems_new       (void);
void            par_csv_problems_free      (ParCsvProblems  *problems);
guint           par_csv_problems_get_count (ParCsvProblems  *problems);
GPtrArray      *par_csv_problems_get_listed (ParCsvProblems *problems);
void            par_csv_add_problem        (ParCsvProblems  *problems,
                                            guint            line,
                                            const char      *column,
                                            const char      *format,
                                            ...) G_GNUC_PRINTF (4, 5);
void            par_csv_set_remedy         (ParCsvProblems  *problems,
                                            ParImportRemedy  remedy);
gboolean        par_csv_check_problems     (ParCsvProblems  *problems,
                                            GError         **error);
gboolean        par_csv_report_problems    (GPtrArray       *listed,
                                            guint            n_problems,
                                            GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParCsvProblems, par_csv_problems_free)

G_END_DECLS
