/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-types.h"
#include "par-workspace.h"

G_BEGIN_DECLS

#define PAR_TYPE_DOCUMENT_STREAM (par_document_stream_get_type ())

G_DECLARE_FINAL_TYPE (ParDocumentStream, par_document_stream, PAR, DOCUMENT_STREAM, GInputStream)

GInputStream *par_document_stream_new      (ParWorkspace *workspace,
                                            gint64        document_id,
                                            gint64        size);
gint64        par_document_stream_get_size (ParDocumentStream *self);

G_END_DECLS
