/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-sqlite-locks"
/* F_OFD_SETLK */
#define _GNU_SOURCE

#include "config.h"

#include "par-sqlite-locks.h"

#include <sqlite3.h>

#if defined(G_OS_UNIX)
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

/*
 * Locks that nothing else in the process can take away.
 *
 * SQLite's unix VFS coordinates processes with POSIX record locks
 * (fcntl F_SETLK) on the workspace, its -wal and its -shm. Those locks
 * belong to the process, and closing ANY descriptor of a file drops every
 * lock the process holds on it: a file chooser showing the workspace's
 * folder reads the file to guess its type and closes it, and from then on
 * another process (parindex-cli) believes it is alone — it resets the
 * shared memory, checkpoints and deletes the -wal and -shm the window still
 * writes to, and the window's later commits vanish.
 *
 * Linux's open file description locks (F_OFD_SETLK) belong to an open file
 * description instead, and conflict with POSIX locks of other processes,
 * so every other SQLite program still sees them. The VFS lets a program
 * replace its system calls: here fcntl() takes every lock request of the
 * process on a file and makes it, as an OFD lock, on one descriptor per
 * file that this module opened and that only this module closes (when
 * SQLite closes its last descriptor of that file). All requests on a file
 * going through one open file description, they combine exactly as the
 * process-wide POSIX locks SQLite expects; only now a stray close() leaves
 * them in place.
 *
 * Windows locks (LockFileEx) belong to a handle already; other systems
 * keep SQLite's own behaviour.
 */

#if defined(G_OS_UNIX) && defined(F_OFD_SETLK)

typedef int (*FcntlFunc) (int, int, ...);
typedef int (*CloseFunc) (int);

typedef struct
{
  dev_t dev;
  ino_t ino;
  int   lock_fd;     /* ours: the open file description holding the locks */
  guint n_users;     /* SQLite's descriptors of this file that locked */
} LockedFile;

static GMutex      lock_mutex;
static GHashTable *files_by_fd;   /* SQLite's fd → LockedFile (borrowed) */
static GPtrArray  *files;         /* LockedFile, owned */
static FcntlFunc   real_fcntl;
static CloseFunc   real_close;

static LockedFile *
find_file (dev_t dev,
           ino_t ino)
{
  for (guint i = 0; i < files->len; i++)
    {
      LockedFile *file = g_ptr_array_index (files, i);
      if (file->dev == dev && file->ino == ino)
        return file;
    }
  return NULL;
}

/* A descriptor of the same file with an open file description of its
 * own, writable when the file can be written (write locks need it). */
static int
open_lock_fd (int fd)
{
  g_autofree char *self_path = g_strdup_printf ("/proc/self/fd/%d", fd);
  int lock_fd;

  lock_fd = open (self_path, O_RDWR | O_CLOEXEC | O_NOCTTY);
  if (lock_fd < 0)
    lock_fd = open (self_path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (lock_fd < 0)
    {
      /* No /proc: a duplicate shares SQLite's open file description, which
       * then lives on (with its locks) until this module closes it too. */
      lock_fd = real_fcntl (fd, F_DUPFD_CLOEXEC, 0);
    }
  return lock_fd;
}

/* The file whose locks SQLite's descriptor @fd asks for, registered on
 * first use. Called with the mutex held. */
static LockedFile *
lookup_file (int fd)
{
  LockedFile *file = g_hash_table_lookup (files_by_fd, GINT_TO_POINTER (fd));
  struct stat st;

  if (file != NULL)
    return file;
  if (fstat (fd, &st) != 0)
    return NULL;

  file = find_file (st.st_dev, st.st_ino);
  if (file == NULL)
    {
      int lock_fd = open_lock_fd (fd);

      if (lock_fd < 0)
        return NULL;
      file = g_new0 (LockedFile, 1);
      file->dev = st.st_dev;
      file->ino = st.st_ino;
      file->lock_fd = lock_fd;
      g_ptr_array_add (files, file);
    }
  file->n_users++;
  g_hash_table_insert (files_by_fd, GINT_TO_POINTER (fd), file);
  return file;
}

static int
ofd_command (int command)
{
  switch (command)
    {
    case F_SETLK:
      return F_OFD_SETLK;
    case F_SETLKW:
      return F_OFD_SETLKW;
    case F_GETLK:
      return F_OFD_GETLK;
    default:
      return -1;
    }
}

static int
par_fcntl (int fd,
           int command,
           ...)
{
  va_list args;
  int ofd = ofd_command (command);

  va_start (args, command);
  if (ofd >= 0)
    {
      struct flock *lock = va_arg (args, struct flock *);
      struct flock request = *lock;
      LockedFile *file;
      int saved_errno;
      int result;

      va_end (args);
      /* OFD locks want l_pid 0; SQLite leaves it unset. */
      request.l_pid = 0;
      g_mutex_lock (&lock_mutex);
      file = lookup_file (fd);
      result = file != NULL ? real_fcntl (file->lock_fd, ofd, &request) : -1;
      saved_errno = errno;
      g_mutex_unlock (&lock_mutex);
      if (result == 0 && command == F_GETLK)
        *lock = request;
      errno = saved_errno;
      return result;
    }

  switch (command)
    {
    case F_GETFD:
    case F_GETFL:
      va_end (args);
      return real_fcntl (fd, command);

    case F_SETFD:
    case F_SETFL:
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
      {
        int value = va_arg (args, int);
        va_end (args);
        return real_fcntl (fd, command, value);
      }

    default:
      {
        void *pointer = va_arg (args, void *);
        va_end (args);
        return real_fcntl (fd, command, pointer);
      }
    }
}

static int
par_close (int fd)
{
  LockedFile *file;

  g_mutex_lock (&lock_mutex);
  file = g_hash_table_lookup (files_by_fd, GINT_TO_POINTER (fd));
  if (file != NULL)
    {
      g_hash_table_remove (files_by_fd, GINT_TO_POINTER (fd));
      /* SQLite closes its last descriptor of a file only once it holds no
       * lock on it any more (it keeps descriptors open while locks stand). */
      if (--file->n_users == 0)
        {
          real_close (file->lock_fd);
          g_ptr_array_remove_fast (files, file);
          g_free (file);
        }
    }
  g_mutex_unlock (&lock_mutex);
  return real_close (fd);
}

/* Whether the kernel knows OFD locks (Linux 3.15). */
static gboolean
ofd_locks_supported (void)
{
  struct flock probe = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
  int fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);
  gboolean supported;

  if (fd < 0)
    return FALSE;
  supported = fcntl (fd, F_OFD_GETLK, &probe) == 0 || errno != EINVAL;
  close (fd);
  return supported;
}

static gpointer
install_once (gpointer data)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find ("unix");

  if (vfs == NULL || vfs->iVersion < 3 || vfs->xSetSystemCall == NULL || !ofd_locks_supported ())
    return GINT_TO_POINTER (FALSE);

  real_fcntl = (FcntlFunc) vfs->xGetSystemCall (vfs, "fcntl");
  real_close = (CloseFunc) vfs->xGetSystemCall (vfs, "close");
  if (real_fcntl == NULL || real_close == NULL)
    return GINT_TO_POINTER (FALSE);

  files_by_fd = g_hash_table_new (NULL, NULL);
  files = g_ptr_array_new ();
  if (vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr) par_fcntl) != SQLITE_OK ||
      vfs->xSetSystemCall (vfs, "close", (sqlite3_syscall_ptr) par_close) != SQLITE_OK)
    {
      vfs->xSetSystemCall (vfs, NULL, NULL);   /* back to the defaults */
      return GINT_TO_POINTER (FALSE);
    }
  return GINT_TO_POINTER (TRUE);
}

#endif

/**
 * par_sqlite_locks_install:
 *
 * Makes SQLite's locks on every database this process opens immune to
 * other code closing a descriptor of the same file (see above). Called
 * before the first connection is opened; later calls do nothing.
 *
 * Returns: whether the process's locks are held as open file description
 *   locks (Linux); %FALSE elsewhere, where SQLite keeps its own
 */
gboolean
par_sqlite_locks_install (void)
{
#if defined(G_OS_UNIX) && defined(F_OFD_SETLK)
  static GOnce once = G_ONCE_INIT;

  return GPOINTER_TO_INT (g_once (&once, install_once, NULL));
#else
  return FALSE;
#endif
}
