/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-types.h"

G_BEGIN_DECLS

char *par_i18n_get_locale_dir              (void);
char *par_i18n_get_help_file               (void);
char  par_i18n_get_user_decimal_separator  (void);
void  par_i18n_init                        (void);

G_END_DECLS
