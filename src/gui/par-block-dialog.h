/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-workspace.h"

G_BEGIN_DECLS

#define PAR_TYPE_BLOCK_DIALOG (par_block_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ParBlockDialog, par_block_dialog, PAR, BLOCK_DIALOG, AdwWindow)

ParBlockDialog *par_block_dialog_new       (GtkWindow      *parent,
                                            ParWorkspace   *workspace,
                                            int             year);
gboolean        par_block_dialog_choose_set (ParBlockDialog *self,
                                            GFile          *file);
void            par_block_dialog_set_name  (ParBlockDialog *self,
                                            const char     *name);
gboolean        par_block_dialog_add       (ParBlockDialog *self);
const char     *par_block_dialog_get_error (ParBlockDialog *self);

G_END_DECLS
