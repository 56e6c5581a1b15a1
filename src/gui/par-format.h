/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-criteria-set.h"
#include "par-cycle.h"
#include "par-results.h"
#include "par-types.h"

G_BEGIN_DECLS

char  *par_format_points       (ParMilli            value);
char  *par_format_index        (ParCenti            value);
char  *par_format_rule         (const ParCriterion *leaf);
char  *par_format_value        (const ParCriterion *leaf,
                                const char         *canonical);
char  *par_format_parse_value  (const char         *text);
char  *par_format_short_error  (const ParCriterion *leaf,
                                const char         *text,
                                const char         *message);
char  *par_format_change       (const ParUnitResult *unit);
char  *par_format_lineage      (const ParUnitResult *unit,
                                int                  year);

char       *par_format_unit_count   (guint               shown,
                                     guint               total);
const char *par_format_verdict_icon  (ParVerdict          verdict);
const char *par_format_verdict_style (ParVerdict          verdict);

G_END_DECLS
