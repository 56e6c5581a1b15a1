/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-receive-dialog"

#include "config.h"

#include "par-receive-dialog.h"

#include <glib/gi18n.h>

#include "par-cycle.h"
#include "par-decimal.h"
#include "par-error.h"

/**
 * ParReceiveDialog:
 *
 * "Receive Packages…": many package files (`*.parpkg`) received one after
 * the other on a worker (par_workspace_receive_packages_async(), each all
 * or nothing), with the batch's progress and a Cancel button; each file's
 * row says, as soon as it is done, whether it was received, received
 * before, or refused and why. Cancelling rolls back the package being
 * received; those received before stay.
 */
struct _ParReceiveDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkWidget      *cancel_button;
  GtkWidget      *close_button;
  GtkProgressBar *progress_bar;
  GtkLabel       *summary_label;
  GtkListBox     *list_box;

  /* Owned */
  ParWorkspace   *workspace;
  GListStore     *receipts;     /* ParPackageReceipt */
  GCancellable   *cancellable;
  GError         *error;        /* the batch's own failure */
  gint64          started;      /* monotonic time */
  gint64          finished;
  gboolean        running;
};

G_DEFINE_FINAL_TYPE (ParReceiveDialog, par_receive_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
par_receive_dialog_dispose (GObject *object)
{
  ParReceiveDialog *self = (ParReceiveDialog *)object;

  /* A batch still running goes no further than its current package. */
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_RECEIVE_DIALOG);

  G_OBJECT_CLASS (par_receive_dialog_parent_class)->dispose (object);
}

static void
par_receive_dialog_finalize (GObject *object)
{
  ParReceiveDialog *self = (ParReceiveDialog *)object;

  g_clear_object (&self->workspace);
  g_clear_object (&self->receipts);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (par_receive_dialog_parent_class)->finalize (object);
}

static void
par_receive_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ParReceiveDialog *self = PAR_RECEIVE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static guint
count_state (ParReceiveDialog *self,
             ParReceiptState   state)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->receipts));
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ParPackageReceipt) receipt = g_list_model_get_item (G_LIST_MODEL (self->receipts),
                                                                    i);
      if (par_package_receipt_get_state (receipt) == state)
        count++;
    }
  return count;
}

/* "118 received, 1 received before, 1 refused", and how long it took. */
static void
update_summary (ParReceiveDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->receipts));
  guint received = count_state (self, PAR_RECEIPT_RECEIVED);
  guint again = count_state (self, PAR_RECEIPT_ALREADY_RECEIVED);
  guint refused = count_state (self, PAR_RECEIPT_REFUSED);
  guint cancelled = count_state (self, PAR_RECEIPT_CANCELLED);
  guint done = received + again + refused + cancelled;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *subtitle = NULL;

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u package received",
                                             "%u packages received", received), received);
  if (again > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u received before",
                                               ", %u received before", again), again);
  if (refused > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u refused", ", %u refused",
                                               refused), refused);
  if (cancelled > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u not received (cancelled)",
                                               ", %u not received (cancelled)", cancelled),
                            cancelled);
  if (self->error != NULL)
    g_string_append_printf (text, "\n%s", self->error->message);
  if (!self->running && self->finished > self->started)
    {
      g_autofree char *seconds = g_strdup_printf ("%.1f", (self->finished - self->started) /
                                                           (double) G_USEC_PER_SEC);

      /* The numeric locale is C's: the user's decimal separator by hand. */
      g_strdelimit (seconds, ".", par_locale_decimal_separator ());
      g_string_append_printf (text, _(" — in %s s"), seconds);
    }
  gtk_label_set_label (self->summary_label, text->str);

  /* Translators: packages done of all packages in the batch */
  subtitle = g_strdup_printf (_("%u of %u"), done, n);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static const char *
state_icon (ParReceiptState state)
{
  switch (state)
    {
    case PAR_RECEIPT_RECEIVING:
      return "emblem-synchronizing-symbolic";
    case PAR_RECEIPT_RECEIVED:
      return "emblem-ok-symbolic";
    case PAR_RECEIPT_ALREADY_RECEIVED:
      return "emblem-default-symbolic";
    case PAR_RECEIPT_REFUSED:
      return "dialog-error-symbolic";
    case PAR_RECEIPT_CANCELLED:
      return "process-stop-symbolic";
    case PAR_RECEIPT_PENDING:
    default:
      return "content-loading-symbolic";
    }
}

static const char *
state_style (ParReceiptState state)
{
  switch (state)
    {
    case PAR_RECEIPT_RECEIVED:
      return "success";
    case PAR_RECEIPT_REFUSED:
      return "error";
    case PAR_RECEIPT_RECEIVING:
      return "accent";
    case PAR_RECEIPT_ALREADY_RECEIVED:
    case PAR_RECEIPT_CANCELLED:
    case PAR_RECEIPT_PENDING:
    default:
      return "dim-label";
    }
}

static void
sync_row (GtkWidget         *row,
          ParPackageReceipt *receipt)
{
  ParReceiptState state = par_package_receipt_get_state (receipt);
  GtkImage *icon = g_object_get_data (G_OBJECT (row), "icon");
  const char *message = par_package_receipt_get_message (receipt);
  const char *classes[] = { state_style (state), NULL };

  gtk_image_set_from_icon_name (icon, state_icon (state));
  gtk_widget_set_css_classes (GTK_WIDGET (icon), classes);
  if (message == NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), C_("receipt", "Waiting"));
  else
    {
      /* A refusal's reason starts a sentence here. */
      g_autofree char *first = g_utf8_strup (message, g_utf8_next_char (message) - message);
      g_autofree char *sentence = g_strconcat (first, g_utf8_next_char (message), NULL);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sentence);
    }
}

static void
receipt_changed_cb (ParReceiveDialog  *self,
                    GParamSpec        *pspec,
                    ParPackageReceipt *receipt)
{
  guint position;
  GtkListBoxRow *row;

  if (self->list_box == NULL ||
      !g_list_store_find (self->receipts, receipt, &position) ||
      !(row = gtk_list_box_get_row_at_index (self->list_box, position)))
    return;
  sync_row (GTK_WIDGET (row), receipt);
  update_summary (self);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  ParPackageReceipt *receipt = item;
  g_autofree char *basename = g_file_get_basename (par_package_receipt_get_file (receipt));
  g_autofree char *name = g_filename_display_name (basename);
  g_autofree char *path = g_file_get_parse_name (par_package_receipt_get_file (receipt));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_widget_set_tooltip_text (row, path);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  g_object_set_data (G_OBJECT (row), "icon", icon);
  sync_row (row, receipt);
  return row;
}

static void
progress_cb (double      fraction,
             const char *text,
             gpointer    user_data)
{
  ParReceiveDialog *self = user_data;

  if (self->progress_bar == NULL)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  if (text != NULL)
    gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
set_running (ParReceiveDialog *self,
             gboolean          running)
{
  if (self->running == running)
    return;
  self->running = running;
  if (self->cancel_button != NULL)
    {
      gtk_widget_set_visible (self->cancel_button, running);
      gtk_widget_set_visible (self->close_button, !running);
      gtk_window_set_deletable (GTK_WINDOW (self), !running);
      if (!running)
        gtk_widget_grab_focus (self->close_button);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RUNNING]);
}

static void
received_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ParReceiveDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->finished = g_get_monotonic_time ();
  if (!par_workspace_receive_packages_finish (PAR_WORKSPACE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->error = g_steal_pointer (&error);
  set_running (self, FALSE);
  if (self->progress_bar == NULL)
    return;   /* The window was closed meanwhile. */
  adw_window_title_set_title (self->window_title,
                              g_cancellable_is_cancelled (self->cancellable)
                              ? _("Receiving Cancelled") : _("Packages Received"));
  gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
  gtk_progress_bar_set_text (self->progress_bar,
                             g_cancellable_is_cancelled (self->cancellable)
                             ? _("Cancelled") : _("Done"));
  update_summary (self);
}

static void
cancel_clicked_cb (ParReceiveDialog *self)
{
  par_receive_dialog_cancel (self);
}

static void
close_clicked_cb (ParReceiveDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* Escape, or closing, while the batch runs cancels it; the dialog stays
 * until it has stopped, to say what was received. */
static gboolean
par_receive_dialog_close_request (GtkWindow *window)
{
  ParReceiveDialog *self = (ParReceiveDialog *)window;

  if (self->running)
    {
      par_receive_dialog_cancel (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (par_receive_dialog_parent_class)->close_request (window);
}

static void
par_receive_dialog_class_init (ParReceiveDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = par_receive_dialog_dispose;
  object_class->finalize = par_receive_dialog_finalize;
  object_class->get_property = par_receive_dialog_get_property;
  window_class->close_request = par_receive_dialog_close_request;

  /**
   * ParReceiveDialog:running:
   *
   * Whether packages are being received.
   */
  properties [PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/"
                                               "par-receive-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ParReceiveDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ParReceiveDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ParReceiveDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, ParReceiveDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ParReceiveDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ParReceiveDialog, list_box);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
par_receive_dialog_init (ParReceiveDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->receipts = g_list_store_new (PAR_TYPE_PACKAGE_RECEIPT);
  self->cancellable = g_cancellable_new ();
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->receipts), create_row, self, NULL);
}

/**
 * par_receive_dialog_new:
 * @parent: the window
 * @workspace: the workspace receiving
 * @files: (array length=n_files): the package files
 * @n_files: how many
 *
 * Shows the dialog and starts receiving @files on a worker.
 *
 * Returns: (transfer none): the dialog, destroyed with @parent or when closed
 */
ParReceiveDialog *
par_receive_dialog_new (GtkWindow     *parent,
                        ParWorkspace  *workspace,
                        GFile * const *files,
                        guint          n_files)
{
  ParReceiveDialog *self;

  g_return_val_if_fail (PAR_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  self = g_object_new (PAR_TYPE_RECEIVE_DIALOG, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);
  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(ParPackageReceipt) receipt = par_package_receipt_new (files[i]);

      g_signal_connect_object (receipt, "notify::state", G_CALLBACK (receipt_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (receipt, "notify::message", G_CALLBACK (receipt_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_list_store_append (self->receipts, receipt);
    }

  gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
  self->started = g_get_monotonic_time ();
  set_running (self, TRUE);
  update_summary (self);
  /* The batch holds the dialog until it is done, whoever closes what. */
  par_workspace_receive_packages_async (workspace, G_LIST_MODEL (self->receipts), progress_cb,
                                        g_object_ref (self), g_object_unref, self->cancellable,
                                        received_cb, g_object_ref (self));
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * par_receive_dialog_cancel:
 *
 * Stops the batch: the package being received is rolled back, the rest
 * are not received.
 */
void
par_receive_dialog_cancel (ParReceiveDialog *self)
{
  g_return_if_fail (PAR_IS_RECEIVE_DIALOG (self));

  if (!self->running)
    return;
  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
}

/**
 * par_receive_dialog_get_receipts:
 *
 * Returns: (transfer none): a #ParPackageReceipt per file
 */
GListModel *
par_receive_dialog_get_receipts (ParReceiveDialog *self)
{
  g_return_val_if_fail (PAR_IS_RECEIVE_DIALOG (self), NULL);
  return G_LIST_MODEL (self->receipts);
}

gboolean
par_receive_dialog_get_running (ParReceiveDialog *self)
{
  g_return_val_if_fail (PAR_IS_RECEIVE_DIALOG (self), FALSE);
  return self->running;
}

/**
 * par_receive_dialog_get_summary:
 *
 * Returns: what the dialog says of the batch
 */
const char *
par_receive_dialog_get_summary (ParReceiveDialog *self)
{
  g_return_val_if_fail (PAR_IS_RECEIVE_DIALOG (self), NULL);
  return gtk_label_get_label (self->summary_label);
}

/**
 * par_receive_dialog_get_elapsed:
 *
 * Returns: the time from the start of the batch to its end (or to now,
 *   while it runs), in microseconds
 */
gint64
par_receive_dialog_get_elapsed (ParReceiveDialog *self)
{
  g_return_val_if_fail (PAR_IS_RECEIVE_DIALOG (self), 0);
  return (self->running ? g_get_monotonic_time () : self->finished) - self->started;
}
