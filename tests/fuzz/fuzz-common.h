/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>

static GLogLevelFlags fuzz_fatal_levels = G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL |
                                          G_LOG_LEVEL_WARNING;

/* Prints the message, and aborts on a fatal level: libFuzzer catches
 * SIGABRT and keeps the input (GLib's own fatal path raises SIGTRAP, which
 * libFuzzer does not catch). */
static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
  if (log_level & fuzz_fatal_levels)
    abort ();
  return G_LOG_WRITER_HANDLED;
}

/* What every libFuzzer target shares: GLib's criticals and warnings are
 * bugs (abort, so that the fuzzer reports them with the input), and the
 * messages are English whatever the machine's locale. */
static inline void
fuzz_init_glib (GLogLevelFlags fatal_levels)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  fuzz_fatal_levels = fatal_levels;
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

/* A file named @name in a new temporary folder (made from @template),
 * where a target writes each input for what reads files. */
static inline char *
fuzz_scratch_file (const char *template,
                   const char *name)
{
  g_autofree char *dir = g_dir_make_tmp (template, NULL);

  g_assert (dir != NULL);
  return g_build_filename (dir, name, NULL);
}
