/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-types.h"

G_BEGIN_DECLS

ParCsv   *par_csv_new            (const char  *data,
                                  gsize        length);
ParCsv   *par_csv_new_for_stream (GInputStream *stream);
void      par_csv_free           (ParCsv      *self);
gboolean  par_csv_next           (ParCsv      *self,
                                  guint       *out_line,
                                  GPtrArray  **out_fields,
                                  GError     **error);
char      par_csv_get_delimiter  (ParCsv      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParCsv, par_csv_free)

G_END_DECLS
