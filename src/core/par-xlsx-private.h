/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <xlsxwriter.h>

G_BEGIN_DECLS

/* libxlsxwriter declares no cleanup function. lxw_workbook_free () drops a
 * workbook without writing it (an error path); workbook_close () writes
 * and frees it, so steal the pointer before closing. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (lxw_workbook, lxw_workbook_free)

G_END_DECLS
