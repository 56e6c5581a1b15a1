/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-package.h"
#include "par-types.h"

G_BEGIN_DECLS

typedef struct _ParPackageReader ParPackageReader;

/**
 * ParPackageSink:
 * @data: (array length=length): the next bytes of the part
 * @length: their number
 * @user_data: the data given with the function
 * @error: return location for a #GError
 *
 * Receives a part's bytes as they are read, before they are checked
 * against the manifest: what it does with them must be undone when the
 * part (or the package) turns out to be bad.
 *
 * Returns: %FALSE with @error set to stop reading
 */
typedef gboolean (*ParPackageSink) (const guint8  *data,
                                    gsize          length,
                                    gpointer       user_data,
                                    GError       **error);

ParPackageReader         *par_package_reader_open              (GFile             *file,
                                                                GCancellable      *cancellable,
                                                                GError           **error);
const ParPackageManifest *par_package_reader_get_manifest      (ParPackageReader  *self);
const char               *par_package_reader_get_manifest_sha256 (ParPackageReader *self);
gint64                    par_package_reader_get_size          (ParPackageReader  *self);
double                    par_package_reader_get_fraction      (ParPackageReader  *self);
GBytes                   *par_package_reader_read_content      (ParPackageReader  *self,
                                                                GError           **error);
const ParPackagePart     *par_package_reader_next_document     (ParPackageReader  *self,
                                                                GError           **error);
gboolean                  par_package_reader_read_document     (ParPackageReader  *self,
                                                                ParPackageSink     sink,
                                                                gpointer           sink_data,
                                                                GError           **error);
gboolean                  par_package_reader_finish            (ParPackageReader  *self,
                                                                char              *out_sha256,
                                                                GError           **error);
void                      par_package_reader_free              (ParPackageReader  *self);

gboolean                  par_package_hash_file                (GFile             *file,
                                                                char              *out_sha256,
                                                                GCancellable      *cancellable,
                                                                GError           **error);
gboolean                  par_package_check_file               (const char        *path,
                                                                GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParPackageReader, par_package_reader_free)

G_END_DECLS
