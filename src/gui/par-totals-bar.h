/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "par-year-model.h"

G_BEGIN_DECLS

#define PAR_TYPE_TOTALS_BAR (par_totals_bar_get_type ())

G_DECLARE_FINAL_TYPE (ParTotalsBar, par_totals_bar, PAR, TOTALS_BAR, GtkWidget)

void        par_totals_bar_set_unit       (ParTotalsBar   *self,
                                           ParYearModel   *model,
                                           const char     *code);
const char *par_totals_bar_get_points     (ParTotalsBar   *self);
const char *par_totals_bar_get_index      (ParTotalsBar   *self);
const char *par_totals_bar_get_rank       (ParTotalsBar   *self);
const char *par_totals_bar_get_band       (ParTotalsBar   *self);
gboolean    par_totals_bar_get_provisional (ParTotalsBar  *self);

G_END_DECLS
