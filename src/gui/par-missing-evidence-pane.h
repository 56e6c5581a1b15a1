/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "par-unit-session.h"

G_BEGIN_DECLS

#define PAR_TYPE_MISSING_EVIDENCE_PANE (par_missing_evidence_pane_get_type ())

G_DECLARE_FINAL_TYPE (ParMissingEvidencePane, par_missing_evidence_pane,
                      PAR, MISSING_EVIDENCE_PANE, GtkWidget)

void         par_missing_evidence_pane_set_session (ParMissingEvidencePane *self,
                                                    ParUnitSession         *session);
guint        par_missing_evidence_pane_get_n_missing (ParMissingEvidencePane *self);
GtkListView *par_missing_evidence_pane_get_list    (ParMissingEvidencePane *self);

G_END_DECLS
