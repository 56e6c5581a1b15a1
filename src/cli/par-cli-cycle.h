/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The cycle between desks (FORMATS.md §8). */
int par_cli_run_review   (int    argc,
                          char **argv);
int par_cli_run_deadline (int    argc,
                          char **argv);
int par_cli_run_status   (int    argc,
                          char **argv);
int par_cli_run_explain  (int    argc,
                          char **argv);
int par_cli_run_rounds   (int    argc,
                          char **argv);

G_END_DECLS
