/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-error.h"

G_BEGIN_DECLS

void _par_error_take_read_error (GError **error,
                                 GError  *read_error);

G_END_DECLS
