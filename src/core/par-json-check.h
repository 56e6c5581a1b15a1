/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-types.h"

G_BEGIN_DECLS

gboolean par_json_check (const char  *data,
                         gsize        length,
                         guint        max_depth,
                         GError     **error);

G_END_DECLS
