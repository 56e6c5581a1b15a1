/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-decision.h"
#include "par-workspace.h"

G_BEGIN_DECLS

gboolean _par_decision_store_signature (ParWorkspace       *workspace,
                                        int                 year,
                                        const ParDecision  *decision,
                                        GError            **error);
gboolean _par_decision_load_signature  (ParWorkspace       *workspace,
                                        int                 year,
                                        ParDecision        *decision,
                                        GError            **error);

G_END_DECLS
