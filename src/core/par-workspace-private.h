/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-audit-private.h"
#include "par-sqlite-private.h"
#include "par-workspace.h"

G_BEGIN_DECLS

/* What the write paths need to know of one year: its blocks with their
 * criteria sets and the database ids of their criteria, and its units. */
typedef struct
{
  gint64          id;
  char           *name;
  ParCriteriaSet *set;
  gint64         *leaf_ids;    /* criterion id of each leaf, by leaf_index */
  GHashTable     *leaf_index_by_id;
} ParYearBlock;

typedef struct
{
  gint64  id;
  char   *code;
  char   *name;
  guint   block;
  guint   position;   /* in ParYearContext.units */
} ParYearUnit;

typedef struct
{
  int         year;
  GPtrArray  *blocks;          /* ParYearBlock */
  GHashTable *blocks_by_name;  /* name → ParYearBlock */
  GPtrArray  *units;           /* ParYearUnit */
  GHashTable *units_by_code;   /* code → ParYearUnit */
  guint       max_leaves;      /* the most leaves of any block's set */
} ParYearContext;

typedef struct
{
  ParYearUnit        *unit;
  const ParCriterion *leaf;
  ParStage            stage;
  ParEntry            entry;
  char               *note;
  gboolean            check;      /* write only if the entry holds @expected */
  const char         *expected;   /* borrowed from the caller */
} ParScoreWrite;

typedef struct _ParWorkspaceWatch ParWorkspaceWatch;
typedef struct _ParScoreWriter    ParScoreWriter;

/* A problem with a proposed lineage: the unit's code and what is wrong. */
typedef void (*ParLineageReport) (const char *unit_code,
                                  const char *message,
                                  gpointer    data);

sqlite3         *_par_workspace_get_db        (ParWorkspace       *self);
const char      *_par_workspace_get_database_path (ParWorkspace *self);
ParYearContext  *_par_workspace_get_year      (ParWorkspace       *self,
                                               int                 year,
                                               GError            **error);
ParYearUnit     *_par_year_lookup_unit        (ParYearContext     *context,
                                               const char         *unit_code,
                                               GError            **error);
gboolean         _par_workspace_has_unit      (ParWorkspace       *self,
                                               const char         *code);
ParYearUnit     *_par_workspace_lookup_unit   (ParWorkspace       *self,
                                               int                 year,
                                               const char         *unit_code,
                                               ParYearContext    **out_context,
                                               GError            **error);
const ParCriterion *_par_year_lookup_leaf     (ParYearContext     *context,
                                               ParYearUnit        *unit,
                                               const char         *criterion_code,
                                               GError            **error);
void             _par_workspace_forget_year   (ParWorkspace       *self,
                                               int                 year);
void             _par_workspace_forget_all    (ParWorkspace       *self);
gboolean         _par_workspace_begin_write   (ParWorkspace       *self,
                                               int                 year,
                                               GError            **error);
gboolean         _par_workspace_begin_bulk_write (ParWorkspace    *self,
                                                  int              year,
                                                  GError         **error);
gboolean         _par_workspace_audit         (ParWorkspace          *self,
                                               const ParAuditRecord  *record,
                                               GError               **error);
const char      *_par_workspace_get_write_time (ParWorkspace      *self);
gboolean         _par_workspace_commit        (ParWorkspace       *self,
                                               GError            **error);
void             _par_workspace_rollback      (ParWorkspace       *self);
gboolean         _par_workspace_step_write    (ParWorkspace       *self,
                                               sqlite3_stmt       *stmt,
                                               GError            **error);
gboolean         _par_workspace_audit_commit  (ParWorkspace          *self,
                                               const ParAuditRecord  *record,
                                               GError               **error);
char            *_par_workspace_fingerprint   (ParYearResults     *results);
gboolean         _par_workspace_decode_field_sums (sqlite3_stmt   *stmt,
                                                   int             column,
                                                   ParFieldResult *fields,
                                                   guint           n_fields);
gboolean         _par_workspace_check_totals  (ParWorkspace       *self,
                                               int                 year,
                                               GError            **error);
gboolean         _par_workspace_exec          (ParWorkspace       *self,
                                               const char         *sql,
                                               GError            **error);
sqlite3_stmt    *_par_workspace_prepare       (ParWorkspace       *self,
                                               const char         *sql,
                                               GError            **error);
sqlite3_stmt    *_par_workspace_query_year    (ParWorkspace       *self,
                                               const char         *sql,
                                               int                 year,
                                               gboolean           *out_found,
                                               GError            **error);
char            *_par_workspace_step_text     (ParWorkspace       *self,
                                               sqlite3_stmt       *stmt,
                                               GError            **error);
gboolean         _par_workspace_set_io_error  (ParWorkspace       *self,
                                               GError            **error);
gboolean         _par_workspace_apply_scores  (ParWorkspace       *self,
                                               ParYearContext     *context,
                                               ParScoreWrite      *writes,
                                               guint               n_writes,
                                               const char         *action,
                                               const char         *detail,
                                               GError            **error);
gboolean         _par_workspace_write_scores  (ParWorkspace       *self,
                                               ParYearContext     *context,
                                               ParScoreWrite      *writes,
                                               guint               n_writes,
                                               const char         *action,
                                               GError            **error);
gboolean         _par_workspace_apply_explanation (ParWorkspace   *self,
                                                   int             year,
                                                   ParYearUnit    *unit,
                                                   const char     *criterion_code,
                                                   gint64          criterion_id,
                                                   gboolean        requested,
                                                   const char     *text,
                                                   const char     *action,
                                                   const char     *detail,
                                                   gboolean       *out_changed,
                                                   GError        **error);
gboolean         _par_workspace_store_set     (ParWorkspace       *self,
                                               ParCriteriaSet     *set,
                                               gint64             *out_set_id,
                                               GError            **error);
gboolean         _par_workspace_store_totals  (ParWorkspace       *self,
                                               ParYearContext     *context,
                                               GPtrArray          *units,
                                               GError            **error);
gboolean         _par_workspace_check_writable (ParWorkspace      *self,
                                                int                year,
                                                GError           **error);
void             _par_workspace_emit_changed  (ParWorkspace       *self,
                                               int                 year);
void             _par_workspace_emit_score_changed (ParWorkspace  *self,
                                                    int            year,
                                                    const char    *unit_code,
                                                    const char    *criterion_code,
                                                    ParStage       stage);
ParWorkspaceWatch *_par_workspace_get_watch   (ParWorkspace       *self);
void             _par_workspace_set_watch     (ParWorkspace       *self,
                                               ParWorkspaceWatch  *watch);
void             _par_workspace_watch_note_own (ParWorkspaceWatch *watch,
                                                gint64             first,
                                                gint64             last);
void             _par_workspace_watch_free    (ParWorkspaceWatch  *watch);
void             _par_workspace_emit_evidence_changed    (ParWorkspace *self,
                                                          int           year,
                                                          const char   *unit_code,
                                                          const char   *criterion_code);
void             _par_workspace_emit_cycle_changed       (ParWorkspace *self,
                                                          int           year,
                                                          const char   *unit_code);
void             _par_workspace_emit_setting_changed     (ParWorkspace *self,
                                                          const char   *key);
void             _par_workspace_emit_explanation_changed (ParWorkspace *self,
                                                          int           year,
                                                          const char   *unit_code,
                                                          const char   *criterion_code);
gboolean         _par_workspace_check_lineage (ParWorkspace       *self,
                                               int                 year,
                                               GHashTable         *proposed,
                                               GHashTable         *new_codes,
                                               ParLineageReport    report,
                                               gpointer            data);
gboolean         _par_workspace_store_lineage (ParWorkspace       *self,
                                               int                 year,
                                               const char         *unit_code,
                                               GPtrArray          *predecessors,
                                               GError            **error);
GHashTable      *_par_workspace_load_lineage  (ParWorkspace       *self,
                                               int                 year,
                                               GError            **error);

ParScoreWriter  *_par_score_writer_new       (ParWorkspace       *self,
                                               ParYearContext     *context,
                                               const char         *action,
                                               const char         *detail,
                                               gboolean            summarize,
                                               GError            **error);
gboolean         _par_score_writer_write     (ParScoreWriter     *writer,
                                               ParScoreWrite      *write,
                                               GError            **error);
gboolean         _par_score_writer_finish    (ParScoreWriter     *writer,
                                               guint              *out_changes,
                                               GError            **error);
void             _par_score_writer_get_counts (ParScoreWriter    *writer,
                                               guint             *out_created,
                                               guint             *out_changed);
void             _par_score_writer_free      (ParScoreWriter     *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParScoreWriter, _par_score_writer_free)

G_END_DECLS
