/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The packages of the cycle between desks (FORMATS.md §8). */
int par_cli_run_submit   (int    argc,
                          char **argv);
int par_cli_run_return   (int    argc,
                          char **argv);
int par_cli_run_receive  (int    argc,
                          char **argv);

G_END_DECLS
