/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-types.h"

G_BEGIN_DECLS

typedef struct _ParZipWriter ParZipWriter;

ParZipWriter *par_zip_writer_new          (GOutputStream  *output);
gboolean      par_zip_writer_add_stream   (ParZipWriter   *self,
                                           const char     *name,
                                           GInputStream   *input,
                                           gboolean        compress,
                                           GCancellable   *cancellable,
                                           GError        **error);
gboolean      par_zip_writer_add_data     (ParZipWriter   *self,
                                           const char     *name,
                                           const void     *data,
                                           gsize           length,
                                           gboolean        compress,
                                           GCancellable   *cancellable,
                                           GError        **error);
gboolean      par_zip_writer_finish       (ParZipWriter   *self,
                                           GCancellable   *cancellable,
                                           GError        **error);
void          par_zip_writer_free         (ParZipWriter   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParZipWriter, par_zip_writer_free)

G_END_DECLS
