/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-workspace.h"

G_BEGIN_DECLS

#define PAR_TYPE_SETTINGS_DIALOG (par_settings_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ParSettingsDialog, par_settings_dialog, PAR, SETTINGS_DIALOG, AdwWindow)

ParSettingsDialog *par_settings_dialog_new        (GtkWindow         *parent,
                                                   ParWorkspace      *workspace);
const char        *par_settings_dialog_get_issuer (ParSettingsDialog *self);
void               par_settings_dialog_set_issuer (ParSettingsDialog *self,
                                                   const char        *issuer);
gboolean           par_settings_dialog_save       (ParSettingsDialog *self);
const char        *par_settings_dialog_get_error  (ParSettingsDialog *self);

G_END_DECLS
