/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-cycle.h"

G_BEGIN_DECLS

/**
 * ParCycleDeadlines:
 * @self: (nullable): the self-assessment's closing date
 * @explanation: (nullable): the explanations' closing date
 *
 * A year's deadlines, as `status` prints them.
 */
typedef struct
{
  const char *self;
  const char *explanation;
} ParCycleDeadlines;

char  *par_cycle_format_json     (int                       year,
                                  const ParCycleDeadlines  *deadlines,
                                  GPtrArray                *units);
char  *par_cycle_format_csv      (GPtrArray                *units);
char  *par_cycle_format_text     (int                       year,
                                  const ParCycleDeadlines  *deadlines,
                                  GPtrArray                *units);
char  *par_cycle_format_changes  (GPtrArray                *changes,
                                  gboolean                  json);

G_END_DECLS
