/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PAR_TYPE_ANNEX_PREVIEW (par_annex_preview_get_type ())

G_DECLARE_FINAL_TYPE (ParAnnexPreview, par_annex_preview, PAR, ANNEX_PREVIEW, AdwWindow)

ParAnnexPreview *par_annex_preview_new      (GtkWindow        *parent,
                                             GFile            *pdf,
                                             const char       *subtitle);
GtkWidget       *par_annex_preview_get_view (ParAnnexPreview  *self);

G_END_DECLS
