/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

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
} ParScoreWrite;

sqlite3         *_par_workspace_get_db        (ParWorkspace       *self);
ParYearContext  *_par_workspace_get_year      (ParWorkspace       *self,
                                               int                 year,
                                               GError            **error);
void             _par_workspace_forget_year   (ParWorkspace       *self,
                                               int                 year);
gboolean         _par_workspace_exec          (ParWorkspace       *self,
                                               const char         *sql,
                                               GError            **error);
sqlite3_stmt    *_par_workspace_prepare       (ParWorkspace       *self,
                                               const char         *sql,
                                               GError            **error);
gboolean         _par_workspace_set_io_error  (ParWorkspace       *self,
                                               GError            **error);
gboolean         _par_workspace_write_scores  (ParWorkspace       *self,
                                               ParYearContext     *context,
                                               ParScoreWrite      *writes,
                                               guint               n_writes,
                                               const char         *origin,
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
void             _par_workspace_emit_evidence_changed    (ParWorkspace *self,
                                                          int           year,
                                                          const char   *unit_code,
                                                          const char   *criterion_code);
void             _par_workspace_emit_explanation_changed (ParWorkspace *self,
                                                          int           year,
                                                          const char   *unit_code,
                                                          const char   *criterion_code);

G_END_DECLS
