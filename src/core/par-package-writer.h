/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-sha256.h"
#include "par-types.h"

G_BEGIN_DECLS

typedef struct _ParPackageWriter ParPackageWriter;

/**
 * ParPackageWriterProgress:
 * @written: the bytes written so far
 * @user_data: the data given with the function
 *
 * Called while a part is copied into the package.
 */
typedef void (*ParPackageWriterProgress) (gint64   written,
                                          gpointer user_data);

ParPackageWriter *par_package_writer_new         (GFile                     *destination,
                                                  GDateTime                 *created_at,
                                                  GError                   **error);
gboolean          par_package_writer_add_data    (ParPackageWriter          *self,
                                                  const char                *name,
                                                  const void                *data,
                                                  gsize                      length,
                                                  GError                   **error);
gboolean          par_package_writer_add_stream  (ParPackageWriter          *self,
                                                  const char                *name,
                                                  GInputStream              *input,
                                                  gint64                     size,
                                                  const char                *sha256,
                                                  ParPackageWriterProgress   progress,
                                                  gpointer                   progress_data,
                                                  GCancellable              *cancellable,
                                                  GError                   **error);
gboolean          par_package_writer_finish      (ParPackageWriter          *self,
                                                  char                      *out_sha256,
                                                  gint64                    *out_size,
                                                  GError                   **error);
gboolean          par_package_writer_install     (ParPackageWriter          *self,
                                                  GError                   **error);
void              par_package_writer_free        (ParPackageWriter          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParPackageWriter, par_package_writer_free)

G_END_DECLS
