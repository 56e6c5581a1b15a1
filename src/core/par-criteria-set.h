/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-rule.h"
#include "par-types.h"

G_BEGIN_DECLS

#define PAR_CRITERIA_FORMAT "parindex-criteria/1"

/**
 * ParCriterion:
 * @code: the dotted code, unique in the set ("3.2.1")
 * @title: the title, NFC-normalised
 * @evidence: (nullable): the evidence expected
 * @owner: (nullable): the office that owns the criterion
 * @note: (nullable): the rubric text
 * @max: the maximum in thousandths (a group's is the sum of its children's)
 * @rule: the scoring rule (leaves only)
 * @not_arising: what the answer "not arising" means for this leaf
 * @parent: (nullable): the parent group, %NULL for a field
 * @children: (element-type ParCriterion) (nullable): %NULL for a leaf
 * @depth: 0 for a field (a top-level node)
 * @leaf_index: position among the set's leaves, -1 for a group
 * @field_index: position of the top-level ancestor among the fields
 *
 * A node of a criteria tree.
 */
struct _ParCriterion
{
  char          *code;
  char          *title;
  char          *evidence;
  char          *owner;
  char          *note;
  ParMilli       max;
  ParRule        rule;
  ParNotArising  not_arising;
  ParCriterion  *parent;
  GPtrArray     *children;
  guint          depth;
  int            leaf_index;
  int            field_index;
};

typedef struct
{
  char     *label;
  ParCenti  min;
} ParBand;

/**
 * ParCriteriaSet:
 * @title: the set's title
 * @source: (nullable): the decision that issued it
 * @bands: (element-type ParBand): class bands by descending lower bound
 * @fields: (element-type ParCriterion): the top-level nodes
 * @leaves: (element-type ParCriterion): every leaf, in tree order
 * @nodes: (element-type ParCriterion): every node, in tree order
 * @json: the file's text, as it was read
 * @checksum: SHA-256 of @json, hexadecimal
 *
 * A parsed, validated criteria set (format `parindex-criteria/1`).
 */
struct _ParCriteriaSet
{
  /*< public >*/
  char        *title;
  char        *source;
  GArray      *bands;
  GPtrArray   *fields;
  GPtrArray   *leaves;
  GPtrArray   *nodes;
  char        *json;
  char        *checksum;

  /*< private >*/
  GHashTable  *by_code;
  gatomicrefcount ref_count;
};

GType                par_criteria_set_get_type   (void) G_GNUC_CONST;
ParCriteriaSet      *par_criteria_set_new_from_data (const char      *data,
                                                     gssize           length,
                                                     GError         **error);
ParCriteriaSet      *par_criteria_set_new_from_file (GFile           *file,
                                                     GCancellable    *cancellable,
                                                     GError         **error);
ParCriteriaSet      *par_criteria_set_ref        (ParCriteriaSet  *self);
void                 par_criteria_set_unref      (ParCriteriaSet  *self);
const ParCriterion  *par_criteria_set_lookup     (ParCriteriaSet  *self,
                                                  const char      *code);
ParMilli             par_criteria_set_get_max    (ParCriteriaSet  *self);
const char          *par_criteria_set_band_for   (ParCriteriaSet  *self,
                                                  ParCenti         index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParCriteriaSet, par_criteria_set_unref)

G_END_DECLS
