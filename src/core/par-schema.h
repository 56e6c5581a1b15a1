/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "par-types.h"

G_BEGIN_DECLS

/* "PARI": marks an SQLite file as a ParIndex workspace. */
#define PAR_SCHEMA_APPLICATION_ID 0x50415249

int       par_schema_get_latest_version (void);
gboolean  par_schema_is_older           (sqlite3  *db);
gboolean  par_schema_migrate            (sqlite3  *db,
                                         int       target_version,
                                         GError  **error);
gboolean  par_schema_check_workspace    (sqlite3  *db,
                                         gboolean  allow_empty,
                                         GError  **error);

G_END_DECLS
