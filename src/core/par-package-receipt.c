/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-package-receipt"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-package-receipt.h"

/**
 * ParPackageReceipt:
 *
 * One file of a batch given to par_workspace_receive_packages_async():
 * the window lists them (a #GListModel of receipts) and sees each turn
 * from pending to received, already received, refused (and why) or
 * cancelled, on its own main context.
 */
struct _ParPackageReceipt
{
  GObject            parent_instance;

  GFile             *file;
  ParReceiptState    state;
  char              *message;
  GError            *error;
  ParPackageSummary *summary;
};

G_DEFINE_FINAL_TYPE (ParPackageReceipt, par_package_receipt, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_UNIT_CODE,
  PROP_ROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
par_package_receipt_finalize (GObject *object)
{
  ParPackageReceipt *self = (ParPackageReceipt *)object;

  g_clear_object (&self->file);
  g_free (self->message);
  g_clear_error (&self->error);
  g_clear_pointer (&self->summary, par_package_summary_free);

  G_OBJECT_CLASS (par_package_receipt_parent_class)->finalize (object);
}

static void
par_package_receipt_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ParPackageReceipt *self = PAR_PACKAGE_RECEIPT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_UNIT_CODE:
      g_value_set_string (value, self->summary != NULL ? self->summary->unit_code : NULL);
      break;

    case PROP_ROUND:
      g_value_set_int (value, self->summary != NULL ? self->summary->round : 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_package_receipt_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ParPackageReceipt *self = PAR_PACKAGE_RECEIPT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_package_receipt_class_init (ParPackageReceiptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = par_package_receipt_finalize;
  object_class->get_property = par_package_receipt_get_property;
  object_class->set_property = par_package_receipt_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * ParPackageReceipt:state:
   *
   * A #ParReceiptState.
   */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, PAR_RECEIPT_PENDING, PAR_RECEIPT_CANCELLED,
                      PAR_RECEIPT_PENDING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * ParPackageReceipt:message:
   *
   * What happened, in the user's language: what was received, or why the
   * package was refused.
   */
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT_CODE] =
    g_param_spec_string ("unit-code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROUND] =
    g_param_spec_int ("round", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
par_package_receipt_init (ParPackageReceipt *self)
{
}

/**
 * par_package_receipt_new:
 * @file: a package file
 *
 * Returns: (transfer full): a pending receipt for @file
 */
ParPackageReceipt *
par_package_receipt_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (PAR_TYPE_PACKAGE_RECEIPT, "file", file, NULL);
}

GFile *
par_package_receipt_get_file (ParPackageReceipt *self)
{
  g_return_val_if_fail (PAR_IS_PACKAGE_RECEIPT (self), NULL);
  return self->file;
}

ParReceiptState
par_package_receipt_get_state (ParPackageReceipt *self)
{
  g_return_val_if_fail (PAR_IS_PACKAGE_RECEIPT (self), PAR_RECEIPT_PENDING);
  return self->state;
}

const char *
par_package_receipt_get_message (ParPackageReceipt *self)
{
  g_return_val_if_fail (PAR_IS_PACKAGE_RECEIPT (self), NULL);
  return self->message;
}

/**
 * par_package_receipt_get_error:
 * @self: a receipt
 *
 * Returns: (nullable) (transfer none): why the package was refused
 *   (%PAR_ERROR_FROZEN when the year or the stage is closed)
 */
const GError *
par_package_receipt_get_error (ParPackageReceipt *self)
{
  g_return_val_if_fail (PAR_IS_PACKAGE_RECEIPT (self), NULL);
  return self->error;
}

/**
 * par_package_receipt_get_summary:
 * @self: a receipt
 *
 * Returns: (nullable) (transfer none): what the package held, once received
 */
const ParPackageSummary *
par_package_receipt_get_summary (ParPackageReceipt *self)
{
  g_return_val_if_fail (PAR_IS_PACKAGE_RECEIPT (self), NULL);
  return self->summary;
}

static char *
describe (ParReceiptState           state,
          const ParPackageSummary  *summary,
          const GError             *error)
{
  switch (state)
    {
    case PAR_RECEIPT_RECEIVING:
      return g_strdup (_("Receiving…"));
    case PAR_RECEIPT_RECEIVED:
      if (summary->kind == PAR_PACKAGE_RETURN)
        return g_strdup_printf (_("Appraisal of round %d for %s received"), summary->round,
                                summary->unit_code);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Round %d of %s received: %u document, %u stored anew",
                                           "Round %d of %s received: %u documents, %u stored anew",
                                           summary->n_documents),
                              summary->round, summary->unit_code, summary->n_documents,
                              summary->n_documents_stored);
    case PAR_RECEIPT_ALREADY_RECEIVED:
      return g_strdup_printf (_("Round %d of %s was received before; nothing changed"),
                              summary->round, summary->unit_code);
    case PAR_RECEIPT_REFUSED:
      return g_strdup (error != NULL ? error->message : _("Refused"));
    case PAR_RECEIPT_CANCELLED:
      return g_strdup (_("Not received: cancelled"));
    case PAR_RECEIPT_PENDING:
    default:
      return NULL;
    }
}

/* Called on the receipt's main context. */
void
_par_package_receipt_set_outcome (ParPackageReceipt        *self,
                                  ParReceiptState           state,
                                  const ParPackageSummary  *summary,
                                  const GError             *error)
{
  g_return_if_fail (PAR_IS_PACKAGE_RECEIPT (self));

  g_object_freeze_notify (G_OBJECT (self));
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  if (summary != NULL)
    {
      g_clear_pointer (&self->summary, par_package_summary_free);
      self->summary = g_memdup2 (summary, sizeof *summary);
      self->summary->unit_code = g_strdup (summary->unit_code);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT_CODE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUND]);
    }
  g_free (self->message);
  self->message = describe (state, self->summary, self->error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}
