/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-workspace-import.h"
#include "par-workspace.h"

G_BEGIN_DECLS

#define PAR_TYPE_IMPORT_DIALOG (par_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ParImportDialog, par_import_dialog, PAR, IMPORT_DIALOG, AdwWindow)

ParImportDialog *par_import_dialog_new        (GtkWindow       *parent,
                                               ParWorkspace    *workspace,
                                               int              year);
void             par_import_dialog_check_file (ParImportDialog *self,
                                               ParImportKind    kind,
                                               GFile           *file);
void             par_import_dialog_import     (ParImportDialog *self);
void             par_import_dialog_cancel     (ParImportDialog *self);
gboolean         par_import_dialog_get_busy   (ParImportDialog *self);
ParImportCheck  *par_import_dialog_get_check  (ParImportDialog *self);
const char      *par_import_dialog_get_error  (ParImportDialog *self);

G_END_DECLS
