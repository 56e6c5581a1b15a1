/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "par-workspace.h"

G_BEGIN_DECLS

#define PAR_TYPE_EVIDENCE_PANE (par_evidence_pane_get_type ())

G_DECLARE_FINAL_TYPE (ParEvidencePane, par_evidence_pane, PAR, EVIDENCE_PANE, GtkWidget)

GtkWidget  *par_evidence_pane_new          (void);
void        par_evidence_pane_set_context  (ParEvidencePane *self,
                                            ParWorkspace    *workspace,
                                            int              year,
                                            const char      *unit_code,
                                            const char      *criterion_code);
void        par_evidence_pane_attach_file  (ParEvidencePane *self,
                                            GFile           *file);
GListModel *par_evidence_pane_get_model    (ParEvidencePane *self);
void        par_evidence_pane_select       (ParEvidencePane *self,
                                            guint            position);
GtkWidget  *par_evidence_pane_get_preview  (ParEvidencePane *self);
void        par_evidence_pane_set_editable (ParEvidencePane *self,
                                            gboolean         editable);
gboolean    par_evidence_pane_get_editable (ParEvidencePane *self);
void        par_evidence_pane_set_reviews  (ParEvidencePane *self,
                                            GPtrArray       *documents,
                                            gboolean         show,
                                            gboolean         can_review);
GtkWidget  *par_evidence_pane_lookup_review_button (ParEvidencePane *self,
                                            const char      *sha256);
void        par_evidence_pane_make_dossier (GtkWindow       *parent,
                                            ParWorkspace    *workspace,
                                            int              year,
                                            const char      *unit_code);

G_END_DECLS
