/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-types.h"

G_BEGIN_DECLS

#define PAR_ERROR (par_error_quark ())

/**
 * ParError:
 * @PAR_ERROR_INVALID: the input (a file, a value, an argument) is invalid;
 *   nothing was changed.
 * @PAR_ERROR_NOT_FOUND: a year, block, unit or criterion named in the input
 *   does not exist.
 * @PAR_ERROR_IO: the workspace or a file could not be read or written.
 * @PAR_ERROR_FROZEN: the year is published and refuses changes.
 * @PAR_ERROR_VERSION: the workspace was written by a newer ParIndex.
 *
 * Error codes of the %PAR_ERROR domain.
 */
typedef enum
{
  PAR_ERROR_INVALID,
  PAR_ERROR_NOT_FOUND,
  PAR_ERROR_IO,
  PAR_ERROR_FROZEN,
  PAR_ERROR_VERSION,
} ParError;

GQuark par_error_quark (void);

G_END_DECLS
