/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cli-run.h"

#include <glib/gstdio.h>
#include <string.h>

void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static GSubprocess *
spawn (const char * const *env,
       const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) environ = g_get_environ ();
  const char *cli = g_getenv ("PARINDEX_CLI");
  GSubprocess *process;

  if (cli == NULL)
    g_error ("PARINDEX_CLI is not set; run the test through meson test");

  environ = g_environ_setenv (environ, "LC_ALL", "C.UTF-8", TRUE);
  environ = g_environ_setenv (environ, "LANGUAGE", "C", TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);
      if (pair[1] == NULL || pair[1][0] == '\0')
        environ = g_environ_unsetenv (environ, pair[0]);
      else
        environ = g_environ_setenv (environ, pair[0], pair[1], TRUE);
    }

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_environ (launcher, environ);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/**
 * run_cli_wait:
 *
 * Waits for a parindex-cli started by run_cli_spawn() and collects what it
 * printed. A crash is never an answer: the test fails.
 */
Run
run_cli_wait (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;
  Run run = { -1, NULL, NULL };

  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &run.out, &run.err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run.status = g_subprocess_get_exit_status (process);
  return run;
}

/**
 * run_cli_spawn:
 *
 * Starts parindex-cli with @args (NULL-terminated) in an English, C-locale
 * environment, without waiting for it.
 */
GSubprocess *
run_cli_spawn (const char * const *args)
{
  return spawn (NULL, args);
}

/**
 * run_cli_env:
 *
 * Runs parindex-cli with @args (NULL-terminated) in an English, C-locale
 * environment, with @env ("NAME=value", or "NAME=" to unset) on top.
 */
Run
run_cli_env (const char * const *env,
             const char * const *args)
{
  g_autoptr(GSubprocess) process = spawn (env, args);

  return run_cli_wait (process);
}

/* Runs parindex-cli with @args, which must succeed: the test fails with
 * what it said otherwise. */
void
run_cli_ok (const char * const *args)
{
  g_auto(Run) run = run_cli_env (NULL, args);

  if (run.status != EXIT_OK)
    g_error ("parindex-cli %s: exit %d: %s", args[0], run.status, run.err);
}

/* Runs parindex-cli with @args, asserting assert_done(). */
void
run_cli_done (const char * const *args)
{
  g_auto(Run) run = run_cli_env (NULL, args);

  assert_done (&run);
}

/* A workspace at @path built through parindex-cli from the Tiên Phước
 * fixtures (tests/data/tien-phuoc.*): @year with its block "UBND xã", the
 * units TCH (appraised) and TKY (no entry yet). */
void
make_tien_phuoc (const char *path,
                 const char *year)
{
  g_autofree char *criteria = test_data_path ("tien-phuoc.criteria.json");
  g_autofree char *units = test_data_path ("tien-phuoc.units.csv");
  g_autofree char *scores = test_data_path ("tien-phuoc.scores.csv");
  const char * const *steps[] = {
    (const char * const[]) { "init", path, NULL },
    (const char * const[]) { "add-year", path, year, "--criteria", criteria, "--block", "UBND xã", NULL },
    (const char * const[]) { "add-units", path, year, units, NULL },
    (const char * const[]) { "import-scores", path, year, scores, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    run_cli_ok (steps[i]);
}

/* Success: status 0, nothing on standard output for a command that
 * produces no data. */
void
assert_done (Run *run)
{
  if (run->status != EXIT_OK)
    g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, ==, EXIT_OK);
  g_assert_cmpstr (run->out, ==, "");
}

/* Failure: the given status, no data on standard output, and a message on
 * standard error. */
void
assert_failed (Run *run,
               int  status)
{
  g_test_message ("exit %d, stderr: %s", run->status, run->err);
  g_assert_cmpint (run->status, ==, status);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpuint (strlen (run->err), >, 0);
}

/* The own workspace of one unit at @path, built through parindex-cli: the
 * Tiên Phước criteria set as @year with its block "UBND xã", the unit
 * @code named @name, and three self entries (1.1 with a note, 1.2, 2.1). */
void
make_unit_workspace (const char *path,
                     const char *year,
                     const char *code,
                     const char *name)
{
  g_autofree char *criteria = test_data_path ("tien-phuoc.criteria.json");
  g_autofree char *units = g_strconcat (path, ".units.csv", NULL);
  g_autofree char *scores = g_strconcat (path, ".scores.csv", NULL);
  g_autofree char *units_text = g_strdup_printf ("code,name,block\n%s,%s,UBND xã\n", code, name);
  g_autofree char *scores_text = g_strdup_printf ("unit,criterion,stage,value,note\n"
                                                  "%s,1.1,self,9.5,Đã ban hành kế hoạch\n"
                                                  "%s,1.2,self,Đúng thời hạn,\n"
                                                  "%s,2.1,self,có,\n", code, code, code);
  const char * const *steps[] = {
    (const char * const[]) { "init", path, NULL },
    (const char * const[]) { "add-year", path, year, "--criteria", criteria, "--block", "UBND xã", NULL },
    (const char * const[]) { "add-units", path, year, units, NULL },
    (const char * const[]) { "import-scores", path, year, scores, NULL },
  };

  g_assert_true (g_file_set_contents (units, units_text, -1, NULL));
  g_assert_true (g_file_set_contents (scores, scores_text, -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    run_cli_ok (steps[i]);
  g_remove (units);
  g_remove (scores);
}

/* The unit @code in the "units" array of a command's JSON output (results,
 * status), parsed by @parser; it must be there. */
JsonObject *
json_unit_of (JsonParser *parser,
              const char *code)
{
  JsonArray *units = json_object_get_array_member (json_node_get_object (
                                                     json_parser_get_root (parser)), "units");

  for (guint i = 0; i < json_array_get_length (units); i++)
    {
      JsonObject *unit = json_array_get_object_element (units, i);

      if (g_str_equal (json_object_get_string_member (unit, "code"), code))
        return unit;
    }
  g_assert_not_reached ();
}
