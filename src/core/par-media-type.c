/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-media-type"

#include "config.h"

#include "par-media-type.h"

/* The kinds of evidence by media type: what they are, their file names. */

/**
 * par_media_type_is_office:
 * @media_type: (nullable): a media type
 *
 * Returns: whether @media_type is that of a word processor's or a
 *   spreadsheet's document (.docx, .xlsx, .odt, .ods)
 */
gboolean
par_media_type_is_office (const char *media_type)
{
  return g_strcmp0 (media_type, PAR_MEDIA_TYPE_DOCX) == 0 ||
         g_strcmp0 (media_type, PAR_MEDIA_TYPE_XLSX) == 0 ||
         g_strcmp0 (media_type, PAR_MEDIA_TYPE_ODT) == 0 ||
         g_strcmp0 (media_type, PAR_MEDIA_TYPE_ODS) == 0;
}

/**
 * par_media_type_is_evidence:
 * @media_type: (nullable): a media type
 *
 * Returns: whether @media_type is one that par_document_probe() gives:
 *   a PDF, a PNG or JPEG image, or an office document
 */
gboolean
par_media_type_is_evidence (const char *media_type)
{
  return g_strcmp0 (media_type, PAR_MEDIA_TYPE_PDF) == 0 ||
         g_strcmp0 (media_type, PAR_MEDIA_TYPE_PNG) == 0 ||
         g_strcmp0 (media_type, PAR_MEDIA_TYPE_JPEG) == 0 ||
         par_media_type_is_office (media_type);
}

/**
 * par_media_type_get_extension:
 * @media_type: (nullable): a media type of evidence
 *
 * Returns: the file name extension for it ("pdf", "png", "jpg", "docx", …)
 */
const char *
par_media_type_get_extension (const char *media_type)
{
  static const struct
  {
    const char *media_type;
    const char *extension;
  } extensions[] = {
    { PAR_MEDIA_TYPE_PNG, "png" },
    { PAR_MEDIA_TYPE_JPEG, "jpg" },
    { PAR_MEDIA_TYPE_DOCX, "docx" },
    { PAR_MEDIA_TYPE_XLSX, "xlsx" },
    { PAR_MEDIA_TYPE_ODT, "odt" },
    { PAR_MEDIA_TYPE_ODS, "ods" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_strcmp0 (media_type, extensions[i].media_type) == 0)
      return extensions[i].extension;
  return "pdf";
}
