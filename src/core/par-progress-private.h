/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-types.h"

G_BEGIN_DECLS

void     _par_progress_report      (ParProgressFunc   progress,
                                    gpointer          progress_data,
                                    double            fraction,
                                    const char       *text);
gpointer _par_progress_relay_new   (GMainContext     *context,
                                    ParProgressFunc   func,
                                    gpointer          data,
                                    ParProgressFunc  *out_report);
void     _par_progress_relay_unref (gpointer          relay);
void     _par_main_context_post    (GMainContext     *context,
                                    GSourceFunc       func,
                                    gpointer          data,
                                    GDestroyNotify    notify);
void     _par_main_context_release (GMainContext     *context,
                                    GDestroyNotify    destroy,
                                    gpointer          data);

G_END_DECLS
