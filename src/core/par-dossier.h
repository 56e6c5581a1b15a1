/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-evidence.h"
#include "par-types.h"
#include "par-workspace.h"

G_BEGIN_DECLS

/**
 * ParDossierFormat:
 * @PAR_DOSSIER_FORMAT_PDF: one PDF: cover, evidence list, every document
 *   in criterion order, bookmarked by criterion
 * @PAR_DOSSIER_FORMAT_ZIP: a zip: one folder per criterion with the
 *   documents, and the evidence list as a workbook
 *
 * The forms of the evidence dossier (hồ sơ tài liệu kiểm chứng).
 */
typedef enum
{
  PAR_DOSSIER_FORMAT_PDF,
  PAR_DOSSIER_FORMAT_ZIP,
} ParDossierFormat;

gboolean  par_dossier_format_for_path        (const char        *path,
                                              ParDossierFormat  *out_format);
gboolean  par_workspace_write_dossier        (ParWorkspace      *self,
                                              int                year,
                                              const char        *unit_code,
                                              GFile             *destination,
                                              ParDossierFormat   format,
                                              ParProgressFunc    progress,
                                              gpointer           progress_data,
                                              GCancellable      *cancellable,
                                              GError           **error);
void      par_workspace_write_dossier_async  (ParWorkspace      *self,
                                              int                year,
                                              const char        *unit_code,
                                              GFile             *destination,
                                              ParDossierFormat   format,
                                              ParProgressFunc    progress,
                                              gpointer           progress_data,
                                              GDestroyNotify     progress_destroy,
                                              GCancellable      *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer           user_data);
gboolean  par_workspace_write_dossier_finish (ParWorkspace      *self,
                                              GAsyncResult      *result,
                                              GError           **error);

G_END_DECLS
