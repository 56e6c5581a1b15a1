/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-types.h"

G_BEGIN_DECLS

/* Shared by the writers of CSV and text tables. */
void  _par_format_csv_field  (GString    *out,
                              const char *text);
void  _par_format_padded     (GString    *out,
                              const char *text,
                              int         width,
                              gboolean    right);

G_END_DECLS
