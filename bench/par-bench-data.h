/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The national-scale data the benchmarks share: a 100-leaf commune set of
 * eight fields (survey leaves in the last), units X00000…, and a year's
 * scores for both stages. */

char *par_bench_make_criteria_set (void);
char *par_bench_make_units        (guint    n_units);
char *par_bench_make_scores       (guint    n_units,
                                   guint32  seed);

G_END_DECLS
