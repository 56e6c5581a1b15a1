/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-decision.h"
#include "par-results.h"
#include "par-types.h"
#include "par-workspace.h"

G_BEGIN_DECLS

/**
 * PAR_ANNEX_UNIT_SHEETS_MAX:
 *
 * Without an explicit list of units, the annex workbook has a score sheet
 * per unit only when the year has at most this many units: a province's
 * 100–150 communes and 20–40 departments fit; the national 3,321 do not
 * (a workbook of 3,321 sheets is neither printable nor quick to write).
 */
#define PAR_ANNEX_UNIT_SHEETS_MAX 200

guint     par_annex_workbook_count_unit_sheets (ParYearResults     *results,
                                                GStrv               unit_codes);
gboolean  par_annex_workbook_write             (ParWorkspace       *workspace,
                                                ParYearResults     *results,
                                                const ParDecision  *decision,
                                                const char         *fingerprint,
                                                GStrv               unit_codes,
                                                const char         *path,
                                                GCancellable       *cancellable,
                                                GError            **error);

G_END_DECLS
