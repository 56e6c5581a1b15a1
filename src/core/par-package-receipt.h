/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-cycle.h"
#include "par-types.h"

G_BEGIN_DECLS

/**
 * ParReceiptState:
 * @PAR_RECEIPT_PENDING: not read yet
 * @PAR_RECEIPT_RECEIVING: being read
 * @PAR_RECEIPT_RECEIVED: received: the workspace holds what it carried
 * @PAR_RECEIPT_ALREADY_RECEIVED: this very package had been received
 *   before; nothing changed
 * @PAR_RECEIPT_REFUSED: refused; nothing changed (the message says why)
 * @PAR_RECEIPT_CANCELLED: not received: the batch was cancelled
 *
 * Where one package of a batch stands.
 */
typedef enum
{
  PAR_RECEIPT_PENDING,
  PAR_RECEIPT_RECEIVING,
  PAR_RECEIPT_RECEIVED,
  PAR_RECEIPT_ALREADY_RECEIVED,
  PAR_RECEIPT_REFUSED,
  PAR_RECEIPT_CANCELLED,
} ParReceiptState;

#define PAR_TYPE_PACKAGE_RECEIPT (par_package_receipt_get_type ())

G_DECLARE_FINAL_TYPE (ParPackageReceipt, par_package_receipt, PAR, PACKAGE_RECEIPT, GObject)

ParPackageReceipt  *par_package_receipt_new             (GFile              *file);
GFile              *par_package_receipt_get_file        (ParPackageReceipt  *self);
ParReceiptState     par_package_receipt_get_state       (ParPackageReceipt  *self);
const char         *par_package_receipt_get_message     (ParPackageReceipt  *self);
const GError       *par_package_receipt_get_error       (ParPackageReceipt  *self);
const ParPackageSummary *par_package_receipt_get_summary (ParPackageReceipt *self);

void                _par_package_receipt_set_outcome    (ParPackageReceipt        *self,
                                                         ParReceiptState           state,
                                                         const ParPackageSummary  *summary,
                                                         const GError             *error);

G_END_DECLS
