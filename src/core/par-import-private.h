/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-csv-header.h"
#include "par-import-check.h"
#include "par-progress-private.h"
#include "par-workspace.h"

G_BEGIN_DECLS

/*
 * One run of an import over a CSV file, in either of two modes: checking
 * (@check_only: every row is read and checked as the import would, the
 * preview and the bad rows are kept in @check, nothing is written) or
 * importing (all or nothing, in one transaction). The same code reads,
 * checks and writes in both, so that a file the check finds good imports.
 */
typedef struct
{
  gboolean         check_only;
  ParImportCheck  *check;         /* check only: made once the header is read */
  GCancellable    *cancellable;
  ParProgressFunc  progress;
  gpointer         progress_data;
  GSeekable       *seekable;      /* the file, for how far it is read */
  goffset          size;          /* its size; 0 when unknown */
} ParImportRun;

gboolean        _par_import_run_step          (ParImportRun    *run,
                                               guint            n_rows,
                                               GError         **error);
gboolean        _par_import_run_begin         (ParImportRun    *run,
                                               ParImportKind    kind,
                                               int              year,
                                               ParCsv          *csv,
                                               ParCsvColumn    *columns,
                                               guint            n_columns,
                                               GError         **error);
ParImportLine  *_par_import_run_preview       (ParImportRun    *run,
                                               guint            line,
                                               char * const    *values,
                                               const ParCsvColumn *columns,
                                               guint            n_columns);
void            _par_import_run_end           (ParImportRun    *run,
                                               guint            n_rows,
                                               guint            n_added,
                                               guint            n_changed,
                                               ParCsvProblems  *problems);

ParImportCheck *_par_import_check_new         (ParImportKind    kind,
                                               int              year,
                                               char             delimiter,
                                               const ParCsvColumn *columns,
                                               guint            n_columns,
                                               GPtrArray       *ignored);
ParImportLine  *_par_import_check_add_preview (ParImportCheck  *self,
                                               guint            line,
                                               char * const    *values,
                                               const ParCsvColumn *columns,
                                               guint            n_columns);
void            _par_import_check_finish      (ParImportCheck  *self,
                                               guint            n_rows,
                                               guint            n_added,
                                               guint            n_changed,
                                               ParCsvProblems  *problems);

gboolean        _par_workspace_import_units_csv  (ParWorkspace  *self,
                                                  int            year,
                                                  ParCsv        *csv,
                                                  ParImportRun  *run,
                                                  guint         *out_count,
                                                  GError       **error);
gboolean        _par_workspace_import_scores_csv (ParWorkspace  *self,
                                                  int            year,
                                                  ParCsv        *csv,
                                                  ParImportRun  *run,
                                                  guint         *out_count,
                                                  GError       **error);
gboolean        _par_workspace_import_data       (ParWorkspace   *self,
                                                  ParImportKind   kind,
                                                  int             year,
                                                  const char     *data,
                                                  gsize           length,
                                                  guint          *out_count,
                                                  GError        **error);

G_END_DECLS
