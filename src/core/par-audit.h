/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-types.h"

G_BEGIN_DECLS

void par_audit_set_program (const char *program);

G_END_DECLS
