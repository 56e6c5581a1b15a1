/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-types.h"

G_BEGIN_DECLS

/* Room for any value par_scaled_format() writes: a sign, 20 digits, a
 * separator, 3 decimals and the nul. */
#define PAR_DECIMAL_BUFFER 32

gboolean  par_milli_parse          (const char  *text,
                                    gboolean     allow_decimal_comma,
                                    ParMilli    *out_value,
                                    GError     **error);
gboolean  par_milli_from_double    (double       value,
                                    ParMilli    *out_value);
char     *par_milli_to_string      (ParMilli     value,
                                    char         decimal_separator);
char     *par_centi_to_string      (ParCenti     value,
                                    char         decimal_separator,
                                    gboolean     fixed);
gsize     par_scaled_format        (gint64       value,
                                    int          places,
                                    char         decimal_separator,
                                    gboolean     fixed,
                                    char        *buffer);
gint64    par_div_round_half_up    (gint64       numerator,
                                    gint64       denominator);
ParCenti  par_index_compute        (ParMilli     points,
                                    ParMilli     max);
char      par_locale_decimal_separator (void);
char     *par_format_size              (guint64      size,
                                        GFormatSizeFlags flags);

G_END_DECLS
