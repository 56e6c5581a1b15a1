/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>

#include "par-results.h"

G_BEGIN_DECLS

char     *par_results_format_json  (ParYearResults *results);
gboolean  par_results_write_json   (ParYearResults *results,
                                    FILE           *stream);
char     *par_results_format_csv   (ParYearResults *results);
char     *par_results_format_text  (ParYearResults *results,
                                    char            decimal_separator);

G_END_DECLS
