/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-cycle-receive"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-cycle-private.h"
#include "par-document-probe.h"
#include "par-document-stream.h"
#include "par-error.h"
#include "par-evidence-private.h"
#include "par-progress-private.h"
#include "par-package-reader.h"
#include "par-package-receipt.h"

/*
 * Receiving a package (FORMATS.md §8). Everything that can be checked
 * without the documents' bytes is checked before the workspace is touched:
 * the manifest (par-package-reader.c), whether this very package came
 * before, the unit, the year, the criteria set, the side (an office
 * receives submissions, a unit returns), the round, the freeze and the
 * deadline, and the whole content against the criteria set (every value
 * through its rule). Then one transaction applies the package: each
 * document part streams into the workspace — or only through SHA-256 when
 * the workspace holds its content already — and is checked (size, hash,
 * then what Poppler or the image checks make of it) before the entries,
 * explanations, links, reviews and the package's log record are written.
 * Any failure rolls the transaction back: the workspace never holds part
 * of a package.
 */

#define MAX_REPORTED_ERRORS 20

typedef struct
{
  ParWorkspace             *self;
  GFile                    *file;
  ParPackageReader         *reader;
  const ParPackageManifest *manifest;
  ParCycleContent          *content;
  char                     *content_json;
  ParCycleUnit              unit;
  GPtrArray                *packages;
  GArray                   *writes;         /* ParScoreWrite */
  GHashTable               *document_ids;   /* SHA-256 → gint64 */
  ParProgressFunc           progress;
  gpointer                  progress_data;
  GCancellable             *cancellable;
  char                      sha256[PAR_SHA256_HEX_SIZE];
  char                     *origin;
  guint                     n_stored;
} Receiving;

static void
clear_write (gpointer data)
{
  ParScoreWrite *write = data;

  par_entry_clear (&write->entry);
  g_free (write->note);
}

static void
receiving_clear (Receiving *receiving)
{
  g_clear_pointer (&receiving->reader, par_package_reader_free);
  g_clear_pointer (&receiving->content, par_cycle_content_free);
  g_clear_pointer (&receiving->content_json, g_free);
  g_clear_pointer (&receiving->packages, g_ptr_array_unref);
  g_clear_pointer (&receiving->writes, g_array_unref);
  g_clear_pointer (&receiving->document_ids, g_hash_table_unref);
  g_clear_pointer (&receiving->origin, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Receiving, receiving_clear)

static void
report (Receiving  *receiving,
        double      fraction,
        const char *text)
{
  if (receiving->progress != NULL)
    receiving->progress (CLAMP (fraction, 0.0, 1.0), text, receiving->progress_data);
}

static ParPackageSummary *
new_summary (Receiving *receiving)
{
  ParPackageSummary *summary = g_new0 (ParPackageSummary, 1);
  const ParPackageManifest *manifest = receiving->manifest;

  summary->kind = manifest->kind;
  summary->year = manifest->year;
  summary->unit_code = g_strdup (manifest->unit_code);
  summary->round = manifest->round;
  summary->size = par_package_reader_get_size (receiving->reader);
  memcpy (summary->sha256, receiving->sha256, PAR_SHA256_HEX_SIZE);
  if (receiving->content != NULL)
    {
      summary->n_entries = receiving->content->entries->len;
      summary->n_documents = receiving->content->documents->len;
    }
  summary->n_documents_carried = manifest->parts->len - 1;
  summary->n_documents_stored = receiving->n_stored;
  return summary;
}

/* The received package whose manifest is the same, when its whole file is
 * the same too: this very package came before. */
static gboolean
find_duplicate (Receiving  *receiving,
                gboolean   *out_found,
                GError    **error)
{
  ParWorkspace *self = receiving->self;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) known = g_ptr_array_new_with_free_func (g_free);
  int rc;

  *out_found = FALSE;
  stmt = _par_workspace_prepare (self, "SELECT sha256 FROM package WHERE manifest_sha256 = ?"
                                 " AND direction = 'received'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, par_package_reader_get_manifest_sha256 (receiving->reader), -1,
                     SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (known, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);
  if (known->len == 0)
    return TRUE;

  if (!par_package_hash_file (receiving->file, receiving->sha256, receiving->cancellable, error))
    return FALSE;
  for (guint i = 0; i < known->len; i++)
    *out_found |= g_str_equal (g_ptr_array_index (known, i), receiving->sha256);
  return TRUE;
}

static gboolean
check_deadline (Receiving  *receiving,
                GError    **error)
{
  const ParPackageManifest *manifest = receiving->manifest;
  ParCycleStage stage = manifest->round == 1 ? PAR_CYCLE_STAGE_SELF : PAR_CYCLE_STAGE_EXPLANATION;
  g_autofree char *deadline = NULL;
  g_autofree char *extension = NULL;
  g_autofree char *today = _par_cycle_today ();
  g_autoptr(GError) local_error = NULL;

  deadline = par_workspace_get_deadline (receiving->self, manifest->year, stage, &local_error);
  if (local_error == NULL)
    extension = _par_cycle_get_extension (receiving->self, manifest->year,
                                          receiving->unit.unit->id, stage, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (deadline == NULL || strcmp (today, deadline) <= 0)
    return TRUE;
  if (extension != NULL && strcmp (today, extension) <= 0)
    return TRUE;

  if (extension != NULL)
    g_set_error (error, PAR_ERROR, PAR_ERROR_FROZEN,
                 stage == PAR_CYCLE_STAGE_SELF
                 ? _("the self-assessment of %d closed on %s and the extension of unit “%s” "
                     "ended on %s: the package is refused; extend it again with "
                     "“parindex-cli deadline … --unit … --reason …”")
                 : _("the explanations of %d closed on %s and the extension of unit “%s” "
                     "ended on %s: the package is refused; extend it again with "
                     "“parindex-cli deadline … --unit … --reason …”"),
                 manifest->year, deadline, manifest->unit_code, extension);
  else
    g_set_error (error, PAR_ERROR, PAR_ERROR_FROZEN,
                 stage == PAR_CYCLE_STAGE_SELF
                 ? _("the self-assessment of %d closed on %s and unit “%s” has no extension: "
                     "the package is refused; grant one with “parindex-cli deadline … --unit … "
                     "--reason …”")
                 : _("the explanations of %d closed on %s and unit “%s” has no extension: "
                     "the package is refused; grant one with “parindex-cli deadline … --unit … "
                     "--reason …”"),
                 manifest->year, deadline, manifest->unit_code);
  return FALSE;
}

/* Which side of the cycle this workspace is on for the unit, and whether
 * the package's round fits what came before. */
static gboolean
check_round (Receiving  *receiving,
             GError    **error)
{
  const ParPackageManifest *manifest = receiving->manifest;
  const char *code = manifest->unit_code;
  const ParPackageRow *last;

  if (manifest->kind == PAR_PACKAGE_SUBMISSION)
    {
      const ParPackageRow *returned;

      if (_par_cycle_last_package (receiving->packages, PAR_PACKAGE_SUBMISSION, TRUE) != NULL)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("this is the own workspace of unit “%s” (it sent the unit’s "
                         "self-assessment); receive the package in the office’s workspace"), code);
          return FALSE;
        }
      last = _par_cycle_last_package (receiving->packages, PAR_PACKAGE_SUBMISSION, FALSE);
      if (last != NULL && manifest->round < last->round)
        {
          g_autofree char *when = _par_cycle_local_time (last->at);

          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("the package is round %d of unit “%s”, older than round %d received on "
                         "%s"), manifest->round, code, last->round, when);
          return FALSE;
        }
      returned = _par_cycle_last_package (receiving->packages, PAR_PACKAGE_RETURN, TRUE);
      if (returned != NULL && manifest->round <= returned->round)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("the appraisal of round %d was already returned to unit “%s”; the unit "
                         "must receive it and send round %d"), returned->round, code,
                       returned->round + 1);
          return FALSE;
        }
      if (manifest->round > (returned != NULL ? returned->round : 0) + 1)
        {
          if (returned != NULL)
            g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                         _("the package is round %d of unit “%s”, but the last appraisal this "
                           "workspace returned to it is of round %d"), manifest->round, code,
                         returned->round);
          else
            g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                         _("the package is round %d of unit “%s”, but this workspace has "
                           "returned no appraisal to it yet"), manifest->round, code);
          return FALSE;
        }
      if (returned != NULL && g_strcmp0 (manifest->answers, returned->sha256) != 0)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("the package of unit “%s” does not answer the appraisal this workspace "
                         "returned (package %.16s)"), code, returned->sha256);
          return FALSE;
        }
      return TRUE;
    }

  if (_par_cycle_last_package (receiving->packages, PAR_PACKAGE_SUBMISSION, FALSE) != NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("this workspace receives the submissions of unit “%s” (it is the office’s); "
                     "a return package is received in the unit’s own workspace"), code);
      return FALSE;
    }
  last = _par_cycle_last_package (receiving->packages, PAR_PACKAGE_SUBMISSION, TRUE);
  if (last == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("this workspace has sent no self-assessment of unit “%s” for %d; a return "
                     "package is received in the unit’s own workspace"), code, manifest->year);
      return FALSE;
    }
  if (manifest->round > last->round)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the appraisal answers round %d, but this workspace sent unit “%s” only up to "
                     "round %d"), manifest->round, code, last->round);
      return FALSE;
    }
  last = _par_cycle_last_package (receiving->packages, PAR_PACKAGE_RETURN, FALSE);
  if (last != NULL && manifest->round < last->round)
    {
      g_autofree char *when = _par_cycle_local_time (last->at);

      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the package is the appraisal of round %d, older than that of round %d "
                     "received on %s"), manifest->round, last->round, when);
      return FALSE;
    }
  return TRUE;
}

static const ParCriterion *
lookup_leaf (Receiving  *receiving,
             const char *code)
{
  const ParCriterion *leaf = par_criteria_set_lookup (receiving->unit.block->set, code);

  return leaf != NULL && leaf->leaf_index >= 0 ? leaf : NULL;
}

static void
add_problem (GString    *problems,
             guint      *n_problems,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_problem (GString    *problems,
             guint      *n_problems,
             const char *format,
             ...)
{
  va_list args;

  if (++*n_problems > MAX_REPORTED_ERRORS)
    return;
  g_string_append (problems, "\n  ");
  va_start (args, format);
  g_string_append_vprintf (problems, format, args);
  va_end (args);
}

/* The package's entries as writes of @stage, clearing the unit's entries
 * of that stage the package no longer has. Every problem is listed. */
static gboolean
build_writes (Receiving  *receiving,
              ParStage    stage,
              GString    *problems,
              guint      *n_problems,
              GError    **error)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GHashTable) present = g_hash_table_new (NULL, NULL);

  if (!(stored = par_workspace_list_unit_entries (receiving->self, receiving->manifest->year,
                                                  receiving->unit.unit->code, NULL, error)))
    return FALSE;

  for (guint i = 0; i < receiving->content->entries->len; i++)
    {
      ParCycleEntry *entry = g_ptr_array_index (receiving->content->entries, i);
      g_autoptr(GError) local_error = NULL;
      ParScoreWrite write = { 0 };

      write.leaf = lookup_leaf (receiving, entry->criterion);
      if (write.leaf == NULL)
        {
          add_problem (problems, n_problems, _("criterion %s is not a sub-criterion of the set"),
                       entry->criterion);
          continue;
        }
      if (!par_rule_evaluate (write.leaf, stage, entry->value, FALSE, &write.entry, &local_error))
        {
          add_problem (problems, n_problems, _("criterion %s, “%s”: %s"), entry->criterion,
                       entry->value, local_error->message);
          continue;
        }
      write.unit = receiving->unit.unit;
      write.stage = stage;
      write.note = g_strdup (entry->note);
      g_array_append_val (receiving->writes, write);
      g_hash_table_add (present, (gpointer) write.leaf);
    }

  for (guint i = 0; i < stored->len; i++)
    {
      const ParStoredEntry *entry = g_ptr_array_index (stored, i);
      ParScoreWrite write = { 0 };

      if (entry->stage != stage || g_hash_table_contains (present, entry->leaf))
        continue;
      write.unit = receiving->unit.unit;
      write.leaf = entry->leaf;
      write.stage = stage;
      par_rule_evaluate (entry->leaf, stage, NULL, FALSE, &write.entry, NULL);
      g_array_append_val (receiving->writes, write);
    }
  return TRUE;
}

/* Everything in the content that only this workspace can judge. */
static gboolean
check_content (Receiving  *receiving,
               GError    **error)
{
  ParCycleContent *content = receiving->content;
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_problems = 0;

  if (!build_writes (receiving, content->kind == PAR_PACKAGE_SUBMISSION ? PAR_STAGE_SELF
                                                                        : PAR_STAGE_APPRAISAL,
                     problems, &n_problems, error))
    return FALSE;

  for (guint i = 0; i < content->explanations->len; i++)
    {
      ParCycleExplanation *explanation = g_ptr_array_index (content->explanations, i);
      if (lookup_leaf (receiving, explanation->criterion) == NULL)
        add_problem (problems, &n_problems, _("criterion %s is not a sub-criterion of the set"),
                     explanation->criterion);
    }
  for (guint i = 0; i < content->links->len; i++)
    {
      ParCycleLink *link = g_ptr_array_index (content->links, i);
      if (lookup_leaf (receiving, link->criterion) == NULL)
        add_problem (problems, &n_problems, _("criterion %s is not a sub-criterion of the set"),
                     link->criterion);
    }
  for (guint i = 0; i < content->reviews->len; i++)
    {
      ParCycleReview *review = g_ptr_array_index (content->reviews, i);
      if (lookup_leaf (receiving, review->criterion) == NULL)
        add_problem (problems, &n_problems, _("criterion %s is not a sub-criterion of the set"),
                     review->criterion);
    }

  /* A document listed but not carried must be here already. */
  for (guint i = 0; i < content->documents->len; i++)
    {
      ParCycleDocument *document = g_ptr_array_index (content->documents, i);
      gint64 id;

      if (document->carried)
        continue;
      if ((id = _par_workspace_find_document (receiving->self, document->sha256, error)) < 0)
        return FALSE;
      if (id == 0)
        add_problem (problems, &n_problems,
                     _("document %.16s (“%s”) is not carried and this workspace does not hold "
                       "it; ask the unit for a full package (parindex-cli submit --full)"),
                     document->sha256, document->title);
      else
        g_hash_table_insert (receiving->document_ids, g_strdup (document->sha256),
                             g_memdup2 (&id, sizeof id));
    }

  if (n_problems > 0)
    {
      if (n_problems > MAX_REPORTED_ERRORS)
        g_string_append_printf (problems, "\n  %s",
                                _("(and more; only the first 20 are listed)"));
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "the package does not fit this workspace (%u problem):%s",
                                "the package does not fit this workspace (%u problems):%s",
                                n_problems),
                   n_problems, problems->str);
      return FALSE;
    }
  return TRUE;
}

/* Before any change: the package, this workspace's side of it, and its
 * content. */
static gboolean
prepare (Receiving  *receiving,
         gboolean   *out_duplicate,
         GError    **error)
{
  const ParPackageManifest *manifest;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!(receiving->reader = par_package_reader_open (receiving->file, receiving->cancellable,
                                                     error)))
    return FALSE;
  manifest = receiving->manifest = par_package_reader_get_manifest (receiving->reader);

  if (!find_duplicate (receiving, out_duplicate, error))
    return FALSE;
  if (*out_duplicate)
    return TRUE;

  if (!_par_cycle_lookup_unit (receiving->self, manifest->year, manifest->unit_code,
                               &receiving->unit, &local_error))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the package is for unit “%s”, %d, which this workspace lacks (%s)"),
                   manifest->unit_code, manifest->year, local_error->message);
      return FALSE;
    }
  if (!g_str_equal (manifest->criteria_sha256, receiving->unit.block->set->checksum))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the package was made against another criteria set (“%s”, %.16s) than the "
                     "one of block “%s” in %d here (“%s”, %.16s)"),
                   manifest->criteria_title != NULL ? manifest->criteria_title : "?",
                   manifest->criteria_sha256, receiving->unit.block->name, manifest->year,
                   receiving->unit.block->set->title, receiving->unit.block->set->checksum);
      return FALSE;
    }
  if (!(receiving->packages = _par_cycle_list_packages (receiving->self, manifest->year,
                                                        receiving->unit.unit->id, error)) ||
      !check_round (receiving, error) ||
      !_par_workspace_check_writable (receiving->self, manifest->year, error) ||
      (manifest->kind == PAR_PACKAGE_SUBMISSION && !check_deadline (receiving, error)))
    return FALSE;

  report (receiving, 0.02, _("Checking the package"));
  if (!(content = par_package_reader_read_content (receiving->reader, error)) ||
      !(receiving->content = par_cycle_content_parse (manifest->kind,
                                                      g_bytes_get_data (content, NULL),
                                                      g_bytes_get_size (content), error)) ||
      (manifest->kind == PAR_PACKAGE_SUBMISSION &&
       !par_cycle_content_match_parts (receiving->content, manifest, error)))
    return FALSE;
  receiving->content_json = g_strndup (g_bytes_get_data (content, NULL),
                                       g_bytes_get_size (content));
  return check_content (receiving, error);
}

/* A document part on its way: into the workspace (or only through the
 * reader's checks when @sink is NULL), with progress every few megabytes. */
typedef struct
{
  Receiving       *receiving;
  ParDocumentSink *sink;
  gsize            unreported;
} Streaming;

#define PROGRESS_STEP (4 * 1024 * 1024)

static gboolean
stream_block (const guint8  *data,
              gsize          length,
              gpointer       user_data,
              GError       **error)
{
  Streaming *streaming = user_data;

  if (streaming->sink != NULL && !_par_document_sink_write (streaming->sink, data, length, error))
    return FALSE;
  streaming->unreported += length;
  if (streaming->unreported >= PROGRESS_STEP)
    {
      streaming->unreported = 0;
      report (streaming->receiving,
              0.02 + 0.9 * par_package_reader_get_fraction (streaming->receiving->reader),
              _("Receiving the documents"));
    }
  return TRUE;
}

/* Inside the transaction: each document part, stored once per content. */
static gboolean
receive_documents (Receiving  *receiving,
                   GError    **error)
{
  ParWorkspace *self = receiving->self;
  g_autoptr(GError) local_error = NULL;
  const char *now = _par_workspace_get_write_time (self);
  const ParPackagePart *part;

  while ((part = par_package_reader_next_document (receiving->reader, &local_error)) != NULL)
    {
      g_autofree char *sha = g_strndup (par_package_document_sha256 (part->name), 64);
      ParCycleDocument *document = par_cycle_content_find_document (receiving->content, sha);
      g_autoptr(ParDocumentSink) sink = NULL;
      g_autoptr(GInputStream) stream = NULL;
      g_autofree char *media_type = NULL;
      ParDocumentInfo info = { NULL, document->number, document->date, document->issuer };
      int page_count = 0;
      gint64 id;

      report (receiving, 0.02 + 0.9 * par_package_reader_get_fraction (receiving->reader),
              _("Receiving the documents"));
      if ((id = _par_workspace_find_document (self, sha, error)) < 0)
        return FALSE;
      if (id > 0)
        {
          Streaming checking = { receiving, NULL, 0 };

          /* Held already: only checked, not stored again. */
          if (!par_package_reader_read_document (receiving->reader, stream_block, &checking,
                                                 error))
            return FALSE;
          g_hash_table_insert (receiving->document_ids, g_strdup (sha), g_memdup2 (&id, sizeof id));
          continue;
        }

      if (!(id = _par_workspace_insert_document (self, sha, document->media_type, document->size,
                                                 document->page_count, document->file_name,
                                                 document->title, &info, now, error)) ||
          !(sink = _par_document_sink_new (self, id, error)))
        return FALSE;
      {
        Streaming storing = { receiving, sink, 0 };

        if (!par_package_reader_read_document (receiving->reader, stream_block, &storing, error) ||
            !_par_document_sink_close (sink, error))
          return FALSE;
      }

      stream = par_document_stream_new (self, id, document->size);
      if (!par_document_probe_stream (stream, document->size, &media_type, &page_count,
                                      receiving->cancellable, &local_error))
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("document %.16s (“%s”) of the package cannot be used as evidence: %s"),
                       sha, document->title, local_error->message);
          return FALSE;
        }
      if (!g_str_equal (media_type, document->media_type))
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("document %.16s (“%s”) of the package is a %s, not the %s its content "
                         "says"), sha, document->title, media_type, document->media_type);
          return FALSE;
        }
      if (page_count != document->page_count)
        {
          g_autoptr(sqlite3_stmt) update = NULL;

          if (!(update = _par_workspace_prepare (self, "UPDATE document SET page_count = ?"
                                                 " WHERE id = ?", error)))
            return FALSE;
          sqlite3_bind_int (update, 1, page_count);
          sqlite3_bind_int64 (update, 2, id);
          if (sqlite3_step (update) != SQLITE_DONE)
            return _par_workspace_set_io_error (self, error);
        }
      g_hash_table_insert (receiving->document_ids, g_strdup (sha), g_memdup2 (&id, sizeof id));
      receiving->n_stored++;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* The leaves whose explanation the return package answered by this round
 * asked for. */
static GHashTable *
answered_requests (Receiving *receiving)
{
  GHashTable *answered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const ParPackageRow *returned = _par_cycle_last_package (receiving->packages,
                                                           PAR_PACKAGE_RETURN, TRUE);
  const ParPackageRow *received = _par_cycle_last_package (receiving->packages,
                                                           PAR_PACKAGE_SUBMISSION, FALSE);
  g_autoptr(ParCycleContent) sent = NULL;

  /* Only a new round answers: a corrected copy of the same round does not. */
  if (returned == NULL || (received != NULL && received->round >= receiving->manifest->round))
    return answered;
  sent = par_cycle_content_parse (PAR_PACKAGE_RETURN, returned->content, strlen (returned->content),
                                  NULL);
  for (guint i = 0; sent != NULL && i < sent->reviews->len; i++)
    {
      ParCycleReview *review = g_ptr_array_index (sent->reviews, i);
      if (review->requested)
        g_hash_table_add (answered, g_strdup (review->criterion));
    }
  return answered;
}

static gboolean
apply_explanations (Receiving  *receiving,
                    GError    **error)
{
  ParWorkspace *self = receiving->self;
  ParCycleUnit *unit = &receiving->unit;
  ParCriteriaSet *set = unit->block->set;
  g_autoptr(GHashTable) texts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) requests = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) answered = NULL;
  g_autofree char *action = _par_cycle_package_action ("explanation", receiving->sha256,
                                                       receiving->manifest->round);
  gboolean submission = receiving->manifest->kind == PAR_PACKAGE_SUBMISSION;

  for (guint i = 0; i < receiving->content->explanations->len; i++)
    {
      ParCycleExplanation *explanation = g_ptr_array_index (receiving->content->explanations, i);
      g_hash_table_insert (texts, explanation->criterion, explanation->text);
    }
  for (guint i = 0; i < receiving->content->reviews->len; i++)
    {
      ParCycleReview *review = g_ptr_array_index (receiving->content->reviews, i);
      if (review->document == NULL && review->requested)
        g_hash_table_add (requests, review->criterion);
    }
  if (submission)
    answered = answered_requests (receiving);

  for (guint i = 0; i < set->leaves->len; i++)
    {
      const ParCriterion *leaf = g_ptr_array_index (set->leaves, i);
      g_autofree char *text = NULL;
      gboolean requested;
      gboolean new_requested;

      if (!par_workspace_get_explanation (self, receiving->manifest->year, unit->unit->code,
                                          leaf->code, &requested, &text, error))
        return FALSE;
      /* The office keeps its requests (answered ones end); the unit keeps
       * its texts and takes the office's requests. */
      new_requested = submission ? requested && !g_hash_table_contains (answered, leaf->code)
                                 : g_hash_table_contains (requests, leaf->code);
      if (!_par_workspace_apply_explanation (self, receiving->manifest->year, unit->unit,
                                             leaf->code, unit->block->leaf_ids[leaf->leaf_index],
                                             new_requested,
                                             submission ? g_hash_table_lookup (texts, leaf->code)
                                                        : text,
                                             action, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* The links the unit's previous submission made: a new round removes
 * only those, never what the office linked itself. */
static GHashTable *
previous_links (Receiving *receiving)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const ParPackageRow *previous = _par_cycle_last_package (receiving->packages,
                                                           PAR_PACKAGE_SUBMISSION, FALSE);
  g_autoptr(ParCycleContent) content = NULL;

  if (previous != NULL)
    content = par_cycle_content_parse (PAR_PACKAGE_SUBMISSION, previous->content,
                                       strlen (previous->content), NULL);
  for (guint i = 0; content != NULL && i < content->links->len; i++)
    {
      ParCycleLink *link = g_ptr_array_index (content->links, i);
      g_hash_table_add (keys, g_strconcat (link->criterion, "\n", link->document, NULL));
    }
  return keys;
}

/* The unit's links become the package's: new ones first, so that a
 * document moved between criteria never loses its last link; then those
 * of its previous round it no longer has. */
static gboolean
apply_links (Receiving  *receiving,
             GError    **error)
{
  ParWorkspace *self = receiving->self;
  ParCycleUnit *unit = &receiving->unit;
  int year = receiving->manifest->year;
  g_autoptr(GPtrArray) current = NULL;
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *link_action = _par_cycle_package_action ("link", receiving->sha256,
                                                            receiving->manifest->round);
  g_autofree char *unlink_action = _par_cycle_package_action ("unlink", receiving->sha256,
                                                              receiving->manifest->round);
  g_autofree char *pages_action = _par_cycle_package_action ("evidence-pages", receiving->sha256,
                                                             receiving->manifest->round);
  g_autoptr(GHashTable) sent_before = previous_links (receiving);

  if (!(current = par_workspace_list_evidence (self, year, unit->unit->code, NULL, error)))
    return FALSE;
  for (guint i = 0; i < current->len; i++)
    {
      const ParEvidence *evidence = g_ptr_array_index (current, i);
      g_hash_table_insert (kept, g_strconcat (evidence->criterion_code, "\n",
                                              evidence->document->sha256, NULL),
                           (gpointer) evidence);
    }

  for (guint i = 0; i < receiving->content->links->len; i++)
    {
      ParCycleLink *link = g_ptr_array_index (receiving->content->links, i);
      g_autofree char *key = g_strconcat (link->criterion, "\n", link->document, NULL);
      const ParEvidence *existing = g_hash_table_lookup (kept, key);
      const ParCriterion *leaf = lookup_leaf (receiving, link->criterion);
      gint64 *document_id = g_hash_table_lookup (receiving->document_ids, link->document);
      gint64 link_id;

      g_hash_table_add (wanted, g_steal_pointer (&key));
      if (existing != NULL && g_strcmp0 (existing->pages, link->pages) == 0)
        continue;
      if (existing != NULL)
        {
          g_autoptr(sqlite3_stmt) update = NULL;

          if (!(update = _par_workspace_prepare (self, "UPDATE evidence_link SET pages = ?"
                                                 " WHERE id = ?", error)))
            return FALSE;
          sqlite3_bind_text (update, 1, link->pages, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (update, 2, existing->link_id);
          if (sqlite3_step (update) != SQLITE_DONE)
            return _par_workspace_set_io_error (self, error);
          if (!_par_workspace_audit_link (self, pages_action, existing->link_id, existing->pages,
                                          error))
            return FALSE;
        }
      else if (!(link_id = _par_workspace_insert_link (self, *document_id, year, unit->unit->id,
                                                       unit->block->leaf_ids[leaf->leaf_index],
                                                       link->pages,
                                                       _par_workspace_get_write_time (self),
                                                       error)) ||
               !_par_workspace_audit_link (self, link_action, link_id, NULL, error))
        return FALSE;
    }

  for (guint i = 0; i < current->len; i++)
    {
      const ParEvidence *evidence = g_ptr_array_index (current, i);
      g_autofree char *key = g_strconcat (evidence->criterion_code, "\n",
                                          evidence->document->sha256, NULL);
      g_autoptr(sqlite3_stmt) remove = NULL;

      if (g_hash_table_contains (wanted, key) || !g_hash_table_contains (sent_before, key))
        continue;
      /* Audited while the link is still there to describe. */
      if (!_par_workspace_audit_link (self, unlink_action, evidence->link_id, NULL, error))
        return FALSE;
      remove = _par_workspace_prepare (self, "DELETE FROM evidence_link WHERE id = ?", error);
      if (remove == NULL)
        return FALSE;
      sqlite3_bind_int64 (remove, 1, evidence->link_id);
      if (sqlite3_step (remove) != SQLITE_DONE)
        return _par_workspace_set_io_error (self, error);
    }
  return TRUE;
}

typedef struct
{
  char *verdict;
  char *comment;
} ReviewText;

static void
review_text_free (gpointer data)
{
  ReviewText *text = data;

  g_free (text->verdict);
  g_free (text->comment);
  g_free (text);
}

static char *
review_key (const char *criterion,
            const char *document)
{
  return g_strconcat (criterion, "\n", document != NULL ? document : "", NULL);
}

/* At the unit: the office's reviews replace those of the last return; each
 * verdict or comment that changed is audited. */
static gboolean
apply_reviews (Receiving  *receiving,
               GError    **error)
{
  ParWorkspace *self = receiving->self;
  ParCycleUnit *unit = &receiving->unit;
  int year = receiving->manifest->year;
  g_autoptr(GHashTable) old = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                     review_text_free);
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *action = _par_cycle_package_action ("review", receiving->sha256,
                                                       receiving->manifest->round);
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  select = _par_workspace_prepare (self, "SELECT c.code, r.document, r.verdict, r.comment"
                                   " FROM review r JOIN criterion c ON c.id = r.criterion_id"
                                   " WHERE r.year = ? AND r.unit_id = ?", error);
  clear = _par_workspace_prepare (self, "DELETE FROM review WHERE year = ? AND unit_id = ?", error);
  insert = _par_workspace_prepare (self, "INSERT INTO review (year, unit_id, criterion_id,"
                                   " document, verdict, comment, request, round, changed_at)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (select == NULL || clear == NULL || insert == NULL)
    return FALSE;
  sqlite3_bind_int (select, 1, year);
  sqlite3_bind_int64 (select, 2, unit->unit->id);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      ReviewText *text = g_new0 (ReviewText, 1);

      text->verdict = g_strdup ((const char *) sqlite3_column_text (select, 2));
      text->comment = g_strdup ((const char *) sqlite3_column_text (select, 3));
      g_hash_table_insert (old, review_key ((const char *) sqlite3_column_text (select, 0),
                                            (const char *) sqlite3_column_text (select, 1)),
                           text);
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);

  sqlite3_bind_int (clear, 1, year);
  sqlite3_bind_int64 (clear, 2, unit->unit->id);
  if (sqlite3_step (clear) != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);

  for (guint i = 0; i < receiving->content->reviews->len; i++)
    {
      ParCycleReview *review = g_ptr_array_index (receiving->content->reviews, i);
      const ParCriterion *leaf = lookup_leaf (receiving, review->criterion);
      const char *verdict = review->verdict != PAR_VERDICT_NONE
                            ? par_verdict_to_string (review->verdict) : NULL;
      g_autofree char *review_id = review_key (review->criterion, review->document);
      ReviewText *before = g_hash_table_lookup (old, review_id);

      sqlite3_reset (insert);
      sqlite3_bind_int (insert, 1, year);
      sqlite3_bind_int64 (insert, 2, unit->unit->id);
      sqlite3_bind_int64 (insert, 3, unit->block->leaf_ids[leaf->leaf_index]);
      sqlite3_bind_text (insert, 4, review->document != NULL ? review->document : "", -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (insert, 5, verdict, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 6, review->comment, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 7, review->request, -1, SQLITE_STATIC);
      sqlite3_bind_int (insert, 8, receiving->manifest->round);
      sqlite3_bind_text (insert, 9, _par_workspace_get_write_time (self), -1, SQLITE_STATIC);
      if (sqlite3_step (insert) != SQLITE_DONE)
        return _par_workspace_set_io_error (self, error);

      if ((before == NULL || g_strcmp0 (before->verdict, verdict) != 0 ||
           g_strcmp0 (before->comment, review->comment) != 0) &&
          !_par_cycle_audit (self, year, unit->unit->code, review->criterion, PAR_STAGE_APPRAISAL,
                             before != NULL ? before->verdict : NULL, verdict,
                             before != NULL ? before->comment : NULL, review->comment, action,
                             review->document, error))
        return FALSE;
      g_hash_table_remove (old, review_id);
    }

  /* Reviews the office no longer gives. */
  g_hash_table_iter_init (&iter, old);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ReviewText *before = value;
      g_auto(GStrv) parts = g_strsplit (key, "\n", 2);

      if ((before->verdict != NULL || before->comment != NULL) &&
          !_par_cycle_audit (self, year, unit->unit->code, parts[0], PAR_STAGE_APPRAISAL,
                             before->verdict, NULL, before->comment, NULL, action,
                             parts[1][0] != '\0' ? parts[1] : NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* At the unit: the documents the office holds, and its deadline. */
static gboolean
apply_return_extras (Receiving  *receiving,
                     GError    **error)
{
  ParWorkspace *self = receiving->self;
  ParCycleUnit *unit = &receiving->unit;
  ParCycleContent *content = receiving->content;
  int year = receiving->manifest->year;
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  clear = _par_workspace_prepare (self, "DELETE FROM held_document WHERE year = ? AND unit_id = ?",
                                  error);
  insert = _par_workspace_prepare (self, "INSERT INTO held_document (year, unit_id, sha256)"
                                   " VALUES (?, ?, ?)", error);
  if (clear == NULL || insert == NULL)
    return FALSE;
  sqlite3_bind_int (clear, 1, year);
  sqlite3_bind_int64 (clear, 2, unit->unit->id);
  if (sqlite3_step (clear) != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);
  for (guint i = 0; i < content->held->len; i++)
    {
      sqlite3_reset (insert);
      sqlite3_bind_int (insert, 1, year);
      sqlite3_bind_int64 (insert, 2, unit->unit->id);
      sqlite3_bind_text (insert, 3, g_ptr_array_index (content->held, i), -1, SQLITE_STATIC);
      if (sqlite3_step (insert) != SQLITE_DONE)
        return _par_workspace_set_io_error (self, error);
    }

  return _par_cycle_store_deadline (self, year, NULL, PAR_CYCLE_STAGE_EXPLANATION,
                                    content->deadline, NULL, receiving->origin, error) &&
         _par_cycle_store_deadline (self, year, unit->unit, PAR_CYCLE_STAGE_EXPLANATION,
                                    content->extension, content->extension_reason,
                                    receiving->origin, error);
}

/* Inside the transaction, after the documents: the rest of the package. */
static gboolean
apply (Receiving  *receiving,
       GError    **error)
{
  ParWorkspace *self = receiving->self;
  const ParPackageManifest *manifest = receiving->manifest;
  const char *manifest_sha = par_package_reader_get_manifest_sha256 (receiving->reader);
  g_autofree char *action = NULL;

  receiving->origin = par_package_origin (receiving->sha256, manifest->round);
  action = _par_cycle_package_action ("receive", receiving->sha256, manifest->round);
  if (receiving->writes->len > 0 &&
      !_par_workspace_apply_scores (self, receiving->unit.context,
                                    &g_array_index (receiving->writes, ParScoreWrite, 0),
                                    receiving->writes->len, action, NULL, error))
    return FALSE;
  if (!apply_explanations (receiving, error))
    return FALSE;
  if (manifest->kind == PAR_PACKAGE_SUBMISSION)
    {
      if (!apply_links (receiving, error))
        return FALSE;
    }
  else if (!apply_reviews (receiving, error) || !apply_return_extras (receiving, error))
    return FALSE;

  return _par_cycle_log_package (self, manifest->year, receiving->unit.unit, manifest->kind, FALSE,
                                 manifest->round, receiving->sha256, manifest_sha,
                                 par_package_reader_get_size (receiving->reader),
                                 manifest->created_at, receiving->content_json, error);
}

static gboolean
already_logged (Receiving  *receiving,
                gboolean   *out_found,
                GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _par_workspace_prepare (receiving->self, "SELECT 1 FROM package WHERE sha256 = ?"
                                 " AND direction = 'received'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, receiving->sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _par_workspace_set_io_error (receiving->self, error);
  *out_found = rc == SQLITE_ROW;
  return TRUE;
}

/**
 * par_workspace_receive_package:
 * @self: a #ParWorkspace
 * @file: a package (`*.parpkg`)
 * @progress: (nullable) (scope call): receives progress
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Receives a package, all or nothing. At the office, a unit's submission
 * replaces the unit's self entries, notes and explanations with the
 * package's, and its evidence links with the package's (those the office
 * made itself stay), all audited with the package's hash as their origin;
 * it stores the documents once per content, ends the explanation requests
 * the new round answers, and records the submission (round, time, hash). At the unit, an
 * office's return stores the appraisal entries, verdicts, comments,
 * requests, the documents the office holds and its deadline.
 *
 * The same package received again changes nothing (the summary says
 * @already_received). A file that is not a package, a truncated or altered
 * one, names that would leave a folder, parts larger than declared, a
 * package made against another criteria set, for a unit or year the
 * workspace lacks, or older than one already received, is refused with
 * %PAR_ERROR_INVALID and changes nothing; a published year, or a deadline
 * passed without an extension for the unit, with %PAR_ERROR_FROZEN.
 *
 * Returns: (transfer full) (nullable): what the package held
 */
ParPackageSummary *
par_workspace_receive_package (ParWorkspace     *self,
                               GFile            *file,
                               ParProgressFunc   progress,
                               gpointer          progress_data,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_auto(Receiving) receiving = { 0 };
  g_autoptr(GError) local_error = NULL;
  gboolean duplicate = FALSE;
  gint64 previous_cache;
  gboolean ok;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  receiving.self = self;
  receiving.file = file;
  receiving.progress = progress;
  receiving.progress_data = progress_data;
  receiving.cancellable = cancellable;
  receiving.writes = g_array_new (FALSE, TRUE, sizeof (ParScoreWrite));
  g_array_set_clear_func (receiving.writes, clear_write);
  receiving.document_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  report (&receiving, 0.0, _("Checking the package"));
  if (!prepare (&receiving, &duplicate, error))
    return NULL;
  if (duplicate)
    {
      ParPackageSummary *summary = new_summary (&receiving);

      summary->already_received = TRUE;
      report (&receiving, 1.0, NULL);
      return summary;
    }

  /* The year is checked again inside the transaction, and the units it was
   * checked against. */
  if (!_par_workspace_begin_write (self, receiving.manifest->year, error))
    return NULL;
  /* The documents are written once: a large page cache would only fill. */
  previous_cache = _par_workspace_set_cache_size (self, -PAR_STREAMING_CACHE_KIB);
  ok = receive_documents (&receiving, &local_error) &&
       par_package_reader_finish (receiving.reader, receiving.sha256, &local_error) &&
       already_logged (&receiving, &duplicate, &local_error);
  if (ok && !duplicate)
    {
      report (&receiving, 0.95, _("Saving"));
      ok = apply (&receiving, &local_error) &&
           !g_cancellable_set_error_if_cancelled (cancellable, &local_error) &&
           _par_workspace_commit (self, &local_error);
    }
  if (!ok || duplicate)
    _par_workspace_rollback (self);
  _par_workspace_set_cache_size (self, previous_cache);
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!duplicate)
    {
      _par_workspace_emit_changed (self, receiving.manifest->year);
      _par_workspace_emit_evidence_changed (self, receiving.manifest->year,
                                            receiving.manifest->unit_code, NULL);
      _par_workspace_emit_cycle_changed (self, receiving.manifest->year,
                                         receiving.manifest->unit_code);
    }
  report (&receiving, 1.0, NULL);
  {
    ParPackageSummary *summary = new_summary (&receiving);

    summary->already_received = duplicate;
    return summary;
  }
}

/*
 * Many packages at once, on a worker with a connection of its own: each
 * is all or nothing; a cancellation stops the one being received (rolled
 * back) and leaves the rest not received. Each receipt learns its outcome
 * on the caller's main context as soon as it is known.
 */
typedef struct
{
  char            *path;
  GPtrArray       *receipts;   /* ParPackageReceipt, referenced */
  GPtrArray       *files;      /* GFile, taken on the caller's thread */
  ParProgressFunc  progress;
  gpointer         progress_data;
  GDestroyNotify   progress_destroy;
  GMainContext    *context;
  ParWorkspace    *workspace;  /* the caller's, used on its context only */
} BatchTask;

static void
batch_task_free (gpointer data)
{
  BatchTask *batch = data;

  g_free (batch->path);
  g_ptr_array_unref (batch->receipts);
  g_ptr_array_unref (batch->files);
  /* The caller's progress data go on its thread. */
  _par_main_context_release (batch->context, batch->progress_destroy, batch->progress_data);
  _par_main_context_release (batch->context, g_object_unref, batch->workspace);
  g_main_context_unref (batch->context);
  g_free (batch);
}

typedef struct
{
  ParPackageReceipt *receipt;
  ParWorkspace      *workspace;
  ParReceiptState    state;
  ParPackageSummary *summary;
  GError            *error;
} Outcome;

static void
outcome_free (gpointer data)
{
  Outcome *outcome = data;

  g_object_unref (outcome->receipt);
  g_object_unref (outcome->workspace);
  par_package_summary_free (outcome->summary);
  g_clear_error (&outcome->error);
  g_free (outcome);
}

static gboolean
outcome_dispatch (gpointer data)
{
  Outcome *outcome = data;

  _par_package_receipt_set_outcome (outcome->receipt, outcome->state, outcome->summary,
                                    outcome->error);
  if (outcome->state == PAR_RECEIPT_RECEIVED)
    _par_workspace_emit_cycle_changed (outcome->workspace, outcome->summary->year,
                                       outcome->summary->unit_code);
  return G_SOURCE_REMOVE;
}

static void
post_outcome (BatchTask         *batch,
              guint              index,
              ParReceiptState    state,
              ParPackageSummary *summary,
              const GError      *error)
{
  Outcome *outcome = g_new0 (Outcome, 1);

  outcome->receipt = g_object_ref (g_ptr_array_index (batch->receipts, index));
  outcome->workspace = g_object_ref (batch->workspace);
  outcome->state = state;
  outcome->summary = summary;
  outcome->error = error != NULL ? g_error_copy (error) : NULL;
  _par_main_context_post (batch->context, outcome_dispatch, outcome, outcome_free);
}

typedef struct
{
  ParProgressFunc report;
  gpointer        relay;
  guint           index;
  guint           count;
} BatchProgress;

static void
batch_progress (double      fraction,
                const char *text,
                gpointer    user_data)
{
  BatchProgress *state = user_data;

  state->report ((state->index + fraction) / state->count, text, state->relay);
}

static void
batch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BatchTask *batch = task_data;
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  BatchProgress state = { NULL, NULL, 0, batch->files->len };
  guint i;

  if (batch->progress != NULL)
    state.relay = _par_progress_relay_new (batch->context, batch->progress, batch->progress_data,
                                           &state.report);

  workspace = par_workspace_open (batch->path, PAR_WORKSPACE_OPEN_EXISTING, &error);
  for (i = 0; workspace != NULL && i < batch->files->len; i++)
    {
      g_autoptr(GError) package_error = NULL;
      ParPackageSummary *summary;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      post_outcome (batch, i, PAR_RECEIPT_RECEIVING, NULL, NULL);
      state.index = i;
      summary = par_workspace_receive_package (workspace, g_ptr_array_index (batch->files, i),
                                               state.relay != NULL ? batch_progress : NULL,
                                               &state, cancellable, &package_error);
      if (summary != NULL)
        post_outcome (batch, i, summary->already_received ? PAR_RECEIPT_ALREADY_RECEIVED
                                                          : PAR_RECEIPT_RECEIVED,
                      summary, NULL);
      else if (g_error_matches (package_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        break;
      else
        post_outcome (batch, i, PAR_RECEIPT_REFUSED, NULL, package_error);
    }
  for (; i < batch->files->len; i++)
    post_outcome (batch, i, PAR_RECEIPT_CANCELLED, NULL, NULL);
  if (state.relay != NULL)
    _par_progress_relay_unref (state.relay);

  if (workspace == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The connection is closed (its log written back) before the caller
   * hears that the batch is done. */
  g_clear_object (&workspace);
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

/**
 * par_workspace_receive_packages_async:
 * @self: a #ParWorkspace
 * @receipts: a #GListModel of #ParPackageReceipt, one per file (see
 *   par_package_receipt_new())
 * @progress: (nullable): receives the progress of the whole batch on the
 *   thread-default main context
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Receives many packages, one after the other, on a worker thread with a
 * connection of its own, each all or nothing as
 * par_workspace_receive_package() does. Each receipt turns to received,
 * already received, refused (with the reason) or cancelled as soon as its
 * package is done; #ParWorkspace::cycle-changed is emitted for each unit
 * received, and #ParWorkspace::changed for the years when all are done.
 */
void
par_workspace_receive_packages_async (ParWorkspace         *self,
                                      GListModel           *receipts,
                                      ParProgressFunc       progress,
                                      gpointer              progress_data,
                                      GDestroyNotify        progress_destroy,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  BatchTask *batch;

  g_return_if_fail (PAR_IS_WORKSPACE (self));
  g_return_if_fail (G_IS_LIST_MODEL (receipts));

  batch = g_new0 (BatchTask, 1);
  batch->path = g_strdup (par_workspace_get_path (self));
  batch->receipts = g_ptr_array_new_with_free_func (g_object_unref);
  batch->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (receipts); i++)
    {
      ParPackageReceipt *receipt = g_list_model_get_item (receipts, i);

      g_return_if_fail (PAR_IS_PACKAGE_RECEIPT (receipt));
      g_ptr_array_add (batch->receipts, receipt);
      g_ptr_array_add (batch->files, g_object_ref (par_package_receipt_get_file (receipt)));
    }
  batch->progress = progress;
  batch->progress_data = progress_data;
  batch->progress_destroy = progress_destroy;
  batch->context = g_main_context_ref_thread_default ();
  batch->workspace = g_object_ref (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, par_workspace_receive_packages_async);
  g_task_set_task_data (task, batch, batch_task_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, batch_thread);
}

/**
 * par_workspace_receive_packages_finish:
 * @self: a #ParWorkspace
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when every package was tried (each receipt says how it
 *   went); %FALSE with %G_IO_ERROR_CANCELLED when the batch was cancelled,
 *   or an error when the workspace could not be opened
 */
gboolean
par_workspace_receive_packages_finish (ParWorkspace  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  BatchTask *batch;
  g_autoptr(GHashTable) years = g_hash_table_new (NULL, NULL);
  gboolean ok;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  batch = g_task_get_task_data (G_TASK (result));
  ok = g_task_propagate_boolean (G_TASK (result), error);

  /* The worker's connection wrote: this one's listeners need to know. */
  for (guint i = 0; i < batch->receipts->len; i++)
    {
      const ParPackageSummary *summary =
        par_package_receipt_get_summary (g_ptr_array_index (batch->receipts, i));

      if (summary != NULL && !summary->already_received &&
          g_hash_table_add (years, GINT_TO_POINTER (summary->year)))
        _par_workspace_emit_changed (self, summary->year);
    }
  return ok;
}
