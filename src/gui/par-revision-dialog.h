/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-revision.h"
#include "par-workspace.h"

G_BEGIN_DECLS

#define PAR_TYPE_REVISION_DIALOG (par_revision_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ParRevisionDialog, par_revision_dialog, PAR, REVISION_DIALOG, AdwWindow)

ParRevisionDialog *par_revision_dialog_new       (GtkWindow          *parent,
                                                  ParWorkspace       *workspace,
                                                  int                 year,
                                                  const char        **blocks);
void               par_revision_dialog_set_file  (ParRevisionDialog  *self,
                                                  GFile              *file);
gboolean           par_revision_dialog_apply     (ParRevisionDialog  *self);
ParSetRevision    *par_revision_dialog_get_plan  (ParRevisionDialog  *self);
const char        *par_revision_dialog_get_error (ParRevisionDialog  *self);

G_END_DECLS
