/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-missing-evidence-pane"

#include "config.h"

#include "par-missing-evidence-pane.h"

#include <glib/gi18n.h>

/**
 * ParMissingEvidencePane:
 *
 * The selected unit's "missing evidence" view: every applicable leaf with
 * a self entry but neither evidence nor an explanation, so that the clerk
 * can complete the dossier before sending it. Activating a row emits
 * #ParMissingEvidencePane::criterion-activated.
 */
struct _ParMissingEvidencePane
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkLabel       *summary_label;
  GtkListView    *list_view;

  /* Owned */
  ParUnitSession *session;
  GListModel     *missing;
};

G_DEFINE_FINAL_TYPE (ParMissingEvidencePane, par_missing_evidence_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_MISSING,
  N_PROPS
};

enum {
  CRITERION_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
update (ParMissingEvidencePane *self)
{
  guint n = self->missing != NULL ? g_list_model_get_n_items (self->missing) : 0;
  g_autofree char *summary = NULL;

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u scored criterion has neither evidence nor an "
                                          "explanation.",
                                          "%u scored criteria have neither evidence nor an "
                                          "explanation.", n), n);
  gtk_label_set_label (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
items_changed_cb (ParMissingEvidencePane *self,
                  guint                   position,
                  guint                   removed,
                  guint                   added)
{
  update (self);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_MISSING]);
}

static void
activate_cb (ParMissingEvidencePane *self,
             guint                   position)
{
  g_autoptr(ParCriterionRow) row = NULL;

  if (self->missing == NULL || !(row = g_list_model_get_item (self->missing, position)))
    return;
  g_signal_emit (self, signals [CRITERION_ACTIVATED], 0, row);
}

/**
 * par_missing_evidence_pane_set_session:
 * @self: a #ParMissingEvidencePane
 * @session: (nullable): the selected unit's session
 *
 * Shows the missing evidence of @session's unit, kept up to date.
 */
void
par_missing_evidence_pane_set_session (ParMissingEvidencePane *self,
                                       ParUnitSession         *session)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  guint old_n;

  g_return_if_fail (PAR_IS_MISSING_EVIDENCE_PANE (self));
  g_return_if_fail (session == NULL || PAR_IS_UNIT_SESSION (session));

  if (self->session == session)
    return;
  old_n = par_missing_evidence_pane_get_n_missing (self);
  if (self->missing != NULL)
    g_signal_handlers_disconnect_by_func (self->missing, items_changed_cb, self);
  g_clear_object (&self->missing);
  g_set_object (&self->session, session);

  if (session != NULL)
    {
      self->missing = g_object_ref (par_unit_session_get_missing (session));
      g_signal_connect_object (self->missing, "items-changed", G_CALLBACK (items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      selection = gtk_no_selection_new (g_object_ref (self->missing));
    }
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  update (self);
  if (old_n != par_missing_evidence_pane_get_n_missing (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_MISSING]);
}

/**
 * par_missing_evidence_pane_get_n_missing:
 *
 * Returns: how many leaves lack evidence
 */
guint
par_missing_evidence_pane_get_n_missing (ParMissingEvidencePane *self)
{
  g_return_val_if_fail (PAR_IS_MISSING_EVIDENCE_PANE (self), 0);
  return self->missing != NULL ? g_list_model_get_n_items (self->missing) : 0;
}

/**
 * par_missing_evidence_pane_get_list:
 *
 * Returns: (transfer none): the list view of the leaves
 */
GtkListView *
par_missing_evidence_pane_get_list (ParMissingEvidencePane *self)
{
  g_return_val_if_fail (PAR_IS_MISSING_EVIDENCE_PANE (self), NULL);
  return self->list_view;
}

static void
par_missing_evidence_pane_dispose (GObject *object)
{
  ParMissingEvidencePane *self = (ParMissingEvidencePane *)object;
  GtkWidget *child;

  if (self->missing != NULL)
    g_signal_handlers_disconnect_by_func (self->missing, items_changed_cb, self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_MISSING_EVIDENCE_PANE);
  /* The template's top-level child is not bound: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->missing);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (par_missing_evidence_pane_parent_class)->dispose (object);
}

static void
par_missing_evidence_pane_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  ParMissingEvidencePane *self = PAR_MISSING_EVIDENCE_PANE (object);

  switch (prop_id)
    {
    case PROP_N_MISSING:
      g_value_set_uint (value, par_missing_evidence_pane_get_n_missing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_missing_evidence_pane_class_init (ParMissingEvidencePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_missing_evidence_pane_dispose;
  object_class->get_property = par_missing_evidence_pane_get_property;

  /**
   * ParMissingEvidencePane:n-missing:
   *
   * How many leaves of the unit lack evidence.
   */
  properties [PROP_N_MISSING] =
    g_param_spec_uint ("n-missing", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ParMissingEvidencePane::criterion-activated:
   * @self: the pane
   * @row: the #ParCriterionRow of the leaf
   *
   * Emitted when the clerk activates a leaf, to go and complete it.
   */
  signals [CRITERION_ACTIVATED] =
    g_signal_new ("criterion-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PAR_TYPE_CRITERION_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/"
                                               "par-missing-evidence-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, ParMissingEvidencePane, stack);
  gtk_widget_class_bind_template_child (widget_class, ParMissingEvidencePane, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ParMissingEvidencePane, list_view);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);

  g_type_ensure (PAR_TYPE_CRITERION_ROW);
}

static void
par_missing_evidence_pane_init (ParMissingEvidencePane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}
