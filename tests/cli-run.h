/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "test-common.h"

G_BEGIN_DECLS

/* Running the built parindex-cli (found through PARINDEX_CLI) from a test,
 * as a script would run it. */

/* parindex-cli's exit statuses (FORMATS.md) */
enum
{
  EXIT_OK = 0,
  EXIT_USAGE = 1,
  EXIT_INVALID = 2,
  EXIT_IO = 3,
  EXIT_FROZEN = 4,
  EXIT_INTEGRITY = 5,
};

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

void         run_clear       (Run                 *run);
Run          run_cli_env     (const char * const  *env,
                              const char * const  *args);
GSubprocess *run_cli_spawn   (const char * const  *args);
Run          run_cli_wait    (GSubprocess         *process);
void         run_cli_ok      (const char * const  *args);
void         run_cli_done    (const char * const  *args);
void         make_tien_phuoc (const char          *path,
                              const char          *year);
void         make_unit_workspace (const char      *path,
                                  const char      *year,
                                  const char      *code,
                                  const char      *name);
JsonObject  *json_unit_of    (JsonParser          *parser,
                              const char          *code);
void         assert_done     (Run                 *run);
void         assert_failed   (Run                 *run,
                              int                  status);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

#define run_cli(...) run_cli_env (NULL, (const char * const[]) { __VA_ARGS__, NULL })
#define RUN_OK(...) run_cli_ok ((const char * const[]) { __VA_ARGS__, NULL })
/* A command that must succeed and print no data (assert_done()). */
#define RUN_DONE(...) run_cli_done ((const char * const[]) { __VA_ARGS__, NULL })
#define run_cli_with(env, ...) \
  run_cli_env ((const char * const[]) { env, NULL }, (const char * const[]) { __VA_ARGS__, NULL })

G_END_DECLS
