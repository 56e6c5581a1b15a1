/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-annex-document.h"
#include "par-types.h"

G_BEGIN_DECLS

gboolean  par_annex_document_write           (ParAnnexDocument    *document,
                                              const char          *path,
                                              ParProgressFunc      progress,
                                              gpointer             progress_data,
                                              GCancellable        *cancellable,
                                              GError             **error);
void      par_workspace_export_annexes_async (ParWorkspace        *self,
                                              int                  year,
                                              const char          *path,
                                              ParProgressFunc      progress,
                                              gpointer             progress_data,
                                              GDestroyNotify       progress_destroy,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean  par_workspace_export_annexes_finish (ParWorkspace       *self,
                                               GAsyncResult       *result,
                                               GError            **error);

G_END_DECLS
