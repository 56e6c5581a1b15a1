/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-cycle-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "par-criteria-set.h"
#include "par-cycle-format.h"
#include "par-cycle-private.h"
#include "par-format-private.h"
#include "par-json-private.h"
#include "par-json-text.h"

/*
 * `parindex-cli status` as JSON, CSV and a table (FORMATS.md §8), and the
 * changes between rounds as JSON and a list. Files are UTF-8 with fixed
 * English names; only the table speaks the user's language.
 */

static char *
to_json (JsonBuilder *builder)
{
  g_autofree char *text = par_json_text_from_builder (builder);

  return g_strconcat (text, "\n", NULL);
}

static void
add_package (JsonBuilder    *builder,
             const char     *member,
             ParPackageKind  kind,
             int             round,
             const char     *at,
             const char     *sha256)
{
  json_builder_set_member_name (builder, member);
  if (round == 0)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  _par_json_add_string (builder, "kind", par_package_kind_to_string (kind));
  _par_json_add_int (builder, "round", round);
  _par_json_add_string (builder, "at", at);
  _par_json_add_string (builder, "package", sha256);
  json_builder_end_object (builder);
}

static ParPackageKind
sent_kind (const ParUnitCycle *cycle)
{
  return cycle->unit_side ? PAR_PACKAGE_SUBMISSION : PAR_PACKAGE_RETURN;
}

/**
 * par_cycle_format_json:
 * @year: the year
 * @deadlines: the year's deadlines
 * @units: (element-type ParUnitCycle): from par_workspace_list_cycle()
 *
 * Returns: (transfer full): `status --format json`
 */
char *
par_cycle_format_json (int                       year,
                       const ParCycleDeadlines  *deadlines,
                       GPtrArray                *units)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  _par_json_add_int (builder, "year", year);
  json_builder_set_member_name (builder, "deadlines");
  json_builder_begin_object (builder);
  _par_json_add_string (builder, "self", deadlines->self);
  _par_json_add_string (builder, "explanation", deadlines->explanation);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "units");
  json_builder_begin_array (builder);
  for (guint i = 0; i < units->len; i++)
    {
      const ParUnitCycle *cycle = g_ptr_array_index (units, i);

      json_builder_begin_object (builder);
      _par_json_add_string (builder, "code", cycle->unit_code);
      _par_json_add_string (builder, "name", cycle->unit_name);
      _par_json_add_string (builder, "block", cycle->block);
      _par_json_add_string (builder, "side", cycle->unit_side ? "unit" : "office");
      add_package (builder, "received", cycle->received_kind, cycle->received_round,
                   cycle->received_at, cycle->received_sha256);
      add_package (builder, "sent", sent_kind (cycle), cycle->sent_round, cycle->sent_at,
                   cycle->sent_sha256);
      _par_json_add_int (builder, "leaves", cycle->n_leaves);
      _par_json_add_int (builder, "appraised", cycle->n_appraised);
      json_builder_set_member_name (builder, "appraisal_complete");
      json_builder_add_boolean_value (builder, cycle->n_appraised >= cycle->n_leaves);
      json_builder_set_member_name (builder, "verdicts");
      json_builder_begin_object (builder);
      _par_json_add_int (builder, "accepted", cycle->n_accepted);
      _par_json_add_int (builder, "insufficient", cycle->n_insufficient);
      _par_json_add_int (builder, "rejected", cycle->n_rejected);
      json_builder_end_object (builder);
      _par_json_add_int (builder, "open_requests", cycle->n_open_requests);
      _par_json_add_string (builder, "stage", par_cycle_stage_to_string (cycle->stage));
      _par_json_add_string (builder, "deadline", cycle->deadline);
      json_builder_set_member_name (builder, "extension");
      if (cycle->extension == NULL)
        json_builder_add_null_value (builder);
      else
        {
          json_builder_begin_object (builder);
          _par_json_add_string (builder, "date", cycle->extension);
          _par_json_add_string (builder, "reason", cycle->extension_reason);
          json_builder_end_object (builder);
        }
      _par_json_add_string (builder, "deadline_state",
                            par_deadline_state_to_string (cycle->deadline_state));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return to_json (builder);
}

static void
csv_text (GString    *out,
          const char *text,
          gboolean    last)
{
  if (text != NULL)
    _par_format_csv_field (out, text);
  g_string_append_c (out, last ? '\n' : ',');
}

static void
csv_number (GString *out,
            gint64   number,
            gboolean empty)
{
  if (!empty)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, number);
  g_string_append_c (out, ',');
}

/**
 * par_cycle_format_csv:
 * @units: (element-type ParUnitCycle): from par_workspace_list_cycle()
 *
 * Returns: (transfer full): `status --format csv`: one row per unit, the
 *   JSON members flattened
 */
char *
par_cycle_format_csv (GPtrArray *units)
{
  GString *out = g_string_new ("code,name,block,side,received_kind,received_round,received_at,"
                               "received_package,sent_kind,sent_round,sent_at,sent_package,leaves,"
                               "appraised,accepted,insufficient,rejected,open_requests,stage,"
                               "deadline,extension,extension_reason,deadline_state\n");

  for (guint i = 0; i < units->len; i++)
    {
      const ParUnitCycle *cycle = g_ptr_array_index (units, i);
      gboolean received = cycle->received_round > 0;
      gboolean sent = cycle->sent_round > 0;

      csv_text (out, cycle->unit_code, FALSE);
      csv_text (out, cycle->unit_name, FALSE);
      csv_text (out, cycle->block, FALSE);
      csv_text (out, cycle->unit_side ? "unit" : "office", FALSE);
      csv_text (out, received ? par_package_kind_to_string (cycle->received_kind) : NULL, FALSE);
      csv_number (out, cycle->received_round, !received);
      csv_text (out, cycle->received_at, FALSE);
      csv_text (out, cycle->received_sha256, FALSE);
      csv_text (out, sent ? par_package_kind_to_string (sent_kind (cycle)) : NULL, FALSE);
      csv_number (out, cycle->sent_round, !sent);
      csv_text (out, cycle->sent_at, FALSE);
      csv_text (out, cycle->sent_sha256, FALSE);
      csv_number (out, cycle->n_leaves, FALSE);
      csv_number (out, cycle->n_appraised, FALSE);
      csv_number (out, cycle->n_accepted, FALSE);
      csv_number (out, cycle->n_insufficient, FALSE);
      csv_number (out, cycle->n_rejected, FALSE);
      csv_number (out, cycle->n_open_requests, FALSE);
      csv_text (out, par_cycle_stage_to_string (cycle->stage), FALSE);
      csv_text (out, cycle->deadline, FALSE);
      csv_text (out, cycle->extension, FALSE);
      csv_text (out, cycle->extension_reason, FALSE);
      csv_text (out, par_deadline_state_to_string (cycle->deadline_state), TRUE);
    }
  return g_string_free (out, FALSE);
}

static char *
package_cell (int         round,
              const char *at)
{
  g_autofree char *when = _par_cycle_local_time (at);

  if (round == 0)
    return g_strdup ("—");
  /* TRANSLATORS: a package in the status table: "round 2, 20/11/2025 08:12" */
  return g_strdup_printf (_("round %d, %s"), round, when != NULL ? when : "?");
}

/* YYYY-MM-DD as the user reads it in a table: 15/11/2025. */
static char *
short_date (const char *date)
{
  if (date == NULL || strlen (date) != 10)
    return NULL;
  return g_strdup_printf ("%.2s/%.2s/%.4s", date + 8, date + 5, date);
}

static char *
deadline_cell (const ParUnitCycle *cycle)
{
  g_autofree char *date = short_date (cycle->extension != NULL ? cycle->extension
                                                               : cycle->deadline);
  const char *label = par_deadline_state_get_label (cycle->deadline_state);

  if (cycle->deadline_state == PAR_DEADLINE_NONE || date == NULL)
    return g_strdup (label);
  return g_strdup_printf ("%s (%s)", label, date);
}

/**
 * par_cycle_format_text:
 * @year: the year
 * @deadlines: the year's deadlines
 * @units: (element-type ParUnitCycle): from par_workspace_list_cycle()
 *
 * Returns: (transfer full): a readable table in the user's language
 */
char *
par_cycle_format_text (int                       year,
                       const ParCycleDeadlines  *deadlines,
                       GPtrArray                *units)
{
  enum { CODE, NAME, SENT, RECEIVED, PACKAGE, APPRAISED, VERDICTS, REQUESTS, DEADLINE, N_COLUMNS };
  const char *titles[N_COLUMNS] = {
    _("Code"), _("Unit"), _("Sent"), _("Received"), _("Package"), _("Appraised"),
    /* TRANSLATORS: column of accepted/insufficient/rejected counts */
    _("Verdicts ✓/~/✗"), _("Requests"), _("Deadline"),
  };
  const gboolean right[N_COLUMNS] = { FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, TRUE, TRUE, FALSE };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *self_date = short_date (deadlines->self);
  g_autofree char *explanation_date = short_date (deadlines->explanation);
  GString *out = g_string_new (NULL);
  int widths[N_COLUMNS];

  g_string_append_printf (out, _("Year %d — deadlines: self-assessment %s, explanations %s\n"),
                          year, self_date != NULL ? self_date : "—",
                          explanation_date != NULL ? explanation_date : "—");
  if (units->len == 0)
    {
      g_string_append_printf (out, _("Year %d has no units yet.\n"), year);
      return g_string_free (out, FALSE);
    }

  for (guint i = 0; i < units->len; i++)
    {
      const ParUnitCycle *cycle = g_ptr_array_index (units, i);
      char **row = g_new0 (char *, N_COLUMNS + 1);

      row[CODE] = g_strdup (cycle->unit_code);
      row[NAME] = g_strdup (cycle->unit_name);
      row[SENT] = package_cell (cycle->sent_round, cycle->sent_at);
      row[RECEIVED] = package_cell (cycle->received_round, cycle->received_at);
      row[PACKAGE] = cycle->received_sha256 != NULL ? g_strndup (cycle->received_sha256, 16)
                                                    : g_strdup ("—");
      row[APPRAISED] = g_strdup_printf ("%u/%u", cycle->n_appraised, cycle->n_leaves);
      row[VERDICTS] = g_strdup_printf ("%u/%u/%u", cycle->n_accepted, cycle->n_insufficient,
                                       cycle->n_rejected);
      row[REQUESTS] = g_strdup_printf ("%u", cycle->n_open_requests);
      row[DEADLINE] = deadline_cell (cycle);
      g_ptr_array_add (rows, row);
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      widths[c] = g_utf8_strlen (titles[c], -1);
      for (guint i = 0; i < rows->len; i++)
        widths[c] = MAX (widths[c], g_utf8_strlen (((char **) g_ptr_array_index (rows, i))[c], -1));
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      _par_format_padded (out, titles[c], c + 1 < N_COLUMNS ? widths[c] : 0, right[c]);
      g_string_append (out, c + 1 < N_COLUMNS ? "  " : "\n");
    }
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          _par_format_padded (out, row[c], c + 1 < N_COLUMNS ? widths[c] : 0, right[c]);
          g_string_append (out, c + 1 < N_COLUMNS ? "  " : "\n");
        }
    }
  return g_string_free (out, FALSE);
}

static const char *change_names[] = {
  [PAR_ROUND_CHANGE_VALUE] = "value",
  [PAR_ROUND_CHANGE_NOTE] = "note",
  [PAR_ROUND_CHANGE_EXPLANATION] = "explanation",
  [PAR_ROUND_CHANGE_EVIDENCE_ADDED] = "evidence-added",
  [PAR_ROUND_CHANGE_EVIDENCE_REMOVED] = "evidence-removed",
  [PAR_ROUND_CHANGE_VERDICT] = "verdict",
  [PAR_ROUND_CHANGE_COMMENT] = "comment",
  [PAR_ROUND_CHANGE_REQUEST] = "request",
  [PAR_ROUND_CHANGE_DOCUMENT_VERDICT] = "document-verdict",
};

/**
 * par_cycle_format_changes:
 * @changes: (element-type ParRoundChange): from par_workspace_compare_rounds()
 * @json: JSON rather than a readable list
 *
 * Returns: (transfer full): the changes
 */
char *
par_cycle_format_changes (GPtrArray *changes,
                          gboolean   json)
{
  g_autoptr(JsonBuilder) builder = NULL;
  GString *out;

  if (json)
    {
      builder = json_builder_new_immutable ();
      json_builder_begin_array (builder);
      for (guint i = 0; i < changes->len; i++)
        {
          const ParRoundChange *change = g_ptr_array_index (changes, i);

          json_builder_begin_object (builder);
          _par_json_add_string (builder, "criterion", change->leaf->code);
          _par_json_add_string (builder, "side", change->side == PAR_ROUND_SIDE_UNIT ? "unit"
                                                                                     : "office");
          _par_json_add_string (builder, "change", change_names[change->kind]);
          _par_json_add_string (builder, "old", change->old_text);
          _par_json_add_string (builder, "new", change->new_text);
          _par_json_add_string (builder, "document", change->document);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      return to_json (builder);
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < changes->len; i++)
    {
      const ParRoundChange *change = g_ptr_array_index (changes, i);

      _par_format_padded (out, change->leaf->code, 10, FALSE);
      g_string_append_c (out, ' ');
      /* TRANSLATORS: who changed something between rounds */
      _par_format_padded (out, change->side == PAR_ROUND_SIDE_UNIT ? C_("side", "unit")
                                                                   : C_("side", "office"),
                          8, FALSE);
      g_string_append_printf (out, " %s: %s → %s\n", par_round_change_kind_get_label (change->kind),
                              change->old_text != NULL ? change->old_text : "—",
                              change->new_text != NULL ? change->new_text : "—");
    }
  if (changes->len == 0)
    g_string_append (out, _("Nothing changed.\n"));
  return g_string_free (out, FALSE);
}
