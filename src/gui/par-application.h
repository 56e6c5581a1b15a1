/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-types.h"

G_BEGIN_DECLS

#define PAR_TYPE_APPLICATION (par_application_get_type ())

G_DECLARE_FINAL_TYPE (ParApplication, par_application, PAR, APPLICATION, AdwApplication)

ParApplication *par_application_new (void);

G_END_DECLS
