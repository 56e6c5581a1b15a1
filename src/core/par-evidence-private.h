/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-evidence.h"
#include "par-workspace-private.h"

G_BEGIN_DECLS

/* The page cache while documents stream through a connection, in KiB. */
#define PAR_STREAMING_CACHE_KIB 8192

gint64   _par_workspace_set_cache_size (ParWorkspace  *self,
                                        gint64         value);

/* How metadata are applied to a stored document. */
typedef enum
{
  PAR_APPLY_ALL,      /* an edit: every field, an empty one cleared (the title kept) */
  PAR_APPLY_GIVEN,    /* a new document: the fields given */
  PAR_APPLY_MISSING,  /* content stored already: only what it lacks, never a rename */
} ParApplyMode;

/* What attaching shares with the rest of the evidence store
 * (par-workspace-attach.c). */
gboolean      _par_evidence_check_texts   (const ParDocumentInfo  *info,
                                           const char             *pages,
                                           GError                **error);
gboolean      _par_evidence_check_date    (const char             *date,
                                           GError                **error);
gint64        _par_evidence_resolve_leaf  (ParWorkspace           *self,
                                           int                     year,
                                           const char             *unit_code,
                                           const char             *criterion_code,
                                           ParYearUnit           **out_unit,
                                           const ParCriterion    **out_leaf,
                                           GError                **error);
gboolean      _par_evidence_apply_info    (ParWorkspace           *self,
                                           gint64                  document_id,
                                           const ParDocumentInfo  *info,
                                           ParApplyMode            mode,
                                           GError                **error);
ParEvidence  *_par_evidence_get           (ParWorkspace           *self,
                                           gint64                  link_id,
                                           GError                **error);

/* Storing documents and links inside the caller's transaction. */
typedef struct _ParDocumentSink ParDocumentSink;

gint64            _par_workspace_find_document    (ParWorkspace           *self,
                                                   const char             *sha256,
                                                   GError                **error);
gint64            _par_workspace_insert_document  (ParWorkspace           *self,
                                                   const char             *sha256,
                                                   const char             *media_type,
                                                   gint64                  size,
                                                   int                     page_count,
                                                   const char             *file_name,
                                                   const char             *title,
                                                   const ParDocumentInfo  *info,
                                                   const char             *now,
                                                   GError                **error);
gint64            _par_workspace_insert_link      (ParWorkspace           *self,
                                                   gint64                  document_id,
                                                   int                     year,
                                                   gint64                  unit_id,
                                                   gint64                  criterion_id,
                                                   const char             *pages,
                                                   const char             *now,
                                                   GError                **error);
gboolean          _par_workspace_audit_link       (ParWorkspace           *self,
                                                   const char             *action,
                                                   gint64                  link_id,
                                                   const char             *old_pages,
                                                   GError                **error);
ParDocumentSink  *_par_document_sink_new          (ParWorkspace           *self,
                                                   gint64                  document_id,
                                                   GError                **error);
gboolean          _par_document_sink_write        (ParDocumentSink        *sink,
                                                   const guint8           *data,
                                                   gsize                   length,
                                                   GError                **error);
gboolean          _par_document_sink_close        (ParDocumentSink        *sink,
                                                   GError                **error);
void              _par_document_sink_free         (ParDocumentSink        *sink);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParDocumentSink, _par_document_sink_free)


G_END_DECLS
