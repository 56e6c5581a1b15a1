/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-annex-document.h"
#include "par-decision.h"
#include "par-results.h"
#include "par-types.h"
#include "par-workspace.h"

G_BEGIN_DECLS

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
