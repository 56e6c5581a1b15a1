/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-types.h"

G_BEGIN_DECLS

/**
 * ParHistoryRecord:
 * @id: the record's place in the audit log (increasing)
 * @at: when (ISO 8601, UTC)
 * @user: the operating-system user
 * @year: the year the change belongs to
 * @unit_code: the unit's code, "" when none
 * @criterion_code: the leaf's code, "" when none
 * @stage: the #ParStage of a score entry or explanation, -1 for any other change
 * @old_value: (nullable): the value before
 * @new_value: (nullable): the value after
 * @old_note: (nullable): the note before
 * @new_note: (nullable): the note after
 * @origin: "<program>:<action>" (docs/audit-log.md)
 * @detail: (nullable): more about the change
 *
 * One record of the audit log, as the history shows it.
 */
typedef struct
{
  gint64  id;
  char   *at;
  char   *user;
  int     year;
  char   *unit_code;
  char   *criterion_code;
  int     stage;
  char   *old_value;
  char   *new_value;
  char   *old_note;
  char   *new_note;
  char   *origin;
  char   *detail;
} ParHistoryRecord;

/**
 * ParOrigin:
 * @program: (nullable): "window", "cli", … (%NULL for records written
 *   before origins named their program)
 * @action: what was done ("edit", "import", "receive", …)
 * @package: (nullable): the first 16 hexadecimal digits of the package
 *   whose reception made the change
 * @round: the package's round, 0 when none
 *
 * A record's origin taken apart.
 */
typedef struct
{
  char *program;
  char *action;
  char *package;
  int   round;
} ParOrigin;

typedef enum
{
  PAR_HISTORY_TEXT,
  PAR_HISTORY_CSV,
  PAR_HISTORY_JSON,
} ParHistoryFormat;

/**
 * ParHistoryFunc:
 * @record: (transfer none): a record, valid during the call only
 * @user_data: data given with the function
 *
 * Returns: %FALSE to stop
 */
typedef gboolean (*ParHistoryFunc) (const ParHistoryRecord *record,
                                    gpointer                user_data);

typedef struct _ParHistoryWriter ParHistoryWriter;

ParHistoryRecord *par_history_record_copy       (const ParHistoryRecord *record);
void              par_history_record_free       (ParHistoryRecord       *record);
void              par_origin_parse              (const char             *origin,
                                                 ParOrigin              *out_origin);
void              par_origin_clear              (ParOrigin              *origin);
const char       *par_origin_describe_action    (const char             *action);
char             *par_origin_describe           (const ParOrigin        *origin);
char             *par_history_describe_value    (const char             *value,
                                                 char                    decimal_separator);
char             *par_history_local_time        (const char             *at);
char             *par_history_describe_change   (const ParHistoryRecord *record,
                                                 char                    decimal_separator);
gboolean          par_history_detail_is_text    (const char             *detail);

ParHistoryWriter *par_history_writer_new        (ParHistoryFormat        format,
                                                 int                     year,
                                                 const char             *unit_code,
                                                 const char             *criterion_code,
                                                 char                    decimal_separator);
void              par_history_writer_add        (ParHistoryWriter       *writer,
                                                 const ParHistoryRecord *record);
char             *par_history_writer_take       (ParHistoryWriter       *writer);
char             *par_history_writer_finish     (ParHistoryWriter       *writer);
void              par_history_writer_free       (ParHistoryWriter       *writer);

gboolean          par_workspace_foreach_history (ParWorkspace           *self,
                                                 int                     year,
                                                 const char             *unit_code,
                                                 const char             *criterion_code,
                                                 ParHistoryFunc          func,
                                                 gpointer                user_data,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
GPtrArray        *par_workspace_list_history    (ParWorkspace           *self,
                                                 int                     year,
                                                 const char             *unit_code,
                                                 const char             *criterion_code,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
void              par_workspace_list_history_async  (ParWorkspace        *self,
                                                     int                  year,
                                                     const char          *unit_code,
                                                     const char          *criterion_code,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray        *par_workspace_list_history_finish (ParWorkspace        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParHistoryRecord, par_history_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParHistoryWriter, par_history_writer_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ParOrigin, par_origin_clear)

G_END_DECLS
