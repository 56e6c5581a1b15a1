/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "par-annex-document.h"

G_BEGIN_DECLS

typedef struct _ParAnnexPages ParAnnexPages;

ParAnnexPages *par_annex_pages_new           (ParAnnexDocument  *document);
ParAnnexPages *par_annex_pages_new_borrowed  (ParAnnexDocument  *document);
void           par_annex_pages_free          (ParAnnexPages     *self);
guint          par_annex_pages_get_n_pages   (ParAnnexPages     *self);
void           par_annex_pages_get_rows      (ParAnnexPages     *self,
                                              guint              page,
                                              guint             *out_sheet,
                                              guint             *out_first,
                                              guint             *out_last);
gboolean       par_annex_pages_is_landscape  (ParAnnexPages     *self,
                                              guint              page);
const char    *par_annex_pages_get_sheet_name (ParAnnexPages    *self,
                                              guint              page);
void           par_annex_pages_draw          (ParAnnexPages     *self,
                                              guint              page,
                                              cairo_t           *cr);
GArray        *par_annex_pages_get_sheet_breaks (const ParAnnexSheet *sheet);
gboolean       par_annex_pages_write_pdf     (ParAnnexPages     *self,
                                              const char        *path,
                                              ParProgressFunc    progress,
                                              gpointer           progress_data,
                                              GCancellable      *cancellable,
                                              GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParAnnexPages, par_annex_pages_free)

G_END_DECLS
