/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-types.h"

G_BEGIN_DECLS

char     *par_text_fold    (const char *text);
gboolean  par_text_matches (const char *folded_text,
                            const char *folded_query);

G_END_DECLS
