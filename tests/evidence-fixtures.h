/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Evidence fixtures, generated at test time with cairo (no binaries in
 * the repository). */
void  evidence_fixture_pdf       (const char *path,
                                  int         n_pages,
                                  double      width,
                                  double      height,
                                  const char *label);
void  evidence_fixture_image_pdf (const char *path,
                                  int         n_pages,
                                  int         image_side,
                                  guint32     seed);
void  evidence_fixture_png       (const char *path,
                                  int         width,
                                  int         height);

void  evidence_fixture_trio      (const char  *dir,
                                  char       **out_pdf_a,
                                  char       **out_pdf_b,
                                  char       **out_png);

void  evidence_fixture_docx      (const char *path,
                                  const char *text);
void  evidence_fixture_xlsx      (const char *path,
                                  const char *text);
void  evidence_fixture_zip       (const char *path);

G_END_DECLS
