/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-import-line.h"
#include "par-types.h"

G_BEGIN_DECLS

/**
 * ParImportKind:
 * @PAR_IMPORT_UNITS: a units file (FORMATS.md §2)
 * @PAR_IMPORT_SCORES: a scores file (FORMATS.md §3)
 *
 * What a CSV file given to an import holds.
 */
typedef enum
{
  PAR_IMPORT_UNITS,
  PAR_IMPORT_SCORES,
} ParImportKind;

/* The rows a check keeps for its preview. */
#define PAR_IMPORT_PREVIEW_ROWS 20

#define PAR_TYPE_IMPORT_CHECK (par_import_check_get_type ())

G_DECLARE_FINAL_TYPE (ParImportCheck, par_import_check, PAR, IMPORT_CHECK, GObject)

ParImportKind       par_import_check_get_kind            (ParImportCheck *self);
int                 par_import_check_get_year            (ParImportCheck *self);
char                par_import_check_get_delimiter       (ParImportCheck *self);
gboolean            par_import_check_get_decimal_comma   (ParImportCheck *self);
const char * const *par_import_check_get_columns         (ParImportCheck *self);
const char * const *par_import_check_get_ignored_columns (ParImportCheck *self);
GListModel         *par_import_check_get_preview         (ParImportCheck *self);
guint               par_import_check_get_n_rows          (ParImportCheck *self);
guint               par_import_check_get_n_added         (ParImportCheck *self);
guint               par_import_check_get_n_changed       (ParImportCheck *self);
guint               par_import_check_get_n_problems      (ParImportCheck *self);
GListModel         *par_import_check_get_problems        (ParImportCheck *self);
gboolean            par_import_check_get_importable      (ParImportCheck *self);
gboolean            par_import_check_check               (ParImportCheck *self,
                                                          GError        **error);

G_END_DECLS
