/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "par-cycle.h"

G_BEGIN_DECLS

#define PAR_TYPE_DOCUMENT_REVIEW_BUTTON (par_document_review_button_get_type ())

G_DECLARE_FINAL_TYPE (ParDocumentReviewButton, par_document_review_button, PAR,
                      DOCUMENT_REVIEW_BUTTON, GtkWidget)

GtkWidget  *par_document_review_button_new        (ParWorkspace            *workspace,
                                                   int                      year,
                                                   const char              *unit_code,
                                                   const char              *criterion_code,
                                                   const char              *sha256);
void        par_document_review_button_set_review (ParDocumentReviewButton *self,
                                                   ParVerdict               verdict,
                                                   const char              *comment,
                                                   gboolean                 editable);
const char *par_document_review_button_get_sha256 (ParDocumentReviewButton *self);
ParVerdict  par_document_review_button_get_verdict (ParDocumentReviewButton *self);
gboolean    par_document_review_button_save       (ParDocumentReviewButton *self,
                                                   ParVerdict               verdict,
                                                   const char              *comment,
                                                   GError                 **error);

G_END_DECLS
