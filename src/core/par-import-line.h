/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-rule.h"
#include "par-types.h"

G_BEGIN_DECLS

#define PAR_TYPE_IMPORT_LINE (par_import_line_get_type ())

/**
 * ParImportRemedy:
 * @PAR_IMPORT_REMEDY_NONE: the row itself is to be corrected
 * @PAR_IMPORT_REMEDY_ADD_UNIT: the row names a unit the year does not
 *   have yet: add the unit first
 *
 * What the clerk can do about a bad row besides correcting it, said by
 * each program in its own terms (a command, a button).
 */
typedef enum
{
  PAR_IMPORT_REMEDY_NONE,
  PAR_IMPORT_REMEDY_ADD_UNIT,
} ParImportRemedy;

G_DECLARE_FINAL_TYPE (ParImportLine, par_import_line, PAR, IMPORT_LINE, GObject)

ParImportLine *par_import_line_new_problem (guint           line,
                                            const char     *column,
                                            const char     *problem);
ParImportLine *par_import_line_new_row     (guint           line,
                                            char          **values,
                                            guint           n_values);
guint          par_import_line_get_line    (ParImportLine  *self);
const char    *par_import_line_get_problem (ParImportLine  *self);
const char    *par_import_line_get_column  (ParImportLine  *self);
ParImportRemedy par_import_line_get_remedy (ParImportLine  *self);
void           _par_import_line_set_remedy (ParImportLine  *self,
                                            ParImportRemedy remedy);
const char    *par_import_remedy_for_command_line (ParImportRemedy remedy);
guint          par_import_line_get_n_values (ParImportLine *self);
const char    *par_import_line_get_value   (ParImportLine  *self,
                                            guint           column);
gboolean       par_import_line_get_entry   (ParImportLine  *self,
                                            ParEntryState  *out_state,
                                            ParMilli       *out_points);
void           _par_import_line_set_entry  (ParImportLine  *self,
                                            const ParEntry *entry);

G_END_DECLS
