/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-results.h"
#include "par-workspace.h"

G_BEGIN_DECLS

#define PAR_TYPE_YEAR_MODEL (par_year_model_get_type ())

G_DECLARE_FINAL_TYPE (ParYearModel, par_year_model, PAR, YEAR_MODEL, GObject)

ParYearModel    *par_year_model_new                 (ParWorkspace   *workspace,
                                                     int             year,
                                                     GError        **error);
ParWorkspace    *par_year_model_get_workspace       (ParYearModel   *self);
int              par_year_model_get_year            (ParYearModel   *self);
ParYearResults  *par_year_model_get_results         (ParYearModel   *self);
ParUnitResult   *par_year_model_lookup              (ParYearModel   *self,
                                                     const char     *code);
gboolean         par_year_model_get_published       (ParYearModel   *self);
const char      *par_year_model_get_integrity_error (ParYearModel   *self);
gboolean         par_year_model_get_verifying       (ParYearModel   *self);
void             par_year_model_block_changed       (ParYearModel   *self,
                                                     guint           block);

G_END_DECLS
