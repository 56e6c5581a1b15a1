/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-cycle.h"

G_BEGIN_DECLS

#define PAR_TYPE_ROUNDS_DIALOG (par_rounds_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ParRoundsDialog, par_rounds_dialog, PAR, ROUNDS_DIALOG, AdwWindow)

ParRoundsDialog *par_rounds_dialog_new       (GtkWindow       *parent,
                                              ParWorkspace    *workspace,
                                              int              year,
                                              const char      *unit_code,
                                              const char      *unit_name,
                                              int              last_round);
void             par_rounds_dialog_set_round (ParRoundsDialog *self,
                                              int              round);
const char      *par_rounds_dialog_get_text  (ParRoundsDialog *self,
                                              ParRoundSide     side);

G_END_DECLS
