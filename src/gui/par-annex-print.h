/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "par-pdf-document.h"

G_BEGIN_DECLS

GtkPrintOperation *par_annex_print_operation_new (ParPdfDocument *pdf,
                                                  int             year);

G_END_DECLS
