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
 * @PAR_ERROR_INTEGRITY: a published year's data no longer match its
 *   fingerprint, or the audit log was altered (FORMATS.md §7).
 * @PAR_ERROR_STALE: another program changed the workspace's years, blocks
 *   or units while this one was preparing a change; nothing was written
 *   and the change can be tried again.
 * @PAR_ERROR_CONFLICT: an entry no longer holds the value the change
 *   expected (someone changed it since); nothing was written.
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
  PAR_ERROR_INTEGRITY,
  PAR_ERROR_STALE,
  PAR_ERROR_CONFLICT,
} ParError;

GQuark par_error_quark (void);

G_END_DECLS
