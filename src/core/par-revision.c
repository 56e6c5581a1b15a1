/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-revision"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-decimal.h"
#include "par-format-private.h"
#include "par-revision.h"

/*
 * A criteria set revised within a year (Sơn La re-issued its 2025 set two
 * months after the first): the differences between the set in use and the
 * new version, leaf by leaf, and what the new version does to each entry
 * already made — kept, re-evaluated by the new rule, or dropped — before
 * anything changes (par-workspace-revision.c applies it).
 */

static void
entry_revision_free (gpointer data)
{
  ParEntryRevision *entry = data;

  g_free (entry->unit_code);
  g_free (entry->unit_name);
  g_free (entry->criterion_code);
  g_free (entry->value);
  g_free (entry->note);
  g_free (entry->new_value);
  g_free (entry->reason);
  g_free (entry);
}

static gboolean
same_rule (const ParRule *a,
           const ParRule *b)
{
  if (a->kind != b->kind)
    return FALSE;
  switch (a->kind)
    {
    case PAR_RULE_OPTIONS:
      if (a->options->len != b->options->len)
        return FALSE;
      for (guint i = 0; i < a->options->len; i++)
        {
          const ParRuleOption *x = &g_array_index (a->options, ParRuleOption, i);
          const ParRuleOption *y = &g_array_index (b->options, ParRuleOption, i);

          if (x->points != y->points || !g_str_equal (x->label, y->label))
            return FALSE;
        }
      return TRUE;

    case PAR_RULE_TIERS:
      if (a->tiers->len != b->tiers->len)
        return FALSE;
      return memcmp (a->tiers->data, b->tiers->data, a->tiers->len * sizeof (ParRuleTier)) == 0;

    case PAR_RULE_RATIO:
      return a->full_at == b->full_at;

    case PAR_RULE_DEDUCTION:
      return a->per == b->per;

    case PAR_RULE_MANUAL:
    case PAR_RULE_BINARY:
    case PAR_RULE_SURVEY:
    default:
      return TRUE;
    }
}

static ParLeafChange *
leaf_change_new (ParLeafChangeKind   kind,
                 const ParCriterion *old_leaf,
                 const ParCriterion *new_leaf)
{
  ParLeafChange *change = g_new0 (ParLeafChange, 1);

  change->kind = kind;
  change->old_leaf = old_leaf;
  change->new_leaf = new_leaf;
  return change;
}

static const ParCriterion *
lookup_leaf (ParCriteriaSet *set,
             const char     *code)
{
  const ParCriterion *node = par_criteria_set_lookup (set, code);

  return node != NULL && node->children == NULL ? node : NULL;
}

/**
 * par_set_revision_new:
 * @year: the year
 * @block: the block
 * @old_set: the block's set in use
 * @new_set: its new version
 *
 * Compares the two sets leaf by leaf (by code). Add the entries already
 * made with par_set_revision_add_entry().
 *
 * Returns: (transfer full): the revision's plan
 */
ParSetRevision *
par_set_revision_new (int             year,
                      const char     *block,
                      ParCriteriaSet *old_set,
                      ParCriteriaSet *new_set)
{
  ParSetRevision *self = g_new0 (ParSetRevision, 1);

  self->year = year;
  self->block = g_strdup (block);
  self->old_set = par_criteria_set_ref (old_set);
  self->new_set = par_criteria_set_ref (new_set);
  self->leaves = g_ptr_array_new_with_free_func (g_free);
  self->entries = g_ptr_array_new_with_free_func (entry_revision_free);

  for (guint i = 0; i < old_set->leaves->len; i++)
    {
      const ParCriterion *old_leaf = g_ptr_array_index (old_set->leaves, i);
      const ParCriterion *new_leaf = lookup_leaf (new_set, old_leaf->code);
      ParLeafChangeFlags changes = 0;

      if (new_leaf == NULL)
        {
          g_ptr_array_add (self->leaves, leaf_change_new (PAR_LEAF_REMOVED, old_leaf, NULL));
          continue;
        }
      if (!g_str_equal (old_leaf->title, new_leaf->title))
        changes |= PAR_LEAF_CHANGE_TITLE;
      if (old_leaf->max != new_leaf->max)
        changes |= PAR_LEAF_CHANGE_MAX;
      if (!same_rule (&old_leaf->rule, &new_leaf->rule))
        changes |= PAR_LEAF_CHANGE_RULE;
      if (old_leaf->not_arising != new_leaf->not_arising)
        changes |= PAR_LEAF_CHANGE_NOT_ARISING;
      if (changes != 0)
        {
          ParLeafChange *change = leaf_change_new (PAR_LEAF_CHANGED, old_leaf, new_leaf);

          change->changes = changes;
          g_ptr_array_add (self->leaves, change);
        }
    }
  for (guint i = 0; i < new_set->leaves->len; i++)
    {
      const ParCriterion *new_leaf = g_ptr_array_index (new_set->leaves, i);

      if (lookup_leaf (old_set, new_leaf->code) == NULL)
        g_ptr_array_add (self->leaves, leaf_change_new (PAR_LEAF_ADDED, NULL, new_leaf));
    }
  return self;
}

void
par_set_revision_free (ParSetRevision *self)
{
  if (self == NULL)
    return;
  g_free (self->block);
  g_clear_pointer (&self->old_set, par_criteria_set_unref);
  g_clear_pointer (&self->new_set, par_criteria_set_unref);
  g_clear_pointer (&self->leaves, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_free (self);
}

/**
 * par_set_revision_add_entry:
 * @self: a #ParSetRevision
 * @unit_code: the unit
 * @unit_name: its name
 * @criterion_code: the leaf, in the set in use
 * @stage: the stage
 * @state: the entry's state now
 * @value: its canonical value now
 * @points: its points now
 * @applicable: whether its leaf counts now
 * @note: (nullable): its note
 *
 * Says what the new set does to one entry already made: evaluates its
 * value by the new leaf's rule. Entries must be added by unit, then leaf,
 * then stage, for the plan to list them so.
 */
void
par_set_revision_add_entry (ParSetRevision *self,
                            const char     *unit_code,
                            const char     *unit_name,
                            const char     *criterion_code,
                            ParStage        stage,
                            ParEntryState   state,
                            const char     *value,
                            ParMilli        points,
                            gboolean        applicable,
                            const char     *note)
{
  g_autoptr(GError) error = NULL;
  const ParCriterion *new_leaf = lookup_leaf (self->new_set, criterion_code);
  ParEntry entry = { PAR_ENTRY_EMPTY, NULL, 0, TRUE };
  ParEntryRevision *revision;

  if (new_leaf != NULL &&
      par_rule_evaluate (new_leaf, stage, value, FALSE, &entry, &error) &&
      entry.state == state && g_strcmp0 (entry.value, value) == 0 && entry.points == points &&
      (entry.applicable != FALSE) == (applicable != FALSE))
    {
      par_entry_clear (&entry);
      self->n_kept++;
      return;
    }

  revision = g_new0 (ParEntryRevision, 1);
  revision->unit_code = g_strdup (unit_code);
  revision->unit_name = g_strdup (unit_name);
  revision->criterion_code = g_strdup (criterion_code);
  revision->stage = stage;
  revision->value = g_strdup (value);
  revision->note = g_strdup (note);
  revision->old_points = points;
  if (new_leaf == NULL)
    {
      revision->fate = PAR_ENTRY_DROPPED_LEAF_GONE;
      self->n_dropped++;
    }
  else if (error != NULL)
    {
      revision->fate = PAR_ENTRY_DROPPED_INVALID;
      revision->reason = g_strdup (error->message);
      self->n_dropped++;
    }
  else
    {
      revision->fate = PAR_ENTRY_REEVALUATED;
      revision->new_value = g_steal_pointer (&entry.value);
      revision->new_points = entry.points;
      revision->new_state = entry.state;
      revision->new_applicable = entry.applicable;
      self->n_reevaluated++;
    }
  par_entry_clear (&entry);
  g_ptr_array_add (self->entries, revision);
}

static const char *
rule_kind_label (ParRuleKind kind)
{
  switch (kind)
    {
    case PAR_RULE_BINARY:
      return C_("rule", "done or not");
    case PAR_RULE_OPTIONS:
      return C_("rule", "options");
    case PAR_RULE_TIERS:
      return C_("rule", "tiers");
    case PAR_RULE_RATIO:
      return C_("rule", "ratio");
    case PAR_RULE_DEDUCTION:
      return C_("rule", "deduction");
    case PAR_RULE_SURVEY:
      return C_("rule", "survey");
    case PAR_RULE_MANUAL:
    default:
      return C_("rule", "points as entered");
    }
}

/**
 * par_rule_summary:
 * @leaf: a leaf
 * @decimal_separator: the reader's
 *
 * Returns: (transfer full): the leaf's rule in one line: "options: Đúng
 *   thời hạn 1, Chậm 0.5", "tiers: from 100 1, from 80 0.5", "ratio, full
 *   at 100", "deduction 0.25 per failure", "manual", …
 */
char *
par_rule_summary (const ParCriterion *leaf,
                  char                decimal_separator)
{
  const ParRule *rule = &leaf->rule;
  GString *text = g_string_new (rule_kind_label (rule->kind));

  if (rule->kind == PAR_RULE_OPTIONS)
    for (guint i = 0; i < rule->options->len; i++)
      {
        const ParRuleOption *option = &g_array_index (rule->options, ParRuleOption, i);
        g_autofree char *points = par_milli_to_string (option->points, decimal_separator);

        g_string_append_printf (text, "%s%s %s", i > 0 ? ", " : ": ", option->label, points);
      }
  else if (rule->kind == PAR_RULE_TIERS)
    for (guint i = 0; i < rule->tiers->len; i++)
      {
        const ParRuleTier *tier = &g_array_index (rule->tiers, ParRuleTier, i);
        g_autofree char *min = par_milli_to_string (tier->min, decimal_separator);
        g_autofree char *points = par_milli_to_string (tier->points, decimal_separator);

        /* TRANSLATORS: a tier of a rule in one line: "from 95 7.5" (points) */
        g_string_append_printf (text, i > 0 ? _(", from %s %s") : _(": from %s %s"), min, points);
      }
  else if (rule->kind == PAR_RULE_RATIO)
    {
      g_autofree char *full_at = par_milli_to_string (rule->full_at, decimal_separator);

      g_string_append_printf (text, _(", full at %s"), full_at);
    }
  else if (rule->kind == PAR_RULE_DEDUCTION)
    {
      g_autofree char *per = par_milli_to_string (rule->per, decimal_separator);

      g_string_append_printf (text, _(" %s per failure"), per);
    }
  return g_string_free (text, FALSE);
}

static const char *
stage_label (ParStage stage)
{
  return stage == PAR_STAGE_SELF ? C_("stage", "self-assessment") : C_("stage", "appraisal");
}

static const char *
not_arising_label (ParNotArising not_arising)
{
  switch (not_arising)
    {
    case PAR_NOT_ARISING_FULL:
      return _("full points");
    case PAR_NOT_ARISING_NA:
      return _("not applicable");
    case PAR_NOT_ARISING_REFUSED:
    default:
      return _("refused");
    }
}

/**
 * par_leaf_change_describe:
 * @change: a difference between the sets
 * @decimal_separator: the reader's
 *
 * Returns: (transfer full): what differs, one line each: "maximum: 10 →
 *   9", "rule: … → …" for a changed leaf; its maximum and rule for an
 *   added one; its maximum for a removed one
 */
char *
par_leaf_change_describe (const ParLeafChange *change,
                          char                 decimal_separator)
{
  const ParCriterion *old_leaf = change->old_leaf;
  const ParCriterion *new_leaf = change->new_leaf;
  GString *out = g_string_new (NULL);

  if (change->kind == PAR_LEAF_ADDED)
    {
      g_autofree char *max = par_milli_to_string (new_leaf->max, decimal_separator);
      g_autofree char *rule = par_rule_summary (new_leaf, decimal_separator);

      /* TRANSLATORS: a sub-criterion added by the new set: its maximum, its rule */
      g_string_append_printf (out, _("new: max %s; %s"), max, rule);
    }
  else if (change->kind == PAR_LEAF_REMOVED)
    {
      g_autofree char *max = par_milli_to_string (old_leaf->max, decimal_separator);

      g_string_append_printf (out, _("removed: max %s"), max);
    }
  else
    {
      if (change->changes & PAR_LEAF_CHANGE_TITLE)
        g_string_append_printf (out, _("title: %s → %s\n"), old_leaf->title, new_leaf->title);
      if (change->changes & PAR_LEAF_CHANGE_MAX)
        {
          g_autofree char *before = par_milli_to_string (old_leaf->max, decimal_separator);
          g_autofree char *after = par_milli_to_string (new_leaf->max, decimal_separator);

          g_string_append_printf (out, _("maximum: %s → %s\n"), before, after);
        }
      if (change->changes & PAR_LEAF_CHANGE_RULE)
        {
          g_autofree char *before = par_rule_summary (old_leaf, decimal_separator);
          g_autofree char *after = par_rule_summary (new_leaf, decimal_separator);

          g_string_append_printf (out, _("rule: %s → %s\n"), before, after);
        }
      if (change->changes & PAR_LEAF_CHANGE_NOT_ARISING)
        g_string_append_printf (out, _("not arising: %s → %s\n"),
                                not_arising_label (old_leaf->not_arising),
                                not_arising_label (new_leaf->not_arising));
      g_string_truncate (out, out->len - 1);
    }
  return g_string_free (out, FALSE);
}

/**
 * par_entry_revision_describe:
 * @entry: an entry the revision changes
 * @decimal_separator: the reader's
 *
 * Returns: (transfer full): "3.1 appraisal (97) 7.5 → 8 points", "1.1
 *   self-assessment (9.5) 9.5: dropped: “9.5” is outside 0–9", …
 */
char *
par_entry_revision_describe (const ParEntryRevision *entry,
                             char                    decimal_separator)
{
  g_autofree char *old_points = par_milli_to_string (entry->old_points, decimal_separator);
  g_autofree char *new_points = par_milli_to_string (entry->new_points, decimal_separator);
  g_autofree char *head = g_strdup_printf ("%s %s (%s) %s", entry->criterion_code,
                                           stage_label (entry->stage), entry->value, old_points);

  switch (entry->fate)
    {
    case PAR_ENTRY_REEVALUATED:
      if (!entry->new_applicable)
        /* TRANSLATORS: an entry the new rule makes not applicable */
        return g_strdup_printf (_("%s → not applicable"), head);
      if (g_strcmp0 (entry->value, entry->new_value) != 0)
        /* TRANSLATORS: an entry re-evaluated by the new rule: value and points */
        return g_strdup_printf (_("%s → (%s) %s points"), head, entry->new_value, new_points);
      return g_strdup_printf (_("%s → %s points"), head, new_points);

    case PAR_ENTRY_DROPPED_LEAF_GONE:
      return g_strdup_printf (_("%s: dropped, the sub-criterion is not in the new set"), head);

    case PAR_ENTRY_DROPPED_INVALID:
    case PAR_ENTRY_KEPT:
    default:
      return g_strdup_printf (_("%s: dropped, %s"), head, entry->reason);
    }
}

/**
 * par_set_revision_format_text:
 * @self: a plan
 * @decimal_separator: the reader's
 *
 * Returns: (transfer full): the plan as the clerk reads it: the sets, the
 *   leaves added, removed and changed, and per unit the entries
 *   re-evaluated or dropped
 */
char *
par_set_revision_format_text (ParSetRevision *self,
                              char            decimal_separator)
{
  GString *out = g_string_new (NULL);
  const char *unit = NULL;

  g_string_append_printf (out, _("Year %d, block “%s”: replace “%s” by “%s”\n"), self->year,
                          self->block, self->old_set->title, self->new_set->title);
  if (self->new_set->source != NULL)
    g_string_append_printf (out, _("New version: %s\n"), self->new_set->source);

  if (self->leaves->len == 0)
    g_string_append (out, _("No sub-criterion changes (titles, maxima and rules are the same).\n"));
  else
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u sub-criterion changes:\n",
                                              "%u sub-criteria change:\n", self->leaves->len),
                            self->leaves->len);
  for (guint i = 0; i < self->leaves->len; i++)
    {
      const ParLeafChange *change = g_ptr_array_index (self->leaves, i);
      const ParCriterion *leaf = change->new_leaf != NULL ? change->new_leaf : change->old_leaf;
      g_autofree char *what = par_leaf_change_describe (change, decimal_separator);
      g_auto(GStrv) lines = g_strsplit (what, "\n", -1);

      g_string_append_printf (out, "  %s %s %s\n",
                              change->kind == PAR_LEAF_ADDED ? "+"
                              : change->kind == PAR_LEAF_REMOVED ? "−" : "~",
                              leaf->code, leaf->title);
      for (guint l = 0; lines[l] != NULL; l++)
        g_string_append_printf (out, "      %s\n", lines[l]);
    }

  g_string_append_printf (out, _("Entries already made in the block’s %u units: %u kept as they "
                                 "are, %u re-evaluated, %u dropped.\n"),
                          self->n_units, self->n_kept, self->n_reevaluated, self->n_dropped);
  if (self->n_explanations + self->n_links + self->n_reviews > 0)
    g_string_append_printf (out, _("With the removed sub-criteria go their explanations (%u), "
                                   "evidence links (%u) and verdicts (%u).\n"),
                            self->n_explanations, self->n_links, self->n_reviews);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const ParEntryRevision *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (unit, entry->unit_code) != 0)
        {
          unit = entry->unit_code;
          g_string_append_printf (out, "  %s %s\n", entry->unit_code, entry->unit_name);
        }
      {
        g_autofree char *what = par_entry_revision_describe (entry, decimal_separator);

        g_string_append_printf (out, "    %s\n", what);
      }
    }
  return g_string_free (out, FALSE);
}
