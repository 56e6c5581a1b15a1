/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-sha256.h"
#include "par-types.h"

G_BEGIN_DECLS

/* The package format (docs/package-format.md). */
#define PAR_PACKAGE_FORMAT          "parindex-package/1"
#define PAR_PACKAGE_FORMAT_PREFIX   "parindex-package/"
#define PAR_PACKAGE_MANIFEST_NAME   "manifest.json"
#define PAR_PACKAGE_SUBMISSION_NAME "submission.json"
#define PAR_PACKAGE_RETURN_NAME     "return.json"
#define PAR_PACKAGE_DOCUMENTS_DIR   "documents/"
#define PAR_PACKAGE_SUFFIX          ".parpkg"

/* What a reader accepts at most: anything beyond is refused before it is
 * read further (a zip bomb, a manifest that lies). */
#define PAR_PACKAGE_MAX_MANIFEST_SIZE  (1 << 20)
#define PAR_PACKAGE_MAX_CONTENT_SIZE   (32 << 20)
#define PAR_PACKAGE_MAX_DOCUMENT_SIZE  (G_GINT64_CONSTANT (2) << 30)
#define PAR_PACKAGE_MAX_TOTAL_SIZE     (G_GINT64_CONSTANT (16) << 30)
#define PAR_PACKAGE_MAX_PARTS          10000
#define PAR_PACKAGE_MAX_NAME_LENGTH    255
#define PAR_PACKAGE_MAX_JSON_DEPTH     16
#define PAR_PACKAGE_MAX_RATIO          100
#define PAR_PACKAGE_RATIO_FLOOR        (G_GINT64_CONSTANT (64) << 20)
#define PAR_PACKAGE_MAX_ROUND          999

/**
 * ParPackageKind:
 * @PAR_PACKAGE_SUBMISSION: a unit's self-assessment, sent to the office
 * @PAR_PACKAGE_RETURN: the office's appraisal, returned to the unit
 *
 * The two kinds of package.
 */
typedef enum
{
  PAR_PACKAGE_SUBMISSION,
  PAR_PACKAGE_RETURN,
} ParPackageKind;

/**
 * ParPackagePart:
 * @name: the part's name in the archive
 * @size: its size in bytes
 * @sha256: the SHA-256 of its bytes, lower-case hexadecimal
 *
 * One part listed by a manifest.
 */
typedef struct
{
  char   *name;
  gint64  size;
  char    sha256[PAR_SHA256_HEX_SIZE];
} ParPackagePart;

/**
 * ParPackageManifest:
 * @kind: submission or return
 * @year: the assessment year
 * @unit_code: the unit's code
 * @unit_name: the unit's name
 * @block: (nullable): the unit's block at the sender
 * @round: the round (1, 2, …)
 * @criteria_sha256: the checksum of the criteria set the entries are scored against
 * @criteria_title: (nullable): its title
 * @created_at: when the package was written (ISO 8601)
 * @generator: (nullable): the program that wrote it
 * @answers: (nullable): for a submission of round 2 and later, the SHA-256
 *   of the return package it answers
 * @parts: (element-type ParPackagePart): the parts, in archive order; the
 *   first is the content part
 *
 * The manifest of a package (`manifest.json`).
 */
typedef struct
{
  ParPackageKind  kind;
  int             year;
  char           *unit_code;
  char           *unit_name;
  char           *block;
  int             round;
  char           *criteria_sha256;
  char           *criteria_title;
  char           *created_at;
  char           *generator;
  char           *answers;
  GArray         *parts;
} ParPackageManifest;

const char          *par_package_kind_to_string      (ParPackageKind             kind);
const char          *par_package_content_name        (ParPackageKind             kind);
char                *par_package_document_name       (const char                *sha256,
                                                      const char                *media_type);
const char          *par_package_document_sha256     (const char                *name);

ParPackageManifest  *par_package_manifest_new        (void);
void                 par_package_manifest_free       (ParPackageManifest        *manifest);
void                 par_package_manifest_add_part   (ParPackageManifest        *manifest,
                                                      const char                *name,
                                                      gint64                     size,
                                                      const char                *sha256);
const ParPackagePart *par_package_manifest_get_part  (const ParPackageManifest  *manifest,
                                                      guint                      index);
ParPackageManifest  *par_package_manifest_parse      (const char                *data,
                                                      gsize                      length,
                                                      GError                   **error);
char                *par_package_manifest_to_json    (const ParPackageManifest  *manifest);

gboolean             par_package_check_name          (const char                *name,
                                                      GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParPackageManifest, par_package_manifest_free)

G_END_DECLS
