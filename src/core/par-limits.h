/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-types.h"

G_BEGIN_DECLS

/*
 * What ParIndex accepts from outside: every file, text and number is
 * bounded, and input beyond a bound is refused with a message that names
 * it. docs/limits.md lists the same values; change both together.
 *
 * The numeric bounds are chosen so that no sum or product of points can
 * overflow a ParMilli (gint64, about 9.2 × 10^18):
 *   a leaf's maximum       ≤ 10^3 points  = 10^6 thousandths
 *   leaves in a set        ≤ 10^3
 *   a unit's points or max ≤ 10^3 × 10^6 = 10^9 thousandths
 *   an index               = points × 10^4 / max ≤ 10^13 before dividing
 *   a deduction            = count (≤ 10^9) × per (≤ 10^6) ≤ 10^15
 *   a ratio or survey      = max (≤ 10^6) × value (≤ 10^5) ≤ 10^11
 */

/* Files */
#define PAR_LIMIT_CRITERIA_FILE_BYTES   (4 * 1024 * 1024)
#define PAR_LIMIT_JSON_DEPTH            64

/* The criteria tree */
#define PAR_LIMIT_TREE_DEPTH            8
#define PAR_LIMIT_NODES                 2000
#define PAR_LIMIT_LEAVES                1000
#define PAR_LIMIT_CHOICES               100     /* options or tiers of one leaf */
#define PAR_LIMIT_BANDS                 20

/* Numbers, in thousandths */
#define PAR_LIMIT_LEAF_MAX              (G_GINT64_CONSTANT (1000) * PAR_MILLI_ONE)
#define PAR_LIMIT_NUMBER                (G_GINT64_CONSTANT (1000000000) * PAR_MILLI_ONE)

/* Texts, in characters (Unicode code points, as written) */
#define PAR_LIMIT_CODE_CHARS            64
#define PAR_LIMIT_NAME_CHARS            500
#define PAR_LIMIT_NOTE_CHARS            10000
#define PAR_LIMIT_COMBINING_RUN         30

/* CSV files */
#define PAR_LIMIT_CSV_FIELD_BYTES       65536
#define PAR_LIMIT_CSV_COLUMNS           256
/* The bad rows an import's message lists (the others are counted). */
#define PAR_LIMIT_CSV_PROBLEMS_LISTED   10000
/* A CSV row as read from a stream, quoted line breaks included. */
#define PAR_LIMIT_CSV_RECORD_BYTES      (1024 * 1024)

G_END_DECLS
