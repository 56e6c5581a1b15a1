/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "par-document-probe.h"

/*
 * The evidence probe: what may be attached (PDF through Poppler, PNG and
 * JPEG read as streams). The image headers are read from memory; the whole
 * probe runs on a file, since that is how documents arrive.
 */

static char *path;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* Poppler's own warnings about broken PDFs are not ours to fail on */
  fuzz_init_glib (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL);
  path = fuzz_scratch_file ("parindex-fuzz-probe-XXXXXX", "evidence");
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *media_types[] = { "image/png", "image/jpeg" };
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *media_type = NULL;
  int n_pages = 0;

  for (guint i = 0; i < G_N_ELEMENTS (media_types); i++)
    {
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
      int width = 0;
      int height = 0;

      if (par_image_read_header (stream, media_types[i], &width, &height, NULL, NULL))
        g_assert (width > 0 && height > 0);
    }

  g_assert (g_file_set_contents (path, (const char *) data, size, NULL));
  if (par_document_probe (file, &media_type, &n_pages, NULL, NULL))
    g_assert (media_type != NULL && n_pages > 0);
  return 0;
}
