/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-annex-document.h"
#include "par-decision.h"
#include "par-results.h"
#include "par-types.h"
#include "par-workspace.h"

G_BEGIN_DECLS

/**
 * PAR_ANNEX_UNIT_SHEETS_MAX:
 *
 * Without an explicit list of units, the annexes have a score sheet per
 * unit only when the year has at most this many units: a province's
 * 100–150 communes and 20–40 departments fit; the national 3,321 do not
 * (3,321 score sheets are neither printable nor quick to write).
 */
#define PAR_ANNEX_UNIT_SHEETS_MAX 200

guint             par_annex_document_count_unit_sheets (ParYearResults     *results,
                                                        GStrv               unit_codes);
ParAnnexDocument *par_annex_document_build             (ParWorkspace       *workspace,
                                                        ParYearResults     *results,
                                                        const ParDecision  *decision,
                                                        const char         *fingerprint,
                                                        GStrv               unit_codes,
                                                        GCancellable       *cancellable,
                                                        GError            **error);
ParAnnexDocument *par_annex_document_build_for_year    (ParWorkspace       *workspace,
                                                        int                 year,
                                                        GCancellable       *cancellable,
                                                        GError            **error);

G_END_DECLS
