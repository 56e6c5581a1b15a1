/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "par-annex-pages.h"

G_BEGIN_DECLS

GtkPrintOperation *par_annex_print_operation_new (ParAnnexPages *pages,
                                                  int            year);

G_END_DECLS
