/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "par-results.h"
#include "par-year-model.h"
#include "par-unit-row.h"

G_BEGIN_DECLS

#define PAR_TYPE_UNITS_PANE (par_units_pane_get_type ())

G_DECLARE_FINAL_TYPE (ParUnitsPane, par_units_pane, PAR, UNITS_PANE, GtkWidget)

void         par_units_pane_set_model     (ParUnitsPane   *self,
                                           ParYearModel   *model);
ParUnitRow  *par_units_pane_get_selected  (ParUnitsPane   *self);
gboolean     par_units_pane_select        (ParUnitsPane   *self,
                                           const char     *code);
void         par_units_pane_set_search    (ParUnitsPane   *self,
                                           const char     *text);
guint        par_units_pane_count_visible (ParUnitsPane   *self);
void         par_units_pane_focus_search  (ParUnitsPane   *self);

G_END_DECLS
