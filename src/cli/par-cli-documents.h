/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The commands that write or read documents — the annex tables, dossiers,
 * evidence, packages — and so need Poppler, cairo, Pango, libxlsxwriter,
 * libqpdf and libarchive. parindex-cli hands them to parindex-cli-full
 * (par-cli-forward.c), so that every other command starts without loading
 * some sixty libraries it does not use; parindex-cli-full runs them itself
 * (par-cli-documents.c).
 */
typedef int (*ParCliRun) (int    argc,
                          char **argv);

ParCliRun par_cli_documents_command (const char *name);

G_END_DECLS
