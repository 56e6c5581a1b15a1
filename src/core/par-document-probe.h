/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-media-type.h"
#include "par-types.h"

G_BEGIN_DECLS

gboolean par_document_probe      (GFile          *file,
                                  char          **out_media_type,
                                  int            *out_page_count,
                                  GCancellable   *cancellable,
                                  GError        **error);
gboolean par_document_probe_stream (GInputStream  *stream,
                                   goffset        size,
                                   char         **out_media_type,
                                   int           *out_page_count,
                                   GCancellable  *cancellable,
                                   GError       **error);
gboolean par_image_read_header   (GInputStream   *stream,
                                  const char     *media_type,
                                  int            *out_width,
                                  int            *out_height,
                                  GCancellable   *cancellable,
                                  GError        **error);

G_END_DECLS
