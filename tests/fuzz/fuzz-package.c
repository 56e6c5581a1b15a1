/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "par-cycle-content.h"
#include "par-package-reader.h"
#include "par-package.h"

/*
 * Packages (FORMATS.md §8, docs/package-format.md) as a workspace receives
 * them from anywhere: the bytes as a whole package file — the zip through
 * libarchive, the manifest, the content part, every document's size and
 * hash — and as the content part alone (a submission's or a return's JSON),
 * which a package also carries. Any bytes are refused with a message or
 * read whole; nothing crashes, leaks or reads out of bounds.
 */

static char *path;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_glib (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  path = fuzz_scratch_file ("parindex-fuzz-package-XXXXXX", "received.parpkg");
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const ParPackageKind kinds[] = { PAR_PACKAGE_SUBMISSION, PAR_PACKAGE_RETURN };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(ParCycleContent) content = NULL;
      g_autoptr(GError) content_error = NULL;

      content = par_cycle_content_parse (kinds[i], (const char *) data, size, &content_error);
      g_assert ((content == NULL) == (content_error != NULL));
    }

  g_assert (g_file_set_contents (path, (const char *) data, size, NULL));
  if (!par_package_check_file (path, &error))
    g_assert (error != NULL && error->message != NULL && error->message[0] != '\0');
  return 0;
}
