/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "par-overview-row.h"

G_BEGIN_DECLS

#define PAR_TYPE_OVERVIEW_SORTER (par_overview_sorter_get_type ())

G_DECLARE_FINAL_TYPE (ParOverviewSorter, par_overview_sorter, PAR, OVERVIEW_SORTER, GtkSorter)

ParOverviewSorter *par_overview_sorter_new        (ParOverviewColumn  column);
ParOverviewColumn  par_overview_sorter_get_column (ParOverviewSorter *self);

G_END_DECLS
