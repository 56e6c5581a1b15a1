/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ParCriteriaSet ParCriteriaSet;
typedef struct _ParCriterion   ParCriterion;
typedef struct _ParCsv         ParCsv;
typedef struct _ParEntry       ParEntry;
typedef struct _ParRule        ParRule;
typedef struct _ParWorkspace   ParWorkspace;
typedef struct _ParYearResults ParYearResults;
typedef struct _ParUnitResult  ParUnitResult;

/**
 * ParMilli:
 *
 * An exact decimal with three places (thousandths), used for points,
 * maxima and entered numbers: 85.82 is stored as 85820.
 */
typedef gint64 ParMilli;

/**
 * ParCenti:
 *
 * An exact decimal with two places (hundredths), used for published
 * indices: 81.33 % is stored as 8133.
 */
typedef gint64 ParCenti;

#define PAR_MILLI_ONE 1000
#define PAR_CENTI_NONE G_MININT64

typedef enum
{
  PAR_STAGE_SELF = 0,
  PAR_STAGE_APPRAISAL = 1,
} ParStage;

#define PAR_N_STAGES 2

/**
 * ParProgressFunc:
 * @fraction: the work done, from 0 to 1
 * @text: (nullable): what is being done now
 * @user_data: the data given with the function
 *
 * Receives progress reports of long work. The synchronous calls report on
 * the calling thread; the asynchronous ones on the caller's thread-default
 * main context.
 */
typedef void (*ParProgressFunc) (double      fraction,
                                 const char *text,
                                 gpointer    user_data);

G_END_DECLS
