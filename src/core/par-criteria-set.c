/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-criteria-set"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "par-criteria-set.h"
#include "par-decimal.h"
#include "par-error.h"
#include "par-json-check.h"
#include "par-limits.h"
#include "par-text.h"

G_DEFINE_BOXED_TYPE (ParCriteriaSet, par_criteria_set, par_criteria_set_ref, par_criteria_set_unref)

/* The common five-band scheme. Band labels are data printed in the
 * decision, always in Vietnamese, so they are not translated. */
static const struct { const char *label; ParCenti min; } default_bands[] = {
  { "Xuất sắc", 9000 },
  { "Tốt", 8000 },
  { "Khá", 7000 },
  { "Trung bình", 5000 },
  { "Yếu", 0 },
};

typedef struct
{
  ParCriteriaSet *set;
  GError         *error;
} Loader;

static void
criterion_free (ParCriterion *node)
{
  g_free (node->code);
  g_free (node->title);
  g_free (node->evidence);
  g_free (node->owner);
  g_free (node->note);
  par_rule_clear (&node->rule);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static void
band_clear (gpointer data)
{
  ParBand *band = data;
  g_free (band->label);
}

static void
par_criteria_set_free (ParCriteriaSet *self)
{
  g_free (self->title);
  g_free (self->source);
  g_clear_pointer (&self->bands, g_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->leaves, g_ptr_array_unref);
  g_clear_pointer (&self->by_code, g_hash_table_unref);
  /* Owns the nodes: fields/children only reference them. */
  g_clear_pointer (&self->nodes, g_ptr_array_unref);
  g_free (self->json);
  g_free (self->checksum);
  g_free (self);
}

ParCriteriaSet *
par_criteria_set_ref (ParCriteriaSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
par_criteria_set_unref (ParCriteriaSet *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    par_criteria_set_free (self);
}

static gboolean
fail (Loader     *loader,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (Loader     *loader,
      const char *format,
      ...)
{
  va_list args;

  if (loader->error == NULL)
    {
      va_start (args, format);
      loader->error = g_error_new_valist (PAR_ERROR, PAR_ERROR_INVALID, format, args);
      va_end (args);
    }
  return FALSE;
}

/* How long each text member may be (docs/limits.md). */
static ParTextKind
member_kind (const char *member)
{
  if (g_str_equal (member, "code"))
    return PAR_TEXT_CODE;
  if (g_str_equal (member, "evidence") || g_str_equal (member, "owner") ||
      g_str_equal (member, "note") || g_str_equal (member, "source"))
    return PAR_TEXT_NOTE;
  return PAR_TEXT_NAME;
}

static gboolean
read_optional_string (Loader      *loader,
                      JsonObject  *object,
                      const char  *member,
                      const char  *where,
                      char       **out_text)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GError) text_error = NULL;
  const char *text;

  *out_text = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (loader, _("%s: “%s” must be a text"), where, member);

  text = json_node_get_string (node);
  *out_text = par_text_clean_limited (text, -1, member_kind (member), &text_error);
  if (*out_text == NULL)
    return fail (loader, "%s: “%s”: %s", where, member, text_error->message);
  return TRUE;
}

static gboolean
read_number (Loader      *loader,
             JsonNode    *node,
             const char  *where,
             const char  *member,
             ParMilli    *out_value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fail (loader, _("%s: “%s” must be a number"), where, member);

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      gint64 whole = json_node_get_int (node);
      if (whole > PAR_LIMIT_NUMBER / PAR_MILLI_ONE || whole < -PAR_LIMIT_NUMBER / PAR_MILLI_ONE)
        goto too_large;
      *out_value = whole * PAR_MILLI_ONE;
      return TRUE;
    }

  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (value > (double) PAR_LIMIT_NUMBER / PAR_MILLI_ONE ||
          value < -(double) PAR_LIMIT_NUMBER / PAR_MILLI_ONE)
        goto too_large;
      if (!par_milli_from_double (value, out_value))
        return fail (loader, _("%s: “%s” must have at most 3 decimals"), where, member);
      return TRUE;
    }

  return fail (loader, _("%s: “%s” must be a number"), where, member);

too_large:
  return fail (loader, _("%s: “%s” is larger than %d, the largest number a criteria set may hold"),
               where, member, (int) (PAR_LIMIT_NUMBER / PAR_MILLI_ONE));
}

static gboolean
check_points (Loader             *loader,
              const ParCriterion *leaf,
              const char         *where,
              const char         *what,
              ParMilli            points)
{
  g_autofree char *points_text = NULL;
  g_autofree char *max_text = NULL;

  if (points >= 0 && points <= leaf->max)
    return TRUE;

  points_text = par_milli_to_string (points, '.');
  max_text = par_milli_to_string (leaf->max, '.');
  return fail (loader, _("%s: %s is worth %s points, outside 0 to the leaf’s maximum %s"),
               where, what, points_text, max_text);
}

static int
compare_tiers_descending (gconstpointer a,
                          gconstpointer b)
{
  const ParRuleTier *ta = a;
  const ParRuleTier *tb = b;

  return (tb->min > ta->min) - (tb->min < ta->min);
}

static gboolean
read_options (Loader       *loader,
              ParCriterion *leaf,
              JsonObject   *rule,
              const char   *where)
{
  JsonNode *node = json_object_get_member (rule, "options");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0)
    return fail (loader, _("%s: a rule of kind “options” needs a non-empty “options” list"), where);

  array = json_node_get_array (node);
  if (json_array_get_length (array) > PAR_LIMIT_CHOICES)
    return fail (loader, _("%s: the rule lists %u options, more than %d, the most a leaf may have"),
                 where, json_array_get_length (array), PAR_LIMIT_CHOICES);
  leaf->rule.options = g_array_new (FALSE, TRUE, sizeof (ParRuleOption));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *what = g_strdup_printf (_("option %u"), i + 1);
      ParRuleOption option = { 0 };
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (loader, _("%s: %s must be an object with “label” and “points”"), where, what);
      object = json_node_get_object (element);

      if (!read_optional_string (loader, object, "label", where, &option.label))
        return FALSE;
      if (option.label == NULL || g_strstrip (option.label)[0] == '\0')
        {
          g_free (option.label);
          return fail (loader, _("%s: %s has no label"), where, what);
        }
      option.folded = g_utf8_casefold (option.label, -1);
      g_array_append_val (leaf->rule.options, option);

      if (!g_hash_table_add (seen, g_strdup (option.folded)))
        return fail (loader, _("%s: the option “%s” is listed twice"), where, option.label);

      if (!read_number (loader, json_object_get_member (object, "points"), where, "points",
                        &g_array_index (leaf->rule.options, ParRuleOption, i).points))
        return FALSE;
      if (!check_points (loader, leaf, where, what,
                         g_array_index (leaf->rule.options, ParRuleOption, i).points))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_tiers (Loader       *loader,
            ParCriterion *leaf,
            JsonObject   *rule,
            const char   *where)
{
  JsonNode *node = json_object_get_member (rule, "tiers");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0)
    return fail (loader, _("%s: a rule of kind “tiers” needs a non-empty “tiers” list"), where);

  array = json_node_get_array (node);
  if (json_array_get_length (array) > PAR_LIMIT_CHOICES)
    return fail (loader, _("%s: the rule lists %u tiers, more than %d, the most a leaf may have"),
                 where, json_array_get_length (array), PAR_LIMIT_CHOICES);
  leaf->rule.tiers = g_array_new (FALSE, TRUE, sizeof (ParRuleTier));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *what = g_strdup_printf (_("tier %u"), i + 1);
      ParRuleTier tier = { 0 };
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (loader, _("%s: %s must be an object with “min” and “points”"), where, what);
      object = json_node_get_object (element);

      if (!read_number (loader, json_object_get_member (object, "min"), where, "min", &tier.min) ||
          !read_number (loader, json_object_get_member (object, "points"), where, "points",
                        &tier.points) ||
          !check_points (loader, leaf, where, what, tier.points))
        return FALSE;

      if (tier.min < 0)
        return fail (loader, _("%s: %s has a negative “min”"), where, what);

      for (guint j = 0; j < leaf->rule.tiers->len; j++)
        if (g_array_index (leaf->rule.tiers, ParRuleTier, j).min == tier.min)
          return fail (loader, _("%s: two tiers have the same “min”"), where);

      g_array_append_val (leaf->rule.tiers, tier);
    }

  g_array_sort (leaf->rule.tiers, compare_tiers_descending);
  return TRUE;
}

static gboolean
read_rule (Loader       *loader,
           ParCriterion *leaf,
           JsonNode     *node,
           const char   *where)
{
  g_autofree char *kind_text = NULL;
  JsonObject *rule;
  JsonNode *member;

  leaf->rule.kind = PAR_RULE_MANUAL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (loader, _("%s: “rule” must be an object with a “kind”"), where);

  /* "kind" may be anything in a hostile file, an object or a list too
   * (found by fuzz-criteria: JSON-GLib's string getter is critical then). */
  rule = json_node_get_object (node);
  if (!read_optional_string (loader, rule, "kind", where, &kind_text))
    return FALSE;
  if (kind_text == NULL || !par_rule_kind_from_string (kind_text, &leaf->rule.kind))
    return fail (loader,
                 _("%s: unknown rule kind “%s” (manual, binary, options, tiers, ratio, deduction or survey)"),
                 where, kind_text != NULL ? kind_text : "");

  switch (leaf->rule.kind)
    {
    case PAR_RULE_OPTIONS:
      return read_options (loader, leaf, rule, where);

    case PAR_RULE_TIERS:
      return read_tiers (loader, leaf, rule, where);

    case PAR_RULE_RATIO:
      leaf->rule.full_at = 100 * PAR_MILLI_ONE;
      member = json_object_get_member (rule, "full_at");
      if (member != NULL && !read_number (loader, member, where, "full_at", &leaf->rule.full_at))
        return FALSE;
      if (leaf->rule.full_at <= 0 || leaf->rule.full_at > 100 * PAR_MILLI_ONE)
        return fail (loader, _("%s: “full_at” must be a percentage above 0 and at most 100"), where);
      return TRUE;

    case PAR_RULE_DEDUCTION:
      if (!read_number (loader, json_object_get_member (rule, "per"), where, "per",
                        &leaf->rule.per))
        return FALSE;
      if (leaf->rule.per <= 0)
        return fail (loader, _("%s: “per” must be above 0"), where);
      return check_points (loader, leaf, where, _("the deduction per failure"), leaf->rule.per);

    case PAR_RULE_MANUAL:
    case PAR_RULE_BINARY:
    case PAR_RULE_SURVEY:
    default:
      return TRUE;
    }
}

static ParCriterion *
read_node (Loader       *loader,
           JsonNode     *json,
           ParCriterion *parent,
           guint         position)
{
  ParCriteriaSet *set = loader->set;
  g_autofree char *where = NULL;
  g_autofree char *code = NULL;
  g_autofree char *not_arising = NULL;
  ParCriterion *node;
  JsonObject *object;
  JsonNode *children;
  JsonNode *max_node;

  if (parent != NULL)
    where = g_strdup_printf (_("node %u under “%s”"), position + 1, parent->code);
  else
    where = g_strdup_printf (_("top-level node %u"), position + 1);

  if (!JSON_NODE_HOLDS_OBJECT (json))
    return fail (loader, _("%s must be an object"), where), NULL;
  object = json_node_get_object (json);

  if (!read_optional_string (loader, object, "code", where, &code))
    return NULL;
  if (code == NULL || g_strstrip (code)[0] == '\0')
    return fail (loader, _("%s has no “code”"), where), NULL;

  g_free (where);
  where = g_strdup_printf (_("node “%s”"), code);

  if (g_hash_table_contains (set->by_code, code))
    return fail (loader, _("%s: the code is used twice in the set"), where), NULL;
  /* Every reader of the tree (the annexes, the window) may recurse over
   * it: the depth is bounded here, once. */
  if (parent != NULL && parent->depth + 1 >= PAR_LIMIT_TREE_DEPTH)
    return fail (loader, _("%s is nested more than %d levels deep, the most a criteria tree may "
                           "have"), where, PAR_LIMIT_TREE_DEPTH), NULL;
  if (set->nodes->len >= PAR_LIMIT_NODES)
    return fail (loader, _("%s: the set has more than %d nodes, the most a criteria set may have"),
                 where, PAR_LIMIT_NODES), NULL;

  node = g_new0 (ParCriterion, 1);
  node->code = g_steal_pointer (&code);
  node->parent = parent;
  node->depth = parent != NULL ? parent->depth + 1 : 0;
  node->leaf_index = -1;
  node->field_index = parent != NULL ? parent->field_index : (int) set->fields->len;
  g_ptr_array_add (set->nodes, node);
  g_hash_table_insert (set->by_code, node->code, node);

  if (!read_optional_string (loader, object, "title", where, &node->title) ||
      !read_optional_string (loader, object, "evidence", where, &node->evidence) ||
      !read_optional_string (loader, object, "owner", where, &node->owner) ||
      !read_optional_string (loader, object, "note", where, &node->note) ||
      !read_optional_string (loader, object, "not_arising", where, &not_arising))
    return NULL;

  if (node->title == NULL || node->title[0] == '\0')
    return fail (loader, _("%s has no “title”"), where), NULL;

  children = json_object_get_member (object, "children");
  max_node = json_object_get_member (object, "max");

  if (children != NULL && !JSON_NODE_HOLDS_NULL (children))
    {
      JsonArray *array;
      ParMilli sum = 0;

      if (!JSON_NODE_HOLDS_ARRAY (children) ||
          json_array_get_length (json_node_get_array (children)) == 0)
        return fail (loader, _("%s: “children” must be a non-empty list"), where), NULL;
      if (json_object_has_member (object, "rule"))
        return fail (loader, _("%s: a group has no “rule”; only leaves are scored"), where), NULL;
      if (not_arising != NULL)
        return fail (loader, _("%s: “not_arising” belongs on leaves, not groups"), where), NULL;

      node->children = g_ptr_array_new ();
      array = json_node_get_array (children);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          ParCriterion *child = read_node (loader, json_array_get_element (array, i), node, i);
          if (child == NULL)
            return NULL;
          g_ptr_array_add (node->children, child);
          sum += child->max;
        }

      node->max = sum;
      if (max_node != NULL)
        {
          ParMilli stated;
          g_autofree char *stated_text = NULL;
          g_autofree char *sum_text = NULL;

          if (!read_number (loader, max_node, where, "max", &stated))
            return NULL;
          if (stated != sum)
            {
              stated_text = par_milli_to_string (stated, '.');
              sum_text = par_milli_to_string (sum, '.');
              return fail (loader,
                           _("%s: “max” is %s but its children’s maxima add up to %s"),
                           where, stated_text, sum_text), NULL;
            }
        }
      return node;
    }

  if (max_node == NULL)
    return fail (loader, _("%s: a leaf needs a “max”"), where), NULL;
  if (!read_number (loader, max_node, where, "max", &node->max))
    return NULL;
  if (node->max <= 0)
    return fail (loader, _("%s: “max” must be above 0"), where), NULL;
  if (node->max > PAR_LIMIT_LEAF_MAX)
    return fail (loader, _("%s: “max” is above %d, the largest maximum a leaf may have"),
                 where, (int) (PAR_LIMIT_LEAF_MAX / PAR_MILLI_ONE)), NULL;
  if (set->leaves->len >= PAR_LIMIT_LEAVES)
    return fail (loader, _("%s: the set has more than %d sub-criteria, the most a criteria set "
                           "may have"), where, PAR_LIMIT_LEAVES), NULL;

  if (not_arising == NULL)
    node->not_arising = PAR_NOT_ARISING_REFUSED;
  else if (g_str_equal (not_arising, "full"))
    node->not_arising = PAR_NOT_ARISING_FULL;
  else if (g_str_equal (not_arising, "na"))
    node->not_arising = PAR_NOT_ARISING_NA;
  else
    return fail (loader, _("%s: “not_arising” must be “full” or “na”"), where), NULL;

  if (!read_rule (loader, node, json_object_get_member (object, "rule"), where))
    return NULL;

  node->leaf_index = set->leaves->len;
  g_ptr_array_add (set->leaves, node);
  return node;
}

static int
compare_bands_descending (gconstpointer a,
                          gconstpointer b)
{
  const ParBand *ba = a;
  const ParBand *bb = b;

  return (bb->min > ba->min) - (bb->min < ba->min);
}

static gboolean
read_bands (Loader     *loader,
            JsonObject *root)
{
  ParCriteriaSet *set = loader->set;
  JsonNode *node = json_object_get_member (root, "bands");
  JsonArray *array;

  set->bands = g_array_new (FALSE, TRUE, sizeof (ParBand));
  g_array_set_clear_func (set->bands, band_clear);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      for (guint i = 0; i < G_N_ELEMENTS (default_bands); i++)
        {
          ParBand band = { g_strdup (default_bands[i].label), default_bands[i].min };
          g_array_append_val (set->bands, band);
        }
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    return fail (loader, _("“bands” must be a non-empty list"));

  array = json_node_get_array (node);
  if (json_array_get_length (array) > PAR_LIMIT_BANDS)
    return fail (loader, _("“bands” lists %u bands, more than %d, the most a set may have"),
                 json_array_get_length (array), PAR_LIMIT_BANDS);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf (_("band %u"), i + 1);
      ParBand band = { NULL, 0 };
      ParMilli min;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (loader, _("%s must be an object with “label” and “min”"), where);
      object = json_node_get_object (element);

      if (!read_optional_string (loader, object, "label", where, &band.label))
        return FALSE;
      if (band.label == NULL || band.label[0] == '\0')
        {
          g_free (band.label);
          return fail (loader, _("%s has no “label”"), where);
        }
      g_array_append_val (set->bands, band);

      if (!read_number (loader, json_object_get_member (object, "min"), where, "min", &min))
        return FALSE;
      if (min < 0 || min > 100 * PAR_MILLI_ONE || min % 10 != 0)
        return fail (loader, _("%s: “min” must be a percentage from 0 to 100 with at most 2 decimals"),
                     where);
      g_array_index (set->bands, ParBand, i).min = min / 10;

      for (guint j = 0; j < i; j++)
        {
          const ParBand *other = &g_array_index (set->bands, ParBand, j);
          if (other->min == min / 10)
            return fail (loader, _("%s: two bands have the same “min”"), where);
          if (g_str_equal (other->label, band.label))
            return fail (loader, _("%s: the label “%s” is used twice"), where, band.label);
        }
    }

  g_array_sort (set->bands, compare_bands_descending);
  return TRUE;
}

static gboolean
read_set (Loader     *loader,
          JsonNode   *root_node)
{
  ParCriteriaSet *set = loader->set;
  JsonObject *root;
  JsonNode *nodes;
  g_autofree char *format = NULL;

  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    return fail (loader, _("the file is not a criteria set (a JSON object is expected)"));
  root = json_node_get_object (root_node);

  if (!read_optional_string (loader, root, "format", _("the set"), &format))
    return FALSE;
  if (g_strcmp0 (format, PAR_CRITERIA_FORMAT) != 0)
    return fail (loader, _("“format” must be “%s”, not “%s”"), PAR_CRITERIA_FORMAT,
                 format != NULL ? format : "");

  if (!read_optional_string (loader, root, "title", _("the set"), &set->title) ||
      !read_optional_string (loader, root, "source", _("the set"), &set->source))
    return FALSE;
  if (set->title == NULL || set->title[0] == '\0')
    return fail (loader, _("the set has no “title”"));

  if (!read_bands (loader, root))
    return FALSE;

  nodes = json_object_get_member (root, "nodes");
  if (nodes == NULL || !JSON_NODE_HOLDS_ARRAY (nodes) ||
      json_array_get_length (json_node_get_array (nodes)) == 0)
    return fail (loader, _("“nodes” must be a non-empty list"));

  for (guint i = 0; i < json_array_get_length (json_node_get_array (nodes)); i++)
    {
      ParCriterion *field = read_node (loader,
                                       json_array_get_element (json_node_get_array (nodes), i),
                                       NULL, i);
      if (field == NULL)
        return FALSE;
      g_ptr_array_add (set->fields, field);
    }

  return TRUE;
}

/**
 * par_criteria_set_new_from_data:
 * @data: the text of a `parindex-criteria/1` file (UTF-8, BOM accepted)
 * @length: the length of @data, or -1 when nul-terminated
 * @error: return location for a #GError
 *
 * Parses and validates a criteria set. A set that breaks any rule of the
 * format is refused whole; the message names the node and the rule.
 *
 * Returns: (transfer full) (nullable): the set, or %NULL with @error set
 */
ParCriteriaSet *
par_criteria_set_new_from_data (const char  *data,
                                gssize       length,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autoptr(GError) parse_error = NULL;
  Loader loader = { NULL, NULL };

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (length > PAR_LIMIT_CRITERIA_FILE_BYTES)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the criteria set is larger than %d MiB, the most a criteria file may have"),
                   PAR_LIMIT_CRITERIA_FILE_BYTES / (1024 * 1024));
      return NULL;
    }

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("the criteria set is not valid UTF-8 text"));
      return NULL;
    }

  /* Strictly JSON and bounded in depth before JSON-GLib, which is neither
   * strict nor safe from deep nesting, reads it. */
  if (!par_json_check (data, length, PAR_LIMIT_JSON_DEPTH, &parse_error) ||
      !json_parser_load_from_data (parser, data, length, &parse_error))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the criteria set is not valid JSON: %s"), parse_error->message);
      return NULL;
    }

  set = g_new0 (ParCriteriaSet, 1);
  g_atomic_ref_count_init (&set->ref_count);
  set->fields = g_ptr_array_new ();
  set->leaves = g_ptr_array_new ();
  set->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) criterion_free);
  set->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  set->json = g_strndup (data, length);
  set->checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);

  loader.set = set;
  if (!read_set (&loader, json_parser_get_root (parser)))
    {
      g_propagate_error (error, loader.error);
      return NULL;
    }

  return g_steal_pointer (&set);
}

/**
 * par_criteria_set_new_from_file:
 * @file: a `*.criteria.json` file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the set, or %NULL with @error set;
 *   the message starts with the file's name
 */
ParCriteriaSet *
par_criteria_set_new_from_file (GFile         *file,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  ParCriteriaSet *set;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);

  /* At most one byte more than a set may have: a larger file is refused by
   * the size limit without being read whole. */
  stream = g_file_read (file, cancellable, &local_error);
  contents = g_malloc (PAR_LIMIT_CRITERIA_FILE_BYTES + 2);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), contents,
                                PAR_LIMIT_CRITERIA_FILE_BYTES + 1, &length, cancellable,
                                &local_error))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot read the file: %s"),
                   name, local_error->message);
      return NULL;
    }
  contents[length] = '\0';

  set = par_criteria_set_new_from_data (contents, length, &local_error);
  if (set == NULL)
    g_set_error (error, PAR_ERROR, local_error->code, "%s: %s", name, local_error->message);

  return set;
}

/**
 * par_criteria_set_lookup:
 * @self: a #ParCriteriaSet
 * @code: a node's code
 *
 * Returns: (transfer none) (nullable): the node, or %NULL
 */
const ParCriterion *
par_criteria_set_lookup (ParCriteriaSet *self,
                         const char     *code)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_hash_table_lookup (self->by_code, code);
}

/**
 * par_criteria_set_get_max:
 * @self: a #ParCriteriaSet
 *
 * Returns: the sum of the fields' maxima, in thousandths
 */
ParMilli
par_criteria_set_get_max (ParCriteriaSet *self)
{
  ParMilli max = 0;

  for (guint i = 0; i < self->fields->len; i++)
    max += ((ParCriterion *) g_ptr_array_index (self->fields, i))->max;
  return max;
}

/**
 * par_criteria_set_band_for:
 * @self: a #ParCriteriaSet
 * @index: a published index, in hundredths
 *
 * Returns: (nullable): the label of the band whose inclusive lower bound
 *   is the greatest not above @index, or %NULL
 */
const char *
par_criteria_set_band_for (ParCriteriaSet *self,
                           ParCenti        index)
{
  if (index == PAR_CENTI_NONE)
    return NULL;

  for (guint i = 0; i < self->bands->len; i++)
    {
      const ParBand *band = &g_array_index (self->bands, ParBand, i);
      if (band->min <= index)
        return band->label;
    }
  return NULL;
}
