/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-error.h"
#include "par-json-private.h"

/*
 * Members of JSON objects read from outside: each has the type and the
 * bounds the format says, or the reader refuses it. An absent member and a
 * null one are the same.
 */

static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

gboolean
_par_json_get_string (JsonObject   *object,
                      const char   *member,
                      gboolean      required,
                      gsize         max_length,
                      const char  **out_value,
                      GError      **error)
{
  JsonNode *node = get_member (object, member);
  const char *value;

  *out_value = NULL;
  if (node == NULL)
    {
      if (required)
        g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("“%s” is missing"), member);
      return !required;
    }
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("“%s” must be a string"), member);
      return FALSE;
    }
  value = json_node_get_string (node);
  if (strlen (value) > max_length)
    {
      g_autofree char *limit = g_strdup_printf ("%" G_GSIZE_FORMAT, max_length);

      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("“%s” is longer than %s bytes"), member,
                   limit);
      return FALSE;
    }
  *out_value = value;
  return TRUE;
}

gboolean
_par_json_get_int (JsonObject  *object,
                   const char  *member,
                   gboolean     required,
                   gint64       min,
                   gint64       max,
                   gint64      *out_value,
                   GError     **error)
{
  JsonNode *node = get_member (object, member);
  gint64 value;

  *out_value = 0;
  if (node == NULL)
    {
      if (required)
        g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("“%s” is missing"), member);
      return !required;
    }
  if (json_node_get_value_type (node) != G_TYPE_INT64 ||
      (value = json_node_get_int (node)) < min || value > max)
    {
      g_autofree char *low = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *high = g_strdup_printf ("%" G_GINT64_FORMAT, max);

      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” must be a whole number from %s to %s"), member, low, high);
      return FALSE;
    }
  *out_value = value;
  return TRUE;
}

JsonObject *
_par_json_get_object (JsonObject *object,
                      const char *member)
{
  JsonNode *node = get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
_par_json_get_array (JsonObject *object,
                     const char *member)
{
  JsonNode *node = get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

void
_par_json_add_string (JsonBuilder *builder,
                      const char  *member,
                      const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
_par_json_add_int (JsonBuilder *builder,
                   const char  *member,
                   gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}
