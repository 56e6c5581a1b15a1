/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-json-text"

#include "config.h"

#include "par-json-text.h"

/**
 * par_json_text_from_builder:
 * @builder: a builder holding a whole value
 *
 * The JSON text ParIndex writes (package parts, `parindex-cli` output):
 * UTF-8, indented by two spaces, numbers without a locale.
 *
 * Returns: (transfer full): the text, without a final newline
 */
char *
par_json_text_from_builder (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}
