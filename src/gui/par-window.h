/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-application.h"
#include "par-types.h"

G_BEGIN_DECLS

#define PAR_TYPE_WINDOW (par_window_get_type ())

G_DECLARE_FINAL_TYPE (ParWindow, par_window, PAR, WINDOW, AdwApplicationWindow)

ParWindow *par_window_new       (ParApplication *application);
GFile     *par_window_get_file  (ParWindow      *self);
void       par_window_open_file (ParWindow      *self,
                                 GFile          *file);

G_END_DECLS
