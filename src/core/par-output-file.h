/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *par_output_file_begin           (const char  *path,
                                           const char  *suffix,
                                           GError     **error);
gboolean  par_output_file_commit          (const char  *partial_path,
                                           const char  *path,
                                           GError     **error);
void      par_output_file_abandon         (const char  *partial_path);
void      par_output_file_propagate_error (GError     **error,
                                           const char  *name,
                                           GError      *cause);

G_END_DECLS
