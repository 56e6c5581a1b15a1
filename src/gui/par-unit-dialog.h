/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-workspace.h"

G_BEGIN_DECLS

#define PAR_TYPE_UNIT_DIALOG (par_unit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ParUnitDialog, par_unit_dialog, PAR, UNIT_DIALOG, AdwWindow)

ParUnitDialog *par_unit_dialog_new     (GtkWindow     *parent,
                                        ParWorkspace  *workspace,
                                        int            year,
                                        const char   **blocks);
void           par_unit_dialog_fill    (ParUnitDialog *self,
                                        const char    *code,
                                        const char    *name,
                                        const char    *predecessors);
gboolean       par_unit_dialog_add     (ParUnitDialog *self);
const char    *par_unit_dialog_get_error (ParUnitDialog *self);

G_END_DECLS
