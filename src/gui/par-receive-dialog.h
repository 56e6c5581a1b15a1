/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-package-receipt.h"
#include "par-workspace.h"

G_BEGIN_DECLS

#define PAR_TYPE_RECEIVE_DIALOG (par_receive_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ParReceiveDialog, par_receive_dialog, PAR, RECEIVE_DIALOG, AdwWindow)

ParReceiveDialog *par_receive_dialog_new          (GtkWindow        *parent,
                                                   ParWorkspace     *workspace,
                                                   GFile * const    *files,
                                                   guint             n_files);
void              par_receive_dialog_cancel       (ParReceiveDialog *self);
GListModel       *par_receive_dialog_get_receipts (ParReceiveDialog *self);
gboolean          par_receive_dialog_get_running  (ParReceiveDialog *self);
const char       *par_receive_dialog_get_summary  (ParReceiveDialog *self);
gint64            par_receive_dialog_get_elapsed  (ParReceiveDialog *self);

G_END_DECLS
