/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-evidence.h"

G_BEGIN_DECLS

/* The page cache while documents stream through a connection, in KiB. */
#define PAR_STREAMING_CACHE_KIB 8192

gint64   _par_workspace_set_cache_size (ParWorkspace  *self,
                                        gint64         value);

gpointer _par_progress_relay_new   (GMainContext     *context,
                                    ParProgressFunc   func,
                                    gpointer          data,
                                    ParProgressFunc  *out_report);
void     _par_progress_relay_unref (gpointer          relay);

G_END_DECLS
