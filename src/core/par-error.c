/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-error"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "par-error-private.h"

G_DEFINE_QUARK (par-error-quark, par_error)

/* Takes @read_error, a file's read that failed, into @error: a
 * cancellation as it is, anything else as %PAR_ERROR_IO with its message. */
void
_par_error_take_read_error (GError **error,
                            GError  *read_error)
{
  if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, read_error);
      return;
    }
  g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot read the file: %s"), read_error->message);
  g_error_free (read_error);
}
