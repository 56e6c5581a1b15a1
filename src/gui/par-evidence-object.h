/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-evidence.h"

G_BEGIN_DECLS

#define PAR_TYPE_EVIDENCE_OBJECT (par_evidence_object_get_type ())

G_DECLARE_FINAL_TYPE (ParEvidenceObject, par_evidence_object, PAR, EVIDENCE_OBJECT, GObject)

ParEvidenceObject *par_evidence_object_new          (const ParEvidence *evidence);
const ParEvidence *par_evidence_object_get_evidence (ParEvidenceObject *self);
const char        *par_evidence_object_get_title    (ParEvidenceObject *self);
char              *par_evidence_object_dup_subtitle (ParEvidenceObject *self);

G_END_DECLS
