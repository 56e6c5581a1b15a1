/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <nettle/sha2.h>

#include "par-types.h"

G_BEGIN_DECLS

/* The length of a SHA-256 digest in hexadecimal, with its terminating NUL. */
#define PAR_SHA256_HEX_SIZE (2 * SHA256_DIGEST_SIZE + 1)

/**
 * ParSha256:
 *
 * A running SHA-256 (nettle's, several times faster than GChecksum on
 * processors with SHA extensions), for documents and packages of hundreds
 * of megabytes.
 */
typedef struct
{
  /*< private >*/
  struct sha256_ctx ctx;
} ParSha256;

void      par_sha256_init        (ParSha256    *self);
void      par_sha256_update      (ParSha256    *self,
                                  const void   *data,
                                  gsize         length);
void      par_sha256_finish_hex  (ParSha256    *self,
                                  char          out[PAR_SHA256_HEX_SIZE]);
char     *par_sha256_hex_data    (const void   *data,
                                  gsize         length);
gboolean  par_sha256_is_hex      (const char   *text);

G_END_DECLS
