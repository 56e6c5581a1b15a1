/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PAR_MEDIA_TYPE_PDF  "application/pdf"
#define PAR_MEDIA_TYPE_PNG  "image/png"
#define PAR_MEDIA_TYPE_JPEG "image/jpeg"
#define PAR_MEDIA_TYPE_DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define PAR_MEDIA_TYPE_XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define PAR_MEDIA_TYPE_ODT  "application/vnd.oasis.opendocument.text"
#define PAR_MEDIA_TYPE_ODS  "application/vnd.oasis.opendocument.spreadsheet"

gboolean    par_media_type_is_office      (const char     *media_type);
gboolean    par_media_type_is_evidence    (const char     *media_type);
const char *par_media_type_get_extension  (const char     *media_type);

G_END_DECLS
