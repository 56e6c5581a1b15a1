/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-history-item"

#include "config.h"

#include "par-history-item.h"

#include <glib/gi18n.h>

/**
 * ParHistoryItem:
 *
 * A row of the history window: one audit record as the clerk reads it —
 * the time in local time, values with the user's decimal separator, the
 * stage, the action and the origin in words.
 */
struct _ParHistoryItem
{
  GObject  parent_instance;

  gint64   id;
  char    *texts[9];
};

G_DEFINE_FINAL_TYPE (ParHistoryItem, par_history_item, G_TYPE_OBJECT)

/* The texts, in the order of the properties after "id". */
enum {
  PROP_0,
  PROP_ID,
  PROP_WHEN,
  PROP_USER,
  PROP_UNIT,
  PROP_CRITERION,
  PROP_STAGE,
  PROP_CHANGE,
  PROP_NOTE,
  PROP_ACTION,
  PROP_ORIGIN,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
par_history_item_finalize (GObject *object)
{
  ParHistoryItem *self = (ParHistoryItem *)object;

  for (guint i = 0; i < G_N_ELEMENTS (self->texts); i++)
    g_free (self->texts[i]);

  G_OBJECT_CLASS (par_history_item_parent_class)->finalize (object);
}

static void
par_history_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ParHistoryItem *self = PAR_HISTORY_ITEM (object);

  if (prop_id == PROP_ID)
    g_value_set_int64 (value, self->id);
  else if (prop_id > PROP_ID && prop_id < N_PROPS)
    g_value_set_string (value, self->texts[prop_id - PROP_WHEN]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
par_history_item_class_init (ParHistoryItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  static const char *names[] = {
    "when", "user", "unit", "criterion", "stage", "change", "note", "action", "origin",
  };

  object_class->finalize = par_history_item_finalize;
  object_class->get_property = par_history_item_get_property;

  properties [PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    properties [PROP_WHEN + i] = g_param_spec_string (names[i], NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
par_history_item_init (ParHistoryItem *self)
{
}

static char *
describe_note (const ParHistoryRecord *record)
{
  if (g_strcmp0 (record->old_note, record->new_note) == 0)
    return g_strdup (record->new_note != NULL ? record->new_note : "");
  return g_strdup_printf ("%s → %s", record->old_note != NULL ? record->old_note : "—",
                          record->new_note != NULL ? record->new_note : "—");
}

/**
 * par_history_item_new:
 * @record: a record of the audit log
 * @decimal_separator: the user's
 *
 * Returns: (transfer full): the row showing @record
 */
ParHistoryItem *
par_history_item_new (const ParHistoryRecord *record,
                      char                    decimal_separator)
{
  ParHistoryItem *self = g_object_new (PAR_TYPE_HISTORY_ITEM, NULL);
  g_auto(ParOrigin) origin = { NULL };

  par_origin_parse (record->origin, &origin);
  self->id = record->id;
  self->texts[PROP_WHEN - PROP_WHEN] = par_history_local_time (record->at);
  self->texts[PROP_USER - PROP_WHEN] = g_strdup (record->user);
  self->texts[PROP_UNIT - PROP_WHEN] = g_strdup (record->unit_code);
  self->texts[PROP_CRITERION - PROP_WHEN] = g_strdup (record->criterion_code);
  self->texts[PROP_STAGE - PROP_WHEN] =
    g_strdup (record->stage == PAR_STAGE_SELF ? C_("stage", "self-assessment")
              : record->stage == PAR_STAGE_APPRAISAL ? C_("stage", "appraisal") : "");
  self->texts[PROP_CHANGE - PROP_WHEN] = par_history_describe_change (record, decimal_separator);
  self->texts[PROP_NOTE - PROP_WHEN] = describe_note (record);
  self->texts[PROP_ACTION - PROP_WHEN] = g_strdup (par_origin_describe_action (origin.action));
  self->texts[PROP_ORIGIN - PROP_WHEN] = par_origin_describe (&origin);
  return self;
}

/**
 * par_history_item_get_text:
 * @self: a #ParHistoryItem
 * @property: the name of one of its text properties ("when", "change", …)
 *
 * Returns: (transfer none): the text shown in that column
 */
const char *
par_history_item_get_text (ParHistoryItem *self,
                           const char     *property)
{
  GParamSpec *pspec;

  g_return_val_if_fail (PAR_IS_HISTORY_ITEM (self), NULL);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), property);
  g_return_val_if_fail (pspec != NULL && pspec->value_type == G_TYPE_STRING, NULL);
  for (guint i = PROP_WHEN; i < N_PROPS; i++)
    if (properties[i] == pspec)
      return self->texts[i - PROP_WHEN];
  return NULL;
}
