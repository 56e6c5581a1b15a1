/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-cycle-content.h"
#include "par-cycle.h"
#include "par-workspace-private.h"

G_BEGIN_DECLS

/* One package in a workspace's log, sent or received. */
typedef struct
{
  gint64          id;
  ParPackageKind  kind;
  gboolean        sent;
  int             round;
  char           *sha256;
  char           *at;
  char           *content;
} ParPackageRow;

typedef struct
{
  ParYearContext *context;
  ParYearUnit    *unit;
  ParYearBlock   *block;
} ParCycleUnit;

void              _par_package_row_free       (ParPackageRow   *row);
GPtrArray        *_par_document_reviews_new   (void);
gboolean          _par_cycle_audit            (ParWorkspace    *self,
                                               int              year,
                                               const char      *unit_code,
                                               const char      *criterion_code,
                                               int              stage,
                                               const char      *old_value,
                                               const char      *new_value,
                                               const char      *old_note,
                                               const char      *new_note,
                                               const char      *action,
                                               const char      *detail,
                                               GError         **error);
char             *_par_cycle_package_action   (const char      *what,
                                               const char      *sha256,
                                               int              round);
gboolean          _par_cycle_log_package      (ParWorkspace    *self,
                                               int              year,
                                               ParYearUnit     *unit,
                                               ParPackageKind   kind,
                                               gboolean         sent,
                                               int              round,
                                               const char      *sha256,
                                               const char      *manifest_sha256,
                                               gint64           size,
                                               const char      *created_at,
                                               const char      *content,
                                               GError         **error);
gboolean          _par_cycle_store_deadline   (ParWorkspace    *self,
                                               int              year,
                                               ParYearUnit     *unit,
                                               ParCycleStage    stage,
                                               const char      *date,
                                               const char      *reason,
                                               const char      *package_origin,
                                               GError         **error);
GPtrArray        *_par_cycle_list_packages    (ParWorkspace    *self,
                                               int              year,
                                               gint64           unit_id,
                                               GError         **error);
const ParPackageRow *_par_cycle_last_package  (GPtrArray       *rows,
                                               ParPackageKind   kind,
                                               gboolean         sent);
GPtrArray        *_par_cycle_lookup_packages  (ParWorkspace    *self,
                                               int              year,
                                               const char      *unit_code,
                                               ParCycleUnit    *out_unit,
                                               GError         **error);
gboolean          _par_cycle_lookup_unit      (ParWorkspace    *self,
                                               int              year,
                                               const char      *unit_code,
                                               ParCycleUnit    *out_unit,
                                               GError         **error);
ParCycleContent  *_par_cycle_build_content    (ParWorkspace    *self,
                                               ParCycleUnit    *unit,
                                               ParPackageKind   kind,
                                               GHashTable      *document_ids,
                                               GError         **error);
char             *_par_cycle_local_date       (const char      *iso8601);
char             *_par_cycle_local_time       (const char      *iso8601);
char             *_par_cycle_today            (void);
char             *_par_cycle_get_extension    (ParWorkspace    *self,
                                               int              year,
                                               gint64           unit_id,
                                               ParCycleStage    stage,
                                               char           **out_reason,
                                               GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParPackageRow, _par_package_row_free)

G_END_DECLS
