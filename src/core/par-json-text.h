/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *par_json_text_from_builder (JsonBuilder *builder);

G_END_DECLS
