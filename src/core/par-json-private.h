/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "par-types.h"

G_BEGIN_DECLS

/* Reading members of untrusted JSON objects with their type and bounds
 * checked, and writing nullable strings. */
gboolean     _par_json_get_string      (JsonObject   *object,
                                        const char   *member,
                                        gboolean      required,
                                        gsize         max_length,
                                        const char  **out_value,
                                        GError      **error);
gboolean     _par_json_get_int         (JsonObject   *object,
                                        const char   *member,
                                        gboolean      required,
                                        gint64        min,
                                        gint64        max,
                                        gint64       *out_value,
                                        GError      **error);
JsonObject  *_par_json_get_object      (JsonObject   *object,
                                        const char   *member);
JsonArray   *_par_json_get_array       (JsonObject   *object,
                                        const char   *member);
void         _par_json_add_string      (JsonBuilder  *builder,
                                        const char   *member,
                                        const char   *value);
void         _par_json_add_int         (JsonBuilder  *builder,
                                        const char   *member,
                                        gint64        value);

G_END_DECLS
