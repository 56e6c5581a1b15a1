/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "par-overview-row.h"
#include "par-year-model.h"

G_BEGIN_DECLS

#define PAR_TYPE_OVERVIEW_PAGE (par_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (ParOverviewPage, par_overview_page, PAR, OVERVIEW_PAGE, GtkWidget)

void            par_overview_page_set_model    (ParOverviewPage   *self,
                                                ParYearModel      *model);
GListModel     *par_overview_page_get_rows     (ParOverviewPage   *self);
ParOverviewRow *par_overview_page_lookup       (ParOverviewPage   *self,
                                                const char        *code);
gboolean        par_overview_page_get_loading  (ParOverviewPage   *self);
void            par_overview_page_sort_by      (ParOverviewPage   *self,
                                                ParOverviewColumn  column,
                                                gboolean           descending);
void            par_overview_page_set_filter   (ParOverviewPage   *self,
                                                const char        *search,
                                                const char        *block,
                                                const char        *band,
                                                gboolean           provisional,
                                                gboolean           incomplete);
void            par_overview_page_activate_row (ParOverviewPage   *self,
                                                guint              position);
void            par_overview_page_focus_search (ParOverviewPage   *self);

G_END_DECLS
