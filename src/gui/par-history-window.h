/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-workspace.h"

G_BEGIN_DECLS

#define PAR_TYPE_HISTORY_WINDOW (par_history_window_get_type ())

G_DECLARE_FINAL_TYPE (ParHistoryWindow, par_history_window, PAR, HISTORY_WINDOW, AdwWindow)

ParHistoryWindow *par_history_window_new      (GtkWindow        *parent,
                                               ParWorkspace     *workspace,
                                               int               year,
                                               const char       *unit_code,
                                               const char       *unit_name,
                                               const char       *criterion_code);
GListModel       *par_history_window_get_items (ParHistoryWindow *self);
gboolean          par_history_window_is_loading (ParHistoryWindow *self);

G_END_DECLS
