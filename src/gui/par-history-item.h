/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-history.h"

G_BEGIN_DECLS

#define PAR_TYPE_HISTORY_ITEM (par_history_item_get_type ())

G_DECLARE_FINAL_TYPE (ParHistoryItem, par_history_item, PAR, HISTORY_ITEM, GObject)

ParHistoryItem *par_history_item_new       (const ParHistoryRecord *record,
                                            char                    decimal_separator);
const char     *par_history_item_get_text  (ParHistoryItem         *self,
                                            const char             *property);

G_END_DECLS
