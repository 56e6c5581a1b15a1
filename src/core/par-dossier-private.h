/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-dossier.h"

G_BEGIN_DECLS

/* One criterion's part of a dossier: its documents, or its explanation
 * where evidence is missing. */
typedef struct
{
  const ParCriterion *leaf;
  guint               first;        /* in ParDossierData.evidence */
  guint               n_evidence;
  char               *explanation;  /* nullable */
} ParDossierSection;

typedef struct
{
  ParWorkspace    *workspace;
  int              year;
  char            *unit_code;
  char            *unit_name;
  char            *block_name;
  ParCriteriaSet  *set;
  GPtrArray       *evidence;        /* ParEvidence, criterion order */
  GArray          *sections;        /* ParDossierSection */
  GPtrArray       *missing;         /* const ParCriterion: no evidence, no explanation */
  ParProgressFunc  progress;
  gpointer         progress_data;
} ParDossierData;

char     *_par_dossier_safe_name   (const char      *text,
                                    gsize            max_chars);
char     *_par_dossier_pages_text  (const ParEvidence *evidence);
gboolean  _par_dossier_write_pdf   (ParDossierData  *data,
                                    const char      *path,
                                    GCancellable    *cancellable,
                                    GError         **error);
gboolean  _par_dossier_write_zip   (ParDossierData  *data,
                                    const char      *path,
                                    GCancellable    *cancellable,
                                    GError         **error);

G_END_DECLS
