/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-csv.h"

G_BEGIN_DECLS

/**
 * ParCsvColumn:
 * @name: the column's name in the header
 * @required: whether the header must have it
 * @position: (out): its position in the header, or -1
 */
typedef struct
{
  const char *name;
  gboolean    required;
  int         position;
} ParCsvColumn;

gboolean  par_csv_read_header  (ParCsv        *csv,
                                ParCsvColumn  *columns,
                                guint          n_columns,
                                GError       **error);
char     *par_csv_field        (GPtrArray     *fields,
                                int            position);
void      par_csv_add_problem  (GString       *problems,
                                guint         *n_problems,
                                guint          line,
                                const char    *format,
                                ...) G_GNUC_PRINTF (4, 5);
gboolean  par_csv_check_problems (GString     *problems,
                                  guint        n_problems,
                                  GError     **error);

G_END_DECLS
