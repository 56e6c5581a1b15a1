/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-workspace.h"

G_BEGIN_DECLS

/* What the tests share: their data files, a temporary folder per test, a
 * workspace in it, and the Tiên Phước fixtures loaded through the core. */

/**
 * WorkspaceFixture:
 * @dir: a temporary folder, removed with everything in it at the end
 * @path: DIR/test.parindex (not created by the set-up)
 * @workspace: a workspace a test opened, closed at the end
 */
typedef struct
{
  char         *dir;
  char         *path;
  ParWorkspace *workspace;
} WorkspaceFixture;

char         *test_data_path              (const char        *name);
char         *test_read_data              (const char        *name,
                                           gsize             *length);
char         *test_make_dir               (void);
void          remove_tree                 (const char        *top);
const char   *test_workdir                (void);
int           test_run                    (void);
void          wait_for                    (gboolean         (*done) (gpointer),
                                           gpointer           data,
                                           const char        *what);
gboolean      flag_is_set                 (gpointer           flag);
void          release_object              (gpointer           object);
void          workspace_fixture_init      (WorkspaceFixture  *f,
                                           const char        *file_name);
void          workspace_fixture_set_up    (WorkspaceFixture  *f,
                                           gconstpointer      data);
void          workspace_fixture_tear_down (WorkspaceFixture  *f,
                                           gconstpointer      data);
ParWorkspace *test_workspace_open         (const char        *path,
                                           ParWorkspaceOpenMode mode);
void          test_workspace_close        (ParWorkspace      *workspace);
const ParStoredEntry *test_stored_entry (ParWorkspace *workspace,
                                         int           year,
                                         const char   *unit,
                                         const char   *criterion,
                                         ParStage      stage);
char         *test_find_deleted_workspace_file (const char *path);
gint64        test_query_int              (const char        *path,
                                          const char        *sql);
char         *test_read_stored_value      (const char        *path,
                                           int                year,
                                           const char        *unit,
                                           const char        *criterion,
                                           ParStage           stage);
ParCriteriaSet *test_criteria_set         (const char        *name);
void          test_add_year               (ParWorkspace      *workspace,
                                           int                year,
                                           const char        *block,
                                           const char        *criteria_name);
void          test_import_units           (ParWorkspace      *workspace,
                                           int                year,
                                           const char        *csv);
void          test_import_scores          (ParWorkspace      *workspace,
                                           int                year,
                                           const char        *csv);
char         *test_write_file             (const char        *dir,
                                           const char        *name,
                                           const char        *contents,
                                           gssize             length);
GBytes       *test_file_bytes             (const char        *path);
ParYearResults *test_compute_results      (ParWorkspace      *workspace,
                                           int                year);
void          test_import_file            (ParWorkspace      *workspace,
                                           int                year,
                                           const char        *name);
void          load_tien_phuoc             (ParWorkspace      *workspace,
                                           int                year);
void          make_tien_phuoc_file        (const char        *path,
                                           int                year);

G_END_DECLS
