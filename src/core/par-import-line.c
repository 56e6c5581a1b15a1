/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-import-line"

#include "config.h"

#include "par-import-line.h"

#include <glib/gi18n-lib.h>

/**
 * ParImportLine:
 *
 * One line of a units or scores file as an import reads it: either a row
 * with its fields as they will be read (trimmed, NFC; for scores, what the
 * leaf's rule makes of the value), for the preview of a check
 * (par_workspace_check_import()); or a bad row, with why it is refused.
 */
struct _ParImportLine
{
  GObject        parent_instance;

  guint          line;
  char          *column;
  char          *problem;
  ParImportRemedy remedy;
  char         **values;
  guint          n_values;
  gboolean       evaluated;
  ParEntryState  state;
  ParMilli       points;
};

G_DEFINE_FINAL_TYPE (ParImportLine, par_import_line, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LINE,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
par_import_line_finalize (GObject *object)
{
  ParImportLine *self = (ParImportLine *)object;

  g_free (self->column);
  g_free (self->problem);
  if (self->values != NULL)
    for (guint i = 0; i < self->n_values; i++)
      g_free (self->values[i]);
  g_free (self->values);

  G_OBJECT_CLASS (par_import_line_parent_class)->finalize (object);
}

static void
par_import_line_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ParImportLine *self = PAR_IMPORT_LINE (object);

  switch (prop_id)
    {
    case PROP_LINE:
      g_value_set_uint (value, self->line);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_import_line_class_init (ParImportLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = par_import_line_finalize;
  object_class->get_property = par_import_line_get_property;

  /**
   * ParImportLine:line:
   *
   * The line of the file the row starts on (1 is the header).
   */
  properties [PROP_LINE] =
    g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ParImportLine:problem:
   *
   * Why the row is refused, or %NULL.
   */
  properties [PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
par_import_line_init (ParImportLine *self)
{
}

/**
 * par_import_line_new_problem:
 * @line: the line of the file
 * @column: (nullable): the format's column at fault, when one is
 * @problem: why the row is refused
 *
 * Returns: (transfer full): a bad row
 */
ParImportLine *
par_import_line_new_problem (guint       line,
                             const char *column,
                             const char *problem)
{
  ParImportLine *self = g_object_new (PAR_TYPE_IMPORT_LINE, NULL);

  g_return_val_if_fail (problem != NULL, NULL);

  self->line = line;
  self->column = g_strdup (column);
  self->problem = g_strdup (problem);
  return self;
}

/**
 * par_import_line_new_row:
 * @line: the line of the file
 * @values: (array length=n_values) (transfer full): the fields as read, one
 *   per column of the check (par_import_check_get_columns())
 * @n_values: how many
 *
 * Returns: (transfer full): a row as it will be read
 */
ParImportLine *
par_import_line_new_row (guint   line,
                         char  **values,
                         guint   n_values)
{
  ParImportLine *self = g_object_new (PAR_TYPE_IMPORT_LINE, NULL);

  self->line = line;
  self->values = values;
  self->n_values = n_values;
  return self;
}

guint
par_import_line_get_line (ParImportLine *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_LINE (self), 0);
  return self->line;
}

/**
 * par_import_line_get_remedy:
 *
 * Returns: what can be done about a bad row besides correcting it
 */
ParImportRemedy
par_import_line_get_remedy (ParImportLine *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_LINE (self), PAR_IMPORT_REMEDY_NONE);

  return self->remedy;
}

void
_par_import_line_set_remedy (ParImportLine   *self,
                             ParImportRemedy  remedy)
{
  g_return_if_fail (PAR_IS_IMPORT_LINE (self));

  self->remedy = remedy;
}

/**
 * par_import_remedy_for_command_line:
 * @remedy: a #ParImportRemedy
 *
 * Returns: (nullable): the remedy as the command line says it, with the
 *   command to run; %NULL for %PAR_IMPORT_REMEDY_NONE
 */
const char *
par_import_remedy_for_command_line (ParImportRemedy remedy)
{
  switch (remedy)
    {
    case PAR_IMPORT_REMEDY_ADD_UNIT:
      return _("add it with “parindex-cli add-units”");
    case PAR_IMPORT_REMEDY_NONE:
    default:
      return NULL;
    }
}

/**
 * par_import_line_get_problem:
 *
 * Returns: (nullable): why the row is refused
 */
const char *
par_import_line_get_problem (ParImportLine *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_LINE (self), NULL);
  return self->problem;
}

/**
 * par_import_line_get_column:
 *
 * Returns: (nullable): the name of the format's column at fault (“value”,
 *   “unit”…), or %NULL when the row as a whole is (a unit listed twice)
 */
const char *
par_import_line_get_column (ParImportLine *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_LINE (self), NULL);
  return self->column;
}

guint
par_import_line_get_n_values (ParImportLine *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_LINE (self), 0);
  return self->n_values;
}

/**
 * par_import_line_get_value:
 * @column: a column of the check
 *
 * Returns: the field as it will be read ("" for a column beyond the row's)
 */
const char *
par_import_line_get_value (ParImportLine *self,
                           guint          column)
{
  g_return_val_if_fail (PAR_IS_IMPORT_LINE (self), NULL);
  return column < self->n_values && self->values[column] != NULL ? self->values[column] : "";
}

/**
 * par_import_line_get_entry:
 * @out_state: (out) (optional): how the value reads: a value, not
 *   applicable, not arising, or empty (the entry is cleared)
 * @out_points: (out) (optional): the points it gives
 *
 * Returns: whether the row's value was read by its leaf's rule (a scores
 *   row that names a unit and a leaf of the year, and whose value the rule
 *   accepts)
 */
gboolean
par_import_line_get_entry (ParImportLine *self,
                           ParEntryState *out_state,
                           ParMilli      *out_points)
{
  g_return_val_if_fail (PAR_IS_IMPORT_LINE (self), FALSE);

  if (out_state != NULL)
    *out_state = self->state;
  if (out_points != NULL)
    *out_points = self->points;
  return self->evaluated;
}

void
_par_import_line_set_entry (ParImportLine  *self,
                            const ParEntry *entry)
{
  g_return_if_fail (PAR_IS_IMPORT_LINE (self));

  self->evaluated = TRUE;
  self->state = entry->state;
  self->points = entry->points;
}
