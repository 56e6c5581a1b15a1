/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-results.h"
#include "par-types.h"

G_BEGIN_DECLS

#define PAR_TYPE_UNIT_ROW (par_unit_row_get_type ())

G_DECLARE_FINAL_TYPE (ParUnitRow, par_unit_row, PAR, UNIT_ROW, GObject)

ParUnitRow     *par_unit_row_new_block    (const char     *name,
                                           GListModel     *children);
ParUnitRow     *par_unit_row_new_unit     (ParUnitResult  *result,
                                           guint           ranked);
gboolean        par_unit_row_is_block     (ParUnitRow     *self);
GListModel     *par_unit_row_get_children (ParUnitRow     *self);
ParUnitResult  *par_unit_row_get_result   (ParUnitRow     *self);
const char     *par_unit_row_get_code     (ParUnitRow     *self);
const char     *par_unit_row_get_name     (ParUnitRow     *self);
const char     *par_unit_row_get_folded   (ParUnitRow     *self);
const char     *par_unit_row_get_name_key (ParUnitRow     *self);
void            par_unit_row_sync         (ParUnitRow     *self,
                                           guint           ranked);

G_END_DECLS
