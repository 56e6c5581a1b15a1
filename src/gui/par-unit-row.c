/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-unit-row"

#include "config.h"

#include "par-unit-row.h"

#include <glib/gi18n.h>

#include "par-format.h"
#include "par-text.h"

/**
 * ParUnitRow:
 *
 * A row of the units pane: a block (with its units as children) or a unit,
 * showing the unit's live results. par_unit_row_sync() reads the results
 * again and notifies only what changed.
 */
struct _ParUnitRow
{
  GObject         parent_instance;

  ParUnitResult  *result;     /* borrowed from the window's ParYearResults */
  GListModel     *children;
  char           *name;
  char           *folded;
  char           *name_key;   /* par_text_sort_key() of the name */
  char           *index_text;
  char           *rank_text;
  const char     *band;       /* borrowed from the criteria set */
  double          index;
  gint64          rank;
  gboolean        provisional;
};

G_DEFINE_FINAL_TYPE (ParUnitRow, par_unit_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_IS_BLOCK,
  PROP_INDEX,
  PROP_INDEX_TEXT,
  PROP_BAND,
  PROP_RANK,
  PROP_RANK_TEXT,
  PROP_PROVISIONAL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
par_unit_row_finalize (GObject *object)
{
  ParUnitRow *self = (ParUnitRow *)object;

  g_clear_object (&self->children);
  g_free (self->name);
  g_free (self->folded);
  g_free (self->name_key);
  g_free (self->index_text);
  g_free (self->rank_text);

  G_OBJECT_CLASS (par_unit_row_parent_class)->finalize (object);
}

static void
par_unit_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ParUnitRow *self = PAR_UNIT_ROW (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, par_unit_row_get_code (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_IS_BLOCK:
      g_value_set_boolean (value, self->children != NULL);
      break;
    case PROP_INDEX:
      g_value_set_double (value, self->index);
      break;
    case PROP_INDEX_TEXT:
      g_value_set_string (value, self->index_text);
      break;
    case PROP_BAND:
      g_value_set_string (value, self->band);
      break;
    case PROP_RANK:
      g_value_set_int64 (value, self->rank);
      break;
    case PROP_RANK_TEXT:
      g_value_set_string (value, self->rank_text);
      break;
    case PROP_PROVISIONAL:
      g_value_set_boolean (value, self->provisional);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_unit_row_class_init (ParUnitRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = par_unit_row_finalize;
  object_class->get_property = par_unit_row_get_property;

  properties [PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties [PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties [PROP_IS_BLOCK] = g_param_spec_boolean ("is-block", NULL, NULL, FALSE, flags);
  properties [PROP_INDEX] = g_param_spec_double ("index", NULL, NULL, -1, 100, -1, flags);
  properties [PROP_INDEX_TEXT] = g_param_spec_string ("index-text", NULL, NULL, NULL, flags);
  properties [PROP_BAND] = g_param_spec_string ("band", NULL, NULL, NULL, flags);
  properties [PROP_RANK] = g_param_spec_int64 ("rank", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_RANK_TEXT] = g_param_spec_string ("rank-text", NULL, NULL, NULL, flags);
  properties [PROP_PROVISIONAL] = g_param_spec_boolean ("provisional", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
par_unit_row_init (ParUnitRow *self)
{
  self->index = -1;
}

/**
 * par_unit_row_new_block:
 * @name: the block's name
 * @children: the block's unit rows
 *
 * Returns: (transfer full): a block row
 */
ParUnitRow *
par_unit_row_new_block (const char *name,
                        GListModel *children)
{
  ParUnitRow *self = g_object_new (PAR_TYPE_UNIT_ROW, NULL);

  self->name = g_strdup (name);
  self->folded = par_text_fold (name);
  self->children = g_object_ref (children);
  return self;
}

/**
 * par_unit_row_new_unit:
 * @result: (transfer none): the unit's results, which must outlive the row
 * @ranked: the number of ranked units of its block
 *
 * Returns: (transfer full): a unit row
 */
ParUnitRow *
par_unit_row_new_unit (ParUnitResult *result,
                       guint          ranked)
{
  ParUnitRow *self = g_object_new (PAR_TYPE_UNIT_ROW, NULL);
  g_autofree char *text = NULL;

  self->result = result;
  self->name = g_strdup (result->name);
  self->name_key = par_text_sort_key (result->name);
  text = g_strdup_printf ("%s %s", result->code, result->name);
  self->folded = par_text_fold (text);
  par_unit_row_sync (self, ranked);
  return self;
}

gboolean
par_unit_row_is_block (ParUnitRow *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_ROW (self), FALSE);
  return self->children != NULL;
}

/**
 * par_unit_row_get_children:
 *
 * Returns: (transfer none) (nullable): the units of a block row
 */
GListModel *
par_unit_row_get_children (ParUnitRow *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_ROW (self), NULL);
  return self->children;
}

ParUnitResult *
par_unit_row_get_result (ParUnitRow *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_ROW (self), NULL);
  return self->result;
}

const char *
par_unit_row_get_code (ParUnitRow *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_ROW (self), NULL);
  return self->result != NULL ? self->result->code : NULL;
}

const char *
par_unit_row_get_name (ParUnitRow *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_ROW (self), NULL);
  return self->name;
}

/**
 * par_unit_row_get_name_key:
 *
 * Returns: (nullable): the key that sorts a unit row by name in natural
 *   order ("Số 2" before "Số 10"), compared with strcmp(); %NULL for a
 *   block row
 */
const char *
par_unit_row_get_name_key (ParUnitRow *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_ROW (self), NULL);
  return self->name_key;
}

const char *
par_unit_row_get_folded (ParUnitRow *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_ROW (self), NULL);
  return self->folded;
}

static void
set_string (ParUnitRow  *self,
            char       **field,
            char        *value,
            guint        prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    {
      g_free (value);
      return;
    }
  g_free (*field);
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
}

/**
 * par_unit_row_sync:
 * @self: a unit row
 * @ranked: the number of ranked units of its block
 *
 * Shows the unit's results as they are now.
 */
void
par_unit_row_sync (ParUnitRow *self,
                   guint       ranked)
{
  ParUnitResult *result = self->result;
  double index;

  g_return_if_fail (PAR_IS_UNIT_ROW (self));

  if (result == NULL)
    return;

  index = result->index == PAR_CENTI_NONE ? -1 : result->index / 100.0;
  g_object_freeze_notify (G_OBJECT (self));
  if (index != self->index)
    {
      self->index = index;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INDEX]);
    }
  set_string (self, &self->index_text,
              result->index == PAR_CENTI_NONE ? g_strdup ("") : par_format_index (result->index),
              PROP_INDEX_TEXT);
  if (g_strcmp0 (self->band, result->band) != 0)
    {
      self->band = result->band;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BAND]);
    }
  if ((gint64) result->rank != self->rank)
    {
      self->rank = result->rank;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RANK]);
    }
  set_string (self, &self->rank_text,
              result->rank > 0 ? g_strdup_printf ("%u/%u", result->rank, ranked) : g_strdup (""),
              PROP_RANK_TEXT);
  if (result->provisional != self->provisional)
    {
      self->provisional = result->provisional;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROVISIONAL]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}
