/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-evidence.h"
#include "par-import-check.h"
#include "par-workspace.h"

G_BEGIN_DECLS

ParImportCheck *par_workspace_check_import        (ParWorkspace        *self,
                                                   ParImportKind        kind,
                                                   int                  year,
                                                   GInputStream        *stream,
                                                   ParProgressFunc      progress,
                                                   gpointer             progress_data,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
void            par_workspace_check_import_async  (ParWorkspace        *self,
                                                   ParImportKind        kind,
                                                   int                  year,
                                                   GFile               *file,
                                                   ParProgressFunc      progress,
                                                   gpointer             progress_data,
                                                   GDestroyNotify       progress_destroy,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
ParImportCheck *par_workspace_check_import_finish (ParWorkspace        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
gboolean        par_workspace_import              (ParWorkspace        *self,
                                                   ParImportKind        kind,
                                                   int                  year,
                                                   GInputStream        *stream,
                                                   ParProgressFunc      progress,
                                                   gpointer             progress_data,
                                                   GCancellable        *cancellable,
                                                   guint               *out_count,
                                                   GError             **error);
void            par_workspace_import_async        (ParWorkspace        *self,
                                                   ParImportKind        kind,
                                                   int                  year,
                                                   GFile               *file,
                                                   ParProgressFunc      progress,
                                                   gpointer             progress_data,
                                                   GDestroyNotify       progress_destroy,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean        par_workspace_import_finish       (ParWorkspace        *self,
                                                   GAsyncResult        *result,
                                                   guint               *out_count,
                                                   GError             **error);

G_END_DECLS
