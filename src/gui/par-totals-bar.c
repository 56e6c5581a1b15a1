/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-totals-bar"

#include "config.h"

#include "par-totals-bar.h"

#include <glib/gi18n.h>

#include "par-format.h"

/**
 * ParTotalsBar:
 *
 * The selected unit's totals: points over the applicable maximum, index,
 * class, rank in its block, provisional state and change against the year
 * before. It observes the year's #ParYearModel, so it follows every
 * keystroke in a score cell and every change saved, here or elsewhere.
 */
struct _ParTotalsBar
{
  GtkWidget     parent_instance;

  /* Owned */
  ParYearModel *model;
  GSignalGroup *model_signals;
  char         *code;

  /* Template widgets */
  GtkLabel  *unit_label;
  GtkLabel  *points_label;
  GtkLabel  *index_label;
  GtkLabel  *band_label;
  GtkLabel  *rank_label;
  GtkLabel  *provisional_label;
  GtkLabel  *change_label;
};

G_DEFINE_FINAL_TYPE (ParTotalsBar, par_totals_bar, GTK_TYPE_WIDGET)

static void
par_totals_bar_dispose (GObject *object)
{
  ParTotalsBar *self = (ParTotalsBar *)object;

  g_clear_object (&self->model_signals);
  g_clear_object (&self->model);
  g_clear_pointer (&self->code, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), PAR_TYPE_TOTALS_BAR);
  /* The template's top-level child is not bound: unparent it too. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (par_totals_bar_parent_class)->dispose (object);
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  /* Setting the same text would still queue a resize. */
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

/* Shows the unit's totals as they are now. */
static void
refresh (ParTotalsBar *self)
{
  ParYearResults *results = self->model != NULL ? par_year_model_get_results (self->model) : NULL;
  ParUnitResult *unit = self->model != NULL ? par_year_model_lookup (self->model, self->code) : NULL;
  g_autofree char *points = NULL;
  g_autofree char *max = NULL;
  g_autofree char *points_text = NULL;
  g_autofree char *index = NULL;
  g_autofree char *index_text = NULL;
  g_autofree char *rank_text = NULL;
  g_autofree char *change = NULL;
  g_autofree char *lineage = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), unit != NULL);
  if (unit == NULL || results == NULL)
    return;

  points = par_format_points (unit->points);
  max = par_format_points (unit->max);
  /* Translators: a unit's points over its applicable maximum */
  points_text = g_strdup_printf (_("%s / %s points"), points, max);
  index = par_format_index (unit->index);
  /* Translators: the index, a percentage */
  index_text = g_strdup_printf (_("Index %s"), index);
  if (unit->rank > 0)
    /* Translators: the rank in the block, "4/15" */
    rank_text = g_strdup_printf (_("Rank %u/%u"), unit->rank,
                                 par_year_results_get_ranked (results, unit->block));
  else
    rank_text = g_strdup (_("Not ranked"));
  change = par_format_change (unit);
  lineage = par_format_lineage (unit, par_year_results_get_year (results));

  set_label (self->unit_label, unit->name);
  set_label (self->points_label, points_text);
  set_label (self->index_label, index_text);
  set_label (self->band_label, unit->band != NULL ? unit->band : "");
  gtk_widget_set_visible (GTK_WIDGET (self->band_label), unit->band != NULL);
  set_label (self->rank_label, rank_text);
  gtk_widget_set_visible (GTK_WIDGET (self->provisional_label), unit->provisional);
  set_label (self->change_label, change);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->change_label),
                               lineage != NULL ? lineage
                               : change[0] != '\0' ? _("Change against the year before") : NULL);
}

static void
block_changed_cb (ParTotalsBar *self,
                  guint         block)
{
  ParUnitResult *unit = par_year_model_lookup (self->model, self->code);

  if (unit != NULL && unit->block == block)
    refresh (self);
}

/**
 * par_totals_bar_set_unit:
 * @self: a #ParTotalsBar
 * @model: (nullable): the year
 * @code: (nullable): the unit to show
 *
 * Shows the unit's totals, and follows them.
 */
void
par_totals_bar_set_unit (ParTotalsBar *self,
                         ParYearModel *model,
                         const char   *code)
{
  g_return_if_fail (PAR_IS_TOTALS_BAR (self));

  if (g_set_object (&self->model, model))
    g_signal_group_set_target (self->model_signals, model);
  g_free (self->code);
  self->code = g_strdup (code);
  refresh (self);
}

const char *
par_totals_bar_get_points (ParTotalsBar *self)
{
  return gtk_label_get_label (self->points_label);
}

const char *
par_totals_bar_get_index (ParTotalsBar *self)
{
  return gtk_label_get_label (self->index_label);
}

const char *
par_totals_bar_get_rank (ParTotalsBar *self)
{
  return gtk_label_get_label (self->rank_label);
}

const char *
par_totals_bar_get_band (ParTotalsBar *self)
{
  return gtk_label_get_label (self->band_label);
}

gboolean
par_totals_bar_get_provisional (ParTotalsBar *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->provisional_label));
}

static void
par_totals_bar_class_init (ParTotalsBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_totals_bar_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/par-totals-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, ParTotalsBar, unit_label);
  gtk_widget_class_bind_template_child (widget_class, ParTotalsBar, points_label);
  gtk_widget_class_bind_template_child (widget_class, ParTotalsBar, index_label);
  gtk_widget_class_bind_template_child (widget_class, ParTotalsBar, band_label);
  gtk_widget_class_bind_template_child (widget_class, ParTotalsBar, rank_label);
  gtk_widget_class_bind_template_child (widget_class, ParTotalsBar, provisional_label);
  gtk_widget_class_bind_template_child (widget_class, ParTotalsBar, change_label);
  gtk_widget_class_set_css_name (widget_class, "totalsbar");
}

static void
par_totals_bar_init (ParTotalsBar *self)
{
  self->model_signals = g_signal_group_new (PAR_TYPE_YEAR_MODEL);
  g_signal_group_connect_swapped (self->model_signals, "block-changed",
                                  G_CALLBACK (block_changed_cb), self);
  g_signal_group_connect_swapped (self->model_signals, "reset", G_CALLBACK (refresh), self);

  gtk_widget_init_template (GTK_WIDGET (self));
}
