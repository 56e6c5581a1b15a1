/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-types.h"

G_BEGIN_DECLS

gboolean par_sqlite_locks_install (void);

G_END_DECLS
