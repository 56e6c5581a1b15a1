/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-criteria-set.h"
#include "par-types.h"
#include "par-workspace.h"

G_BEGIN_DECLS

/**
 * ParDocumentInfo:
 * @title: (nullable): the title (default: the file's name)
 * @number: (nullable): the number/symbol (số ký hiệu), e.g. "15/KH-UBND"
 * @date: (nullable): the date, YYYY-MM-DD
 * @issuer: (nullable): the issuing body (cơ quan ban hành)
 *
 * The metadata a clerk gives a document.
 */
typedef struct
{
  const char *title;
  const char *number;
  const char *date;
  const char *issuer;
} ParDocumentInfo;

/**
 * ParDocument:
 * @id: the document's id in the workspace
 * @sha256: SHA-256 of the content, hexadecimal
 * @media_type: "application/pdf", "image/png" or "image/jpeg"
 * @size: the size in bytes
 * @page_count: the number of pages (1 for an image)
 * @file_name: (nullable): the name of the file it was attached from
 * @title: the title
 * @number: (nullable): the number/symbol
 * @date: (nullable): the date, YYYY-MM-DD
 * @issuer: (nullable): the issuing body
 * @added_at: when it was stored (ISO 8601, UTC)
 *
 * A document stored in the workspace.
 */
typedef struct
{
  gint64  id;
  char   *sha256;
  char   *media_type;
  gint64  size;
  int     page_count;
  char   *file_name;
  char   *title;
  char   *number;
  char   *date;
  char   *issuer;
  char   *added_at;
} ParDocument;

/**
 * ParEvidence:
 * @link_id: the link's id
 * @year: the year
 * @unit_code: the unit's code
 * @criterion_code: the leaf's code
 * @leaf_index: the leaf's position in its criteria set
 * @pages: (nullable): the pages or section that prove the leaf
 * @document: the document
 *
 * One document linked to one leaf of a unit in a year.
 */
typedef struct
{
  gint64       link_id;
  int          year;
  char        *unit_code;
  char        *criterion_code;
  int          leaf_index;
  char        *pages;
  ParDocument *document;
} ParEvidence;

/**
 * ParMissingEvidence:
 * @leaf: (transfer none): the leaf
 * @requested: whether the appraiser requested an explanation
 *
 * A leaf with a self entry but neither evidence nor explanation.
 */
typedef struct
{
  const ParCriterion *leaf;
  gboolean            requested;
} ParMissingEvidence;

#define PAR_DOCUMENT_CHUNK_SIZE (1024 * 1024)

ParDocument   *par_document_copy                    (const ParDocument      *document);
void           par_document_free                    (ParDocument            *document);
ParEvidence   *par_evidence_copy                    (const ParEvidence      *evidence);
void           par_evidence_free                    (ParEvidence            *evidence);
const char    *par_document_get_extension           (const ParDocument      *document);

ParEvidence   *par_workspace_attach_evidence        (ParWorkspace           *self,
                                                     int                     year,
                                                     const char             *unit_code,
                                                     const char             *criterion_code,
                                                     GFile                  *file,
                                                     const ParDocumentInfo  *info,
                                                     const char             *pages,
                                                     ParProgressFunc         progress,
                                                     gpointer                progress_data,
                                                     GCancellable           *cancellable,
                                                     GError                **error);
void           par_workspace_attach_evidence_async  (ParWorkspace           *self,
                                                     int                     year,
                                                     const char             *unit_code,
                                                     const char             *criterion_code,
                                                     GFile                  *file,
                                                     const ParDocumentInfo  *info,
                                                     const char             *pages,
                                                     ParProgressFunc         progress,
                                                     gpointer                progress_data,
                                                     GDestroyNotify          progress_destroy,
                                                     GCancellable           *cancellable,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
ParEvidence   *par_workspace_attach_evidence_finish (ParWorkspace           *self,
                                                     GAsyncResult           *result,
                                                     GError                **error);
ParEvidence   *par_workspace_link_evidence          (ParWorkspace           *self,
                                                     int                     year,
                                                     const char             *unit_code,
                                                     const char             *criterion_code,
                                                     gint64                  document_id,
                                                     const char             *pages,
                                                     GError                **error);
gboolean       par_workspace_unlink_evidence        (ParWorkspace           *self,
                                                     gint64                  link_id,
                                                     GError                **error);
gboolean       par_workspace_set_evidence_pages     (ParWorkspace           *self,
                                                     gint64                  link_id,
                                                     const char             *pages,
                                                     GError                **error);
gboolean       par_workspace_update_document        (ParWorkspace           *self,
                                                     gint64                  document_id,
                                                     const ParDocumentInfo  *info,
                                                     GError                **error);
GPtrArray     *par_workspace_list_evidence          (ParWorkspace           *self,
                                                     int                     year,
                                                     const char             *unit_code,
                                                     const char             *criterion_code,
                                                     GError                **error);
GPtrArray     *par_workspace_list_documents         (ParWorkspace           *self,
                                                     GError                **error);
ParDocument   *par_workspace_get_document           (ParWorkspace           *self,
                                                     gint64                  document_id,
                                                     GError                **error);
GHashTable    *par_workspace_count_evidence         (ParWorkspace           *self,
                                                     int                     year,
                                                     const char             *unit_code,
                                                     GError                **error);
GArray        *par_workspace_list_missing_evidence  (ParWorkspace           *self,
                                                     int                     year,
                                                     const char             *unit_code,
                                                     ParCriteriaSet        **out_set,
                                                     GError                **error);
GInputStream  *par_workspace_read_document          (ParWorkspace           *self,
                                                     gint64                  document_id,
                                                     GError                **error);
gboolean       par_workspace_save_document          (ParWorkspace           *self,
                                                     gint64                  document_id,
                                                     GFile                  *destination,
                                                     GCancellable           *cancellable,
                                                     GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParDocument, par_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParEvidence, par_evidence_free)

G_END_DECLS
