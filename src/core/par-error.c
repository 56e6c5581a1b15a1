/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-error"

#include "config.h"

#include "par-error.h"

G_DEFINE_QUARK (par-error-quark, par_error)
