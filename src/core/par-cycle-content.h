/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-cycle.h"
#include "par-package.h"
#include "par-types.h"

G_BEGIN_DECLS

/*
 * The content part of a package (`submission.json`, `return.json`) as
 * data: parsed from untrusted JSON with every bound checked, built from a
 * workspace, and written back as JSON. docs/package-format.md describes
 * the members.
 */

typedef struct
{
  char *criterion;
  char *value;
  char *note;
} ParCycleEntry;

typedef struct
{
  char *criterion;
  char *text;
} ParCycleExplanation;

typedef struct
{
  char     *sha256;
  char     *media_type;
  gint64    size;
  int       page_count;
  char     *file_name;
  char     *title;
  char     *number;
  char     *date;
  char     *issuer;
  gboolean  carried;    /* a part of the package holds its bytes */
} ParCycleDocument;

typedef struct
{
  char *criterion;
  char *document;
  char *pages;
} ParCycleLink;

typedef struct
{
  char       *criterion;
  char       *document;   /* NULL: the criterion itself */
  ParVerdict  verdict;
  char       *comment;
  gboolean    requested;
  char       *request;
} ParCycleReview;

typedef struct
{
  ParPackageKind  kind;
  GPtrArray      *entries;        /* ParCycleEntry: self entries, or appraisal entries */
  GPtrArray      *explanations;   /* ParCycleExplanation (submission) */
  GPtrArray      *documents;      /* ParCycleDocument (submission) */
  GPtrArray      *links;          /* ParCycleLink (submission) */
  GPtrArray      *reviews;        /* ParCycleReview (return) */
  GPtrArray      *held;           /* SHA-256 strings (return) */
  char           *deadline;       /* the explanation deadline (return) */
  char           *extension;      /* the unit's extension of it (return) */
  char           *extension_reason;
} ParCycleContent;

ParCycleContent   *par_cycle_content_new           (ParPackageKind             kind);
void               par_cycle_content_free          (ParCycleContent           *content);
ParCycleContent   *par_cycle_content_parse         (ParPackageKind             kind,
                                                    const char                *data,
                                                    gsize                      length,
                                                    GError                   **error);
gboolean           par_cycle_content_match_parts   (ParCycleContent           *content,
                                                    const ParPackageManifest  *manifest,
                                                    GError                   **error);
char              *par_cycle_content_to_json       (const ParCycleContent     *content);
ParCycleDocument  *par_cycle_content_find_document (const ParCycleContent     *content,
                                                    const char                *sha256);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParCycleContent, par_cycle_content_free)

G_END_DECLS
