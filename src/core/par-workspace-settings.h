/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-workspace.h"

G_BEGIN_DECLS

/* The issuing body (cơ quan ban hành) printed on the annexes while no
 * decision names it, e.g. "UBND tỉnh Quảng Nam". */
#define PAR_SETTING_ISSUER "issuer"

char     *par_workspace_get_setting (ParWorkspace  *self,
                                     const char    *key,
                                     GError       **error);
gboolean  par_workspace_set_setting (ParWorkspace  *self,
                                     const char    *key,
                                     const char    *value,
                                     GError       **error);

G_END_DECLS
