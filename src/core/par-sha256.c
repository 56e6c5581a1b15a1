/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-sha256"

#include "config.h"

#include "par-sha256.h"

void
par_sha256_init (ParSha256 *self)
{
  g_return_if_fail (self != NULL);

  sha256_init (&self->ctx);
}

void
par_sha256_update (ParSha256  *self,
                   const void *data,
                   gsize       length)
{
  g_return_if_fail (self != NULL);

  if (length > 0)
    sha256_update (&self->ctx, length, data);
}

/**
 * par_sha256_finish_hex:
 * @self: a running hash
 * @out: (out caller-allocates): the digest in lower-case hexadecimal
 *
 * Ends the hash and writes its digest; @self starts again empty.
 */
void
par_sha256_finish_hex (ParSha256 *self,
                       char       out[PAR_SHA256_HEX_SIZE])
{
  static const char digits[] = "0123456789abcdef";
  guint8 digest[SHA256_DIGEST_SIZE];

  g_return_if_fail (self != NULL);

  sha256_digest (&self->ctx, sizeof digest, digest);
  for (guint i = 0; i < sizeof digest; i++)
    {
      out[2 * i] = digits[digest[i] >> 4];
      out[2 * i + 1] = digits[digest[i] & 0xf];
    }
  out[2 * SHA256_DIGEST_SIZE] = '\0';
}

/**
 * par_sha256_hex_data:
 * @data: (array length=length): bytes
 * @length: their number
 *
 * Returns: (transfer full): the SHA-256 of @data in lower-case hexadecimal
 */
char *
par_sha256_hex_data (const void *data,
                     gsize       length)
{
  ParSha256 hash;
  char *hex = g_malloc (PAR_SHA256_HEX_SIZE);

  par_sha256_init (&hash);
  par_sha256_update (&hash, data, length);
  par_sha256_finish_hex (&hash, hex);
  return hex;
}

/**
 * par_sha256_is_hex:
 * @text: (nullable): a string
 *
 * Returns: whether @text is a SHA-256 digest in lower-case hexadecimal
 */
gboolean
par_sha256_is_hex (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < 2 * SHA256_DIGEST_SIZE; i++)
    if (!((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f')))
      return FALSE;
  return text[2 * SHA256_DIGEST_SIZE] == '\0';
}
