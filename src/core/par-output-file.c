/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-output-file"

#include "config.h"

#include "par-output-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#ifdef G_OS_UNIX
#include <unistd.h>
#else
#include <io.h>
#endif

#include "par-error.h"

/*
 * Files that go out are written whole or not at all: the writer fills a
 * partial file beside the target (same folder, so same file system), and
 * the partial file is renamed over the target only when complete. On any
 * failure — a full disk, a cancelled export, a library that gave up — the
 * partial file is removed and an existing target is left as it was.
 *
 * The partial file's name starts with a dot and ends with the target's
 * suffix, so a file manager hides it and a crash leaves a file that says
 * what it was.
 */

/**
 * par_output_file_begin:
 * @path: the file to write in the end
 * @suffix: (nullable): the partial file's suffix, e.g. ".pdf"
 * @error: return location for a #GError (%G_FILE_ERROR)
 *
 * Creates an empty partial file beside @path, readable as a new file of
 * the folder would be.
 *
 * Returns: (transfer full): the partial file's path, or %NULL
 */
char *
par_output_file_begin (const char  *path,
                       const char  *suffix,
                       GError     **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".parindex-%08x.part%s", g_random_int (),
                                               suffix != NULL ? suffix : "");
      g_autofree char *partial = g_build_filename (dir, name, NULL);
      int fd = g_open (partial, O_WRONLY | O_CREAT | O_EXCL, 0666);
      int saved_errno = errno;

      if (fd >= 0)
        {
          g_close (fd, NULL);
          return g_steal_pointer (&partial);
        }
      if (saved_errno != EEXIST)
        {
          g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
          return NULL;
        }
    }
  g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_EXIST, g_strerror (EEXIST));
  return NULL;
}

static gboolean
sync_file (const char *path)
{
  int fd = g_open (path, O_RDWR, 0);
  int saved_errno;
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = g_fsync (fd) == 0;
  saved_errno = errno;
  close (fd);
  errno = saved_errno;
  return ok;
}

/* The rename itself on disk (a folder's entry); best effort: not every
 * system can open a folder to sync it. */
static void
sync_folder_of (const char *path)
{
#ifdef G_OS_UNIX
  g_autofree char *folder = g_path_get_dirname (path);
  int fd = g_open (folder, O_RDONLY, 0);

  if (fd >= 0)
    {
      g_fsync (fd);
      close (fd);
    }
#endif
}

/**
 * par_output_file_commit:
 * @partial_path: the complete partial file
 * @path: the target
 * @error: return location for a #GError (%G_FILE_ERROR)
 *
 * Puts the partial file in the target's place in one step. On failure the
 * partial file is removed and the target is left as it was.
 *
 * Returns: %TRUE when the target is the new file
 */
gboolean
par_output_file_commit (const char  *partial_path,
                        const char  *path,
                        GError     **error)
{
  int saved_errno;

  g_return_val_if_fail (partial_path != NULL && path != NULL, FALSE);

  /* On disk before it replaces anything: a full disk or a failing device
   * may only say so now (delayed allocation), and a crash right after the
   * rename must not leave an empty file in the target's place. */
  if (!sync_file (partial_path))
    saved_errno = errno;
  /* g_rename() replaces an existing target on Windows too. */
  else if (g_rename (partial_path, path) == 0)
    {
      sync_folder_of (path);
      return TRUE;
    }
  else
    saved_errno = errno;
  g_unlink (partial_path);
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
  return FALSE;
}

/**
 * par_output_file_abandon:
 * @partial_path: (nullable): a partial file
 *
 * Removes a partial file that will not be completed.
 */
void
par_output_file_abandon (const char *partial_path)
{
  if (partial_path != NULL)
    g_unlink (partial_path);
}

/**
 * par_output_file_propagate_error:
 * @error: return location for a #GError
 * @name: the file as the user names it
 * @cause: (transfer full): why it was not written
 *
 * Passes on @cause when it is already a %PAR_ERROR or a cancellation; any
 * other is reported as %PAR_ERROR_IO, "@name: cannot write the file: …".
 */
void
par_output_file_propagate_error (GError     **error,
                                 const char  *name,
                                 GError      *cause)
{
  g_return_if_fail (cause != NULL);

  if (cause->domain == PAR_ERROR || g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return;
    }
  g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the file: %s"), name,
               cause->message);
  g_error_free (cause);
}
