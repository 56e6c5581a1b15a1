/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-history"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "par-format-private.h"
#include "par-history.h"
#include "par-json-private.h"

/*
 * The history of a year, a unit or a criterion: the audit log's records
 * (docs/audit-log.md) as people read them — the origin in words ("the
 * window", "the command line", "package 9dd12e558dbafe45, round 2"), values
 * with the reader's decimal separator — and as files (`parindex-cli
 * history --format csv|json`), which read the same in every locale.
 */

/**
 * par_history_record_copy:
 * @record: a record
 *
 * Returns: (transfer full): a copy of @record owning its texts
 */
ParHistoryRecord *
par_history_record_copy (const ParHistoryRecord *record)
{
  ParHistoryRecord *copy = g_new0 (ParHistoryRecord, 1);

  copy->id = record->id;
  copy->at = g_strdup (record->at);
  copy->user = g_strdup (record->user);
  copy->year = record->year;
  copy->unit_code = g_strdup (record->unit_code);
  copy->criterion_code = g_strdup (record->criterion_code);
  copy->stage = record->stage;
  copy->old_value = g_strdup (record->old_value);
  copy->new_value = g_strdup (record->new_value);
  copy->old_note = g_strdup (record->old_note);
  copy->new_note = g_strdup (record->new_note);
  copy->origin = g_strdup (record->origin);
  copy->detail = g_strdup (record->detail);
  return copy;
}

void
par_history_record_free (ParHistoryRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->at);
  g_free (record->user);
  g_free (record->unit_code);
  g_free (record->criterion_code);
  g_free (record->old_value);
  g_free (record->new_value);
  g_free (record->old_note);
  g_free (record->new_note);
  g_free (record->origin);
  g_free (record->detail);
  g_free (record);
}

/**
 * par_origin_parse:
 * @origin: a record's origin: "cli:import", "window:edit",
 *   "cli:receive package:9dd12e558dbafe45 round 2", or a bare action
 *   ("edit") for records written before the audit chain
 * @out_origin: (out caller-allocates): its parts; clear with par_origin_clear()
 */
void
par_origin_parse (const char *origin,
                  ParOrigin  *out_origin)
{
  const char *colon = strchr (origin, ':');
  const char *space = strchr (origin, ' ');
  const char *action = origin;
  const char *package;

  memset (out_origin, 0, sizeof *out_origin);
  /* "package:" after the action is not the program's colon. */
  if (colon != NULL && (space == NULL || colon < space))
    {
      out_origin->program = g_strndup (origin, colon - origin);
      action = colon + 1;
    }
  space = strchr (action, ' ');
  out_origin->action = space != NULL ? g_strndup (action, space - action) : g_strdup (action);

  if (space != NULL && (package = strstr (space, " package:")) != NULL)
    {
      const char *digits = package + strlen (" package:");
      const char *end = digits + strspn (digits, "0123456789abcdef");
      const char *round = strstr (end, " round ");

      out_origin->package = g_strndup (digits, end - digits);
      if (round != NULL)
        out_origin->round = (int) g_ascii_strtoll (round + strlen (" round "), NULL, 10);
    }
}

void
par_origin_clear (ParOrigin *origin)
{
  g_clear_pointer (&origin->program, g_free);
  g_clear_pointer (&origin->action, g_free);
  g_clear_pointer (&origin->package, g_free);
  origin->round = 0;
}

static const struct
{
  const char *action;
  const char *label;
} action_labels[] = {
  { "edit", N_("score edited") },
  { "import", N_("scores imported from a file") },
  { "accept-self", N_("self-assessment accepted") },
  { "explanation", N_("explanation") },
  { "add-block", N_("block added") },
  { "add-unit", N_("unit added") },
  { "import-units", N_("units imported from a file") },
  { "rename-unit", N_("unit renamed") },
  { "remove-unit", N_("unit removed") },
  { "copy-units", N_("units copied from the year before") },
  { "predecessors", N_("predecessors named") },
  { "attach", N_("document attached") },
  { "link", N_("document linked") },
  { "unlink", N_("document unlinked") },
  { "evidence-pages", N_("document’s pages") },
  { "document", N_("document’s details") },
  { "publish", N_("published") },
  { "reopen", N_("reopened") },
  { "submit", N_("self-assessment sent") },
  { "return", N_("appraisal sent back") },
  { "receive", N_("package received") },
  { "review", N_("verdict") },
  { "request", N_("explanation requested") },
  { "deadline", N_("deadline") },
  { "extension", N_("extension") },
  { "revise-set", N_("criteria set replaced") },
  { "setting", N_("workspace setting changed") },
};

/**
 * par_origin_describe_action:
 * @action: an action of the audit log
 *
 * Returns: (transfer none): the action in the user's language; an unknown
 *   action as it is
 */
const char *
par_origin_describe_action (const char *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_labels); i++)
    if (g_str_equal (action, action_labels[i].action))
      return _(action_labels[i].label);
  return action;
}

static const char *
describe_program (const char *program)
{
  if (program == NULL)
    return NULL;
  if (g_str_equal (program, "window"))
    return _("the window");
  if (g_str_equal (program, "cli"))
    return _("the command line");
  return program;
}

/**
 * par_origin_describe:
 * @origin: an origin taken apart by par_origin_parse()
 *
 * Returns: (transfer full): where the change came from, in the user's
 *   language: "the window", "the command line", "package 9dd12e558dbafe45,
 *   round 2 (the command line)"; "" for records that do not say
 */
char *
par_origin_describe (const ParOrigin *origin)
{
  const char *program = describe_program (origin->program);

  if (origin->package != NULL && program != NULL)
    /* TRANSLATORS: where a change came from: a package received through
     * the window or the command line */
    return g_strdup_printf (_("package %s, round %d (%s)"), origin->package, origin->round,
                            program);
  if (origin->package != NULL)
    return g_strdup_printf (_("package %s, round %d"), origin->package, origin->round);
  return g_strdup (program != NULL ? program : "");
}

/* A canonical number ("97.5", "12") as the reader writes it. */
static gboolean
is_number (const char *text)
{
  const char *p = text;

  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

/**
 * par_history_describe_value:
 * @value: (nullable): a value of a record
 * @decimal_separator: the reader's decimal separator
 *
 * Returns: (transfer full): the value as the reader reads it: a number with
 *   @decimal_separator, `NA` and `NONE` in words, "—" for nothing
 */
char *
par_history_describe_value (const char *value,
                            char        decimal_separator)
{
  char *text;

  if (value == NULL)
    return g_strdup ("—");
  if (g_str_equal (value, "NA"))
    return g_strdup (_("not applicable"));
  if (g_str_equal (value, "NONE"))
    return g_strdup (_("not arising"));
  text = g_strdup (value);
  if (is_number (text) && decimal_separator != '.')
    g_strdelimit (text, ".", decimal_separator);
  return text;
}

/**
 * par_history_describe_change:
 * @record: a record
 * @decimal_separator: the reader's decimal separator
 *
 * Returns: (transfer full): the change as the reader reads it: "8 → 9,5";
 *   an import's count of the entries it created where there were none
 *   (one record for them all) as "13 entries created"
 */
char *
par_history_describe_change (const ParHistoryRecord *record,
                             char                    decimal_separator)
{
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;

  if (record->unit_code[0] == '\0' && record->old_value == NULL && record->new_value != NULL
      && g_str_has_suffix (record->origin, ":import") && is_number (record->new_value)
      && strchr (record->new_value, '.') == NULL)
    {
      guint64 count = g_ascii_strtoull (record->new_value, NULL, 10);

      /* TRANSLATORS: an import's one record for the entries it created */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s entry created",
                                           "%s entries created", (gulong) MIN (count, G_MAXULONG)),
                              record->new_value);
    }
  old_value = par_history_describe_value (record->old_value, decimal_separator);
  new_value = par_history_describe_value (record->new_value, decimal_separator);
  return g_strdup_printf ("%s → %s", old_value, new_value);
}

/**
 * par_history_detail_is_text:
 * @detail: (nullable): a record's detail
 *
 * Returns: whether @detail is words for people (a block's name, points
 *   before and after, a reason) rather than a SHA-256 or nothing
 */
gboolean
par_history_detail_is_text (const char *detail)
{
  if (detail == NULL || detail[0] == '\0')
    return FALSE;
  return strlen (detail) != 64 || strspn (detail, "0123456789abcdef") != 64;
}

/**
 * par_history_local_time:
 * @at: (nullable): a time in ISO 8601
 *
 * Returns: (transfer full): the time as the reader reads it, in local time
 *   (15/01/2025 08:30); @at itself when it cannot be read
 */
char *
par_history_local_time (const char *at)
{
  g_autoptr(GDateTime) time = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup (at != NULL ? at : "");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%d/%m/%Y %H:%M");
}

static const char *
stage_name (int stage)
{
  return stage == PAR_STAGE_SELF ? "self" : stage == PAR_STAGE_APPRAISAL ? "appraisal" : NULL;
}

static const char *
stage_label (int stage)
{
  return stage == PAR_STAGE_SELF ? C_("stage", "self-assessment")
       : stage == PAR_STAGE_APPRAISAL ? C_("stage", "appraisal") : "";
}

/*
 * Writing a history out as it is read, a record at a time: a year's whole
 * history (hundreds of thousands of records) is never held in memory.
 */
struct _ParHistoryWriter
{
  ParHistoryFormat format;
  char             separator;
  GString         *out;
  guint            count;
};

/**
 * par_history_writer_new:
 * @format: text, CSV or JSON
 * @year: the year
 * @unit_code: (nullable): the unit the history is of
 * @criterion_code: (nullable): the criterion it is of
 * @decimal_separator: the reader's, for the text
 *
 * Returns: (transfer full): a writer; add the records, taking the text
 *   written so far with par_history_writer_take(), then end it with
 *   par_history_writer_finish()
 */
ParHistoryWriter *
par_history_writer_new (ParHistoryFormat  format,
                        int               year,
                        const char       *unit_code,
                        const char       *criterion_code,
                        char              decimal_separator)
{
  ParHistoryWriter *writer = g_new0 (ParHistoryWriter, 1);

  writer->format = format;
  writer->separator = decimal_separator;
  writer->out = g_string_new (NULL);

  switch (format)
    {
    case PAR_HISTORY_CSV:
      g_string_append (writer->out, "id,at,user,year,unit,criterion,stage,old_value,new_value,"
                                    "old_note,new_note,origin,program,action,package,round,"
                                    "detail\n");
      break;

    case PAR_HISTORY_JSON:
      {
        g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
        g_autoptr(JsonGenerator) generator = json_generator_new ();
        g_autoptr(JsonNode) root = NULL;
        g_autofree char *head = NULL;

        /* The head of the object, its records added after. */
        json_builder_begin_object (builder);
        _par_json_add_int (builder, "year", year);
        _par_json_add_string (builder, "unit", unit_code);
        _par_json_add_string (builder, "criterion", criterion_code);
        json_builder_end_object (builder);
        root = json_builder_get_root (builder);
        json_generator_set_root (generator, root);
        head = json_generator_to_data (generator, NULL);
        g_string_append_len (writer->out, head, strlen (head) - 1);
        g_string_append (writer->out, ",\"records\":[");
      }
      break;

    case PAR_HISTORY_TEXT:
    default:
      if (unit_code == NULL)
        g_string_append_printf (writer->out, _("History of %d, newest first\n"), year);
      else if (criterion_code == NULL)
        g_string_append_printf (writer->out, _("History of unit %s in %d, newest first\n"),
                                unit_code, year);
      else
        g_string_append_printf (writer->out,
                                _("History of criterion %s of unit %s in %d, newest first\n"),
                                criterion_code, unit_code, year);
      break;
    }
  return writer;
}

static void
csv_cell (GString    *out,
          const char *text,
          char        after)
{
  if (text != NULL)
    _par_format_csv_field (out, text);
  g_string_append_c (out, after);
}

static void
add_csv (ParHistoryWriter       *writer,
         const ParHistoryRecord *record,
         const ParOrigin        *origin)
{
  GString *out = writer->out;

  g_string_append_printf (out, "%" G_GINT64_FORMAT ",", record->id);
  csv_cell (out, record->at, ',');
  csv_cell (out, record->user, ',');
  g_string_append_printf (out, "%d,", record->year);
  csv_cell (out, record->unit_code, ',');
  csv_cell (out, record->criterion_code, ',');
  csv_cell (out, stage_name (record->stage), ',');
  csv_cell (out, record->old_value, ',');
  csv_cell (out, record->new_value, ',');
  csv_cell (out, record->old_note, ',');
  csv_cell (out, record->new_note, ',');
  csv_cell (out, record->origin, ',');
  csv_cell (out, origin->program, ',');
  csv_cell (out, origin->action, ',');
  csv_cell (out, origin->package, ',');
  if (origin->round > 0)
    g_string_append_printf (out, "%d", origin->round);
  g_string_append_c (out, ',');
  csv_cell (out, record->detail, '\n');
}

static const char *
empty_to_null (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : NULL;
}

static void
add_json (ParHistoryWriter       *writer,
          const ParHistoryRecord *record,
          const ParOrigin        *origin)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  _par_json_add_int (builder, "id", record->id);
  _par_json_add_string (builder, "at", record->at);
  _par_json_add_string (builder, "user", record->user);
  _par_json_add_int (builder, "year", record->year);
  _par_json_add_string (builder, "unit", empty_to_null (record->unit_code));
  _par_json_add_string (builder, "criterion", empty_to_null (record->criterion_code));
  _par_json_add_string (builder, "stage", stage_name (record->stage));
  _par_json_add_string (builder, "old_value", record->old_value);
  _par_json_add_string (builder, "new_value", record->new_value);
  _par_json_add_string (builder, "old_note", record->old_note);
  _par_json_add_string (builder, "new_note", record->new_note);
  _par_json_add_string (builder, "origin", record->origin);
  _par_json_add_string (builder, "program", origin->program);
  _par_json_add_string (builder, "action", origin->action);
  _par_json_add_string (builder, "package", origin->package);
  json_builder_set_member_name (builder, "round");
  if (origin->round > 0)
    json_builder_add_int_value (builder, origin->round);
  else
    json_builder_add_null_value (builder);
  _par_json_add_string (builder, "detail", record->detail);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_string_append (writer->out, writer->count > 0 ? ",\n" : "\n");
  g_string_append (writer->out, text);
}

static char *
quoted_note (const char *note)
{
  return note != NULL ? g_strdup_printf ("“%s”", note) : g_strdup ("—");
}

static void
add_text (ParHistoryWriter       *writer,
          const ParHistoryRecord *record,
          const ParOrigin        *origin)
{
  g_autofree char *when = par_history_local_time (record->at);
  g_autofree char *change = par_history_describe_change (record, writer->separator);
  g_autofree char *where = par_origin_describe (origin);
  int stage_width = MAX (g_utf8_strlen (stage_label (PAR_STAGE_SELF), -1),
                         g_utf8_strlen (stage_label (PAR_STAGE_APPRAISAL), -1));
  GString *out = writer->out;

  _par_format_padded (out, when, 16, FALSE);
  g_string_append (out, "  ");
  _par_format_padded (out, record->user, 10, FALSE);
  g_string_append (out, "  ");
  _par_format_padded (out, record->unit_code, 12, FALSE);
  g_string_append (out, "  ");
  _par_format_padded (out, record->criterion_code, 8, FALSE);
  g_string_append (out, "  ");
  _par_format_padded (out, stage_label (record->stage), stage_width, FALSE);
  g_string_append_printf (out, "  %s", change);
  if (g_strcmp0 (record->old_note, record->new_note) != 0)
    {
      g_autofree char *old_note = quoted_note (record->old_note);
      g_autofree char *new_note = quoted_note (record->new_note);

      /* TRANSLATORS: the note of an entry changed, in the history */
      g_string_append_printf (out, _("; note %s → %s"), old_note, new_note);
    }
  if (par_history_detail_is_text (record->detail))
    g_string_append_printf (out, " (%s)", record->detail);
  g_string_append_printf (out, "  [%s", par_origin_describe_action (origin->action));
  if (where[0] != '\0')
    g_string_append_printf (out, ", %s", where);
  g_string_append (out, "]\n");
}

/**
 * par_history_writer_add:
 * @writer: a writer
 * @record: the next record
 */
void
par_history_writer_add (ParHistoryWriter       *writer,
                        const ParHistoryRecord *record)
{
  g_auto(ParOrigin) origin = { NULL };

  par_origin_parse (record->origin, &origin);
  switch (writer->format)
    {
    case PAR_HISTORY_CSV:
      add_csv (writer, record, &origin);
      break;

    case PAR_HISTORY_JSON:
      add_json (writer, record, &origin);
      break;

    case PAR_HISTORY_TEXT:
    default:
      add_text (writer, record, &origin);
      break;
    }
  writer->count++;
}

/**
 * par_history_writer_take:
 * @writer: a writer
 *
 * Returns: (transfer full): what was written since the last call
 */
char *
par_history_writer_take (ParHistoryWriter *writer)
{
  char *text = g_strndup (writer->out->str, writer->out->len);

  g_string_truncate (writer->out, 0);
  return text;
}

/**
 * par_history_writer_finish:
 * @writer: a writer
 *
 * Returns: (transfer full): the end of what is written
 */
char *
par_history_writer_finish (ParHistoryWriter *writer)
{
  if (writer->format == PAR_HISTORY_JSON)
    g_string_append (writer->out, writer->count > 0 ? "\n]}\n" : "]}\n");
  else if (writer->format == PAR_HISTORY_TEXT && writer->count == 0)
    g_string_append (writer->out, _("No changes recorded.\n"));
  return par_history_writer_take (writer);
}

void
par_history_writer_free (ParHistoryWriter *writer)
{
  if (writer == NULL)
    return;
  g_string_free (writer->out, TRUE);
  g_free (writer);
}
