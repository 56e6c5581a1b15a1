/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-sqlite-private.h"

G_BEGIN_DECLS

/* The audit log's hash chain (docs/audit-log.md): every record carries
 * SHA-256 (record, hash of the year's previous record), so that a record
 * edited or deleted in the file breaks the chain of its year. */

#define PAR_AUDIT_HASH_LENGTH 64

/**
 * ParAuditRecord:
 * @year: the year the change belongs to (0: the workspace as a whole)
 * @unit_code: the unit's code, "" when none
 * @criterion_code: the leaf's code, "" when none
 * @stage: the #ParStage of a score entry, -1 for any other change
 * @old_value: (nullable): the value before
 * @new_value: (nullable): the value after
 * @old_note: (nullable): the note before
 * @new_note: (nullable): the note after
 * @action: what was done ("edit", "import", "attach", "publish", …); the
 *   record's origin is "<program>:<action>"
 * @detail: (nullable): more about the change (a fingerprint, a file name)
 *
 * One change, as the write paths hand it to the audit log.
 */
typedef struct
{
  int         year;
  const char *unit_code;
  const char *criterion_code;
  int         stage;
  const char *old_value;
  const char *new_value;
  const char *old_note;
  const char *new_note;
  const char *action;
  const char *detail;
} ParAuditRecord;

typedef struct _ParAuditWriter ParAuditWriter;

ParAuditWriter *par_audit_writer_new        (sqlite3               *db,
                                             GError               **error);
gboolean        par_audit_writer_append     (ParAuditWriter        *writer,
                                             const ParAuditRecord  *record,
                                             GError               **error);
gboolean        par_audit_writer_finish     (ParAuditWriter        *writer,
                                             GError               **error);
void            par_audit_writer_free       (ParAuditWriter        *writer);
const char     *par_audit_writer_get_time   (ParAuditWriter        *writer);
gint64          par_audit_writer_get_first  (ParAuditWriter        *writer);
gint64          par_audit_writer_get_next   (ParAuditWriter        *writer);

gboolean        par_audit_seal_unsealed     (sqlite3               *db,
                                             GError               **error);
gboolean        par_audit_verify_chain      (sqlite3               *db,
                                             int                    year,
                                             gint64                *out_count,
                                             GError               **error);
char           *par_audit_get_program       (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParAuditWriter, par_audit_writer_free)

G_END_DECLS
