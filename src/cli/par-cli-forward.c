/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#ifdef G_OS_WIN32
#include <windows.h>
#else
#include <errno.h>
#include <string.h>
#include <unistd.h>
#endif

#include "par-cli.h"
#include "par-cli-documents.h"

/*
 * parindex-cli: the document commands are handed to parindex-cli-full,
 * which takes the process's place (Unix) or runs in it and gives back its
 * exit status (Windows), with the same arguments, standard input, output
 * and error: to the user it is the same command. parindex-cli-full lies
 * beside parindex-cli (the build tree, the Windows bundle) or in the
 * installed libexec folder.
 */

#ifdef G_OS_WIN32
#define FULL_NAME "parindex-cli-full.exe"
#else
#define FULL_NAME "parindex-cli-full"
#endif

/* The folder of the running program. */
static char *
program_folder (void)
{
#ifdef G_OS_WIN32
  wchar_t path[MAX_PATH * 4];
  DWORD length = GetModuleFileNameW (NULL, path, G_N_ELEMENTS (path));
  g_autofree char *utf8 = NULL;

  if (length == 0 || length >= G_N_ELEMENTS (path))
    return NULL;
  utf8 = g_utf16_to_utf8 ((const gunichar2 *) path, length, NULL, NULL, NULL);
  return utf8 != NULL ? g_path_get_dirname (utf8) : NULL;
#else
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  return self != NULL ? g_path_get_dirname (self) : NULL;
#endif
}

static char *
find_full (void)
{
  g_autofree char *folder = program_folder ();
  g_autofree char *beside = folder != NULL ? g_build_filename (folder, FULL_NAME, NULL) : NULL;
  g_autofree char *installed = g_build_filename (PARINDEX_LIBEXECDIR, FULL_NAME, NULL);

  if (beside != NULL && g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&beside);
  if (g_file_test (installed, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&installed);
  return NULL;
}

#ifdef G_OS_WIN32
/* The command line as typed, without the program: the arguments reach
 * parindex-cli-full byte for byte, quoted as they were. */
static const wchar_t *
arguments_of (const wchar_t *line)
{
  if (*line == L'"')
    {
      line++;
      while (*line != L'\0' && *line != L'"')
        line++;
      if (*line == L'"')
        line++;
    }
  else
    while (*line != L'\0' && *line != L' ' && *line != L'\t')
      line++;
  return line;
}

static int
run_full (const char *full)
{
  g_autofree wchar_t *program = g_utf8_to_utf16 (full, -1, NULL, NULL, NULL);
  g_autofree wchar_t *line = NULL;
  STARTUPINFOW startup = { sizeof startup };
  PROCESS_INFORMATION process;
  DWORD status = PAR_CLI_EXIT_IO;
  size_t n_program;
  const wchar_t *arguments = arguments_of (GetCommandLineW ());

  n_program = wcslen (program);
  line = g_new (wchar_t, n_program + wcslen (arguments) + 3);
  line[0] = L'"';
  wcscpy (line + 1, program);
  line[n_program + 1] = L'"';
  wcscpy (line + n_program + 2, arguments);

  if (!CreateProcessW (program, line, NULL, NULL, TRUE, 0, NULL, NULL, &startup, &process))
    {
      g_autofree char *message = g_win32_error_message (GetLastError ());
      g_printerr (_("parindex-cli: cannot run %s: %s\n"), full, message);
      return PAR_CLI_EXIT_IO;
    }
  WaitForSingleObject (process.hProcess, INFINITE);
  GetExitCodeProcess (process.hProcess, &status);
  CloseHandle (process.hProcess);
  CloseHandle (process.hThread);
  return (int) status;
}
#endif

static int
forward (int    argc,
         char **argv)
{
  g_autofree char *full = find_full ();

  if (full == NULL)
    {
      g_printerr (_("parindex-cli: %s is missing beside parindex-cli and in %s; the command "
                    "“%s” needs it — reinstall ParIndex\n"), FULL_NAME, PARINDEX_LIBEXECDIR,
                  argv[0]);
      return PAR_CLI_EXIT_IO;
    }
#ifdef G_OS_WIN32
  return run_full (full);
#else
  {
    g_autofree char **full_argv = g_new0 (char *, argc + 2);

    full_argv[0] = full;
    for (int i = 0; i < argc; i++)
      full_argv[i + 1] = argv[i];
    execv (full, full_argv);
    g_printerr (_("parindex-cli: cannot run %s: %s\n"), full, g_strerror (errno));
    return PAR_CLI_EXIT_IO;
  }
#endif
}

/**
 * par_cli_documents_command:
 * @name: a command of the document commands
 *
 * Returns: what hands it to parindex-cli-full
 */
ParCliRun
par_cli_documents_command (const char *name)
{
  return forward;
}
