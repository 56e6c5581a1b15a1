/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-annex-content.h"
#include "par-annex-document.h"

G_BEGIN_DECLS

gboolean  par_annex_workbook_write_document (ParAnnexDocument  *document,
                                             const char        *path,
                                             ParProgressFunc    progress,
                                             gpointer           progress_data,
                                             GCancellable      *cancellable,
                                             GError           **error);

G_END_DECLS
