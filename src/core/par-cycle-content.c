/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-cycle-content"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "par-cycle-content.h"
#include "par-decision.h"
#include "par-document-probe.h"
#include "par-error.h"
#include "par-json-check.h"
#include "par-json-text.h"
#include "par-json-private.h"
#include "par-text.h"

/*
 * The content part of a package. Parsing checks what the format alone
 * says — types, bounds, no criterion or document twice, links to listed
 * documents — and leaves to the receiving workspace what only it knows
 * (the criteria, the values each rule accepts, the documents it holds).
 */

#define MAX_ITEMS         50000
#define MAX_PAGES         100000

static void
entry_free (gpointer data)
{
  ParCycleEntry *entry = data;

  g_free (entry->criterion);
  g_free (entry->value);
  g_free (entry->note);
  g_free (entry);
}

static void
explanation_free (gpointer data)
{
  ParCycleExplanation *explanation = data;

  g_free (explanation->criterion);
  g_free (explanation->text);
  g_free (explanation);
}

static void
document_free (gpointer data)
{
  ParCycleDocument *document = data;

  g_free (document->sha256);
  g_free (document->media_type);
  g_free (document->file_name);
  g_free (document->title);
  g_free (document->number);
  g_free (document->date);
  g_free (document->issuer);
  g_free (document);
}

static void
link_free (gpointer data)
{
  ParCycleLink *link = data;

  g_free (link->criterion);
  g_free (link->document);
  g_free (link->pages);
  g_free (link);
}

static void
review_free (gpointer data)
{
  ParCycleReview *review = data;

  g_free (review->criterion);
  g_free (review->document);
  g_free (review->comment);
  g_free (review->request);
  g_free (review);
}

ParCycleContent *
par_cycle_content_new (ParPackageKind kind)
{
  ParCycleContent *content = g_new0 (ParCycleContent, 1);

  content->kind = kind;
  content->entries = g_ptr_array_new_with_free_func (entry_free);
  content->explanations = g_ptr_array_new_with_free_func (explanation_free);
  content->documents = g_ptr_array_new_with_free_func (document_free);
  content->links = g_ptr_array_new_with_free_func (link_free);
  content->reviews = g_ptr_array_new_with_free_func (review_free);
  content->held = g_ptr_array_new_with_free_func (g_free);
  return content;
}

void
par_cycle_content_free (ParCycleContent *content)
{
  if (content == NULL)
    return;
  g_ptr_array_unref (content->entries);
  g_ptr_array_unref (content->explanations);
  g_ptr_array_unref (content->documents);
  g_ptr_array_unref (content->links);
  g_ptr_array_unref (content->reviews);
  g_ptr_array_unref (content->held);
  g_free (content->deadline);
  g_free (content->extension);
  g_free (content->extension_reason);
  g_free (content);
}

typedef struct
{
  const char       *array;
  guint             index;
  GError          **error;
  /* While reading an array: the keys of its items so far, and what they
   * are read into. */
  GHashTable       *seen;
  ParCycleContent  *content;
} Reading;

static gboolean
item_error (Reading    *reading,
            GError     *cause)
{
  g_set_error (reading->error, PAR_ERROR, PAR_ERROR_INVALID, _("“%s”, item %u: %s"),
               reading->array, reading->index + 1, cause->message);
  g_error_free (cause);
  return FALSE;
}

/* A text of a package, within the limits of its kind (docs/limits.md) as
 * the workspace keeps it: what a workspace would refuse typed, a package
 * does not carry in. */
static gboolean
get_text (Reading      *reading,
          JsonObject   *object,
          const char   *member,
          gboolean      required,
          ParTextKind   kind,
          char        **out_text)
{
  GError *cause = NULL;
  const char *value;
  char *clean;

  *out_text = NULL;
  if (!_par_json_get_string (object, member, required, par_text_limit (kind) * 4 + 64, &value,
                             &cause))
    return item_error (reading, cause);
  if (value != NULL)
    {
      if (!(clean = par_text_clean_limited (value, -1, kind, &cause)))
        {
          g_prefix_error (&cause, "“%s”: ", member);
          return item_error (reading, cause);
        }
      if (clean[0] == '\0')
        g_free (clean);
      else
        *out_text = clean;
    }
  if (required && *out_text == NULL)
    {
      g_set_error (&cause, PAR_ERROR, PAR_ERROR_INVALID, _("“%s” is empty"), member);
      return item_error (reading, cause);
    }
  return TRUE;
}

static gboolean
get_sha256 (Reading     *reading,
            JsonObject  *object,
            const char  *member,
            char       **out_sha256)
{
  GError *cause = NULL;
  const char *value;

  if (!_par_json_get_string (object, member, TRUE, 64, &value, &cause))
    return item_error (reading, cause);
  if (!par_sha256_is_hex (value))
    {
      g_set_error (&cause, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” is not a SHA-256 in lower-case hexadecimal"), member);
      return item_error (reading, cause);
    }
  *out_sha256 = g_strdup (value);
  return TRUE;
}

static gboolean
get_date (Reading     *reading,
          JsonObject  *object,
          const char  *member,
          gboolean     required,
          char       **out_date)
{
  GError *cause = NULL;

  if (!get_text (reading, object, member, required, PAR_TEXT_CODE, out_date))
    return FALSE;
  if (*out_date != NULL && !par_decision_validate_date (*out_date, &cause))
    return item_error (reading, cause);
  return TRUE;
}

static gboolean
duplicate (Reading     *reading,
           GHashTable  *seen,
           const char  *first,
           const char  *second)
{
  g_autofree char *key = g_strconcat (first, "\n", second != NULL ? second : "", NULL);
  GError *cause = NULL;

  if (g_hash_table_add (seen, g_steal_pointer (&key)))
    return FALSE;
  if (second != NULL)
    g_set_error (&cause, PAR_ERROR, PAR_ERROR_INVALID, _("criterion %s and document %.16s are "
                                                         "listed twice"), first, second);
  else
    g_set_error (&cause, PAR_ERROR, PAR_ERROR_INVALID, _("“%s” is listed twice"), first);
  item_error (reading, cause);
  return TRUE;
}

/* The array @member of @root, or an empty one; FALSE when it is there but
 * not an array of objects within the bounds. */
static gboolean
get_objects (JsonObject  *root,
             const char  *member,
             JsonArray  **out_array,
             GError     **error)
{
  JsonNode *node = json_object_get_member (root, member);

  *out_array = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) > MAX_ITEMS)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” must be a list of at most %d items"), member, MAX_ITEMS);
      return FALSE;
    }
  *out_array = json_node_get_array (node);
  return TRUE;
}

static JsonObject *
get_item (Reading   *reading,
          JsonArray *array)
{
  JsonNode *node = json_array_get_element (array, reading->index);
  GError *cause = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (&cause, PAR_ERROR, PAR_ERROR_INVALID, _("it is not an object"));
      item_error (reading, cause);
      return NULL;
    }
  return json_node_get_object (node);
}

/* Reads one object of a content array into @item, already in its array. */
typedef gboolean (*ReadItem) (Reading    *reading,
                              JsonObject *object,
                              gpointer    item);

/* The array @member of @root into @items, an item of @item_size bytes per
 * object; with @seen NULL, the keys are those of this array alone. */
static gboolean
read_array (ParCycleContent  *content,
            JsonObject       *root,
            const char       *member,
            GPtrArray        *items,
            gsize             item_size,
            ReadItem          read_item,
            GHashTable       *seen,
            GError          **error)
{
  g_autoptr(GHashTable) own_seen = NULL;
  Reading reading = { member, 0, error, seen, content };
  JsonArray *array;

  if (seen == NULL)
    reading.seen = own_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!get_objects (root, member, &array, error))
    return FALSE;
  for (; array != NULL && reading.index < json_array_get_length (array); reading.index++)
    {
      gpointer item = g_malloc0 (item_size);
      JsonObject *object;

      g_ptr_array_add (items, item);
      if (!(object = get_item (&reading, array)) ||
          !read_item (&reading, object, item))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_entry (Reading    *reading,
            JsonObject *object,
            gpointer    item)
{
  ParCycleEntry *entry = item;

  return get_text (reading, object, "criterion", TRUE, PAR_TEXT_CODE, &entry->criterion) &&
         get_text (reading, object, "value", TRUE, PAR_TEXT_NAME, &entry->value) &&
         get_text (reading, object, "note", FALSE, PAR_TEXT_NOTE, &entry->note) &&
         !duplicate (reading, reading->seen, entry->criterion, NULL);
}

static gboolean
read_explanation (Reading    *reading,
                  JsonObject *object,
                  gpointer    item)
{
  ParCycleExplanation *explanation = item;

  return get_text (reading, object, "criterion", TRUE, PAR_TEXT_CODE,
                   &explanation->criterion) &&
         get_text (reading, object, "text", TRUE, PAR_TEXT_NOTE, &explanation->text) &&
         !duplicate (reading, reading->seen, explanation->criterion, NULL);
}

static gboolean
read_document (Reading    *reading,
               JsonObject *object,
               gpointer    item)
{
  ParCycleDocument *document = item;
  GError *cause = NULL;
  gint64 number;

  if (!get_sha256 (reading, object, "sha256", &document->sha256) ||
      !get_text (reading, object, "media_type", TRUE, PAR_TEXT_NAME, &document->media_type) ||
      !get_text (reading, object, "title", TRUE, PAR_TEXT_NAME, &document->title) ||
      !get_text (reading, object, "file_name", FALSE, PAR_TEXT_NAME, &document->file_name) ||
      !get_text (reading, object, "number", FALSE, PAR_TEXT_NAME, &document->number) ||
      !get_date (reading, object, "date", FALSE, &document->date) ||
      !get_text (reading, object, "issuer", FALSE, PAR_TEXT_NAME, &document->issuer) ||
      duplicate (reading, reading->seen, document->sha256, NULL))
    return FALSE;
  if (!par_media_type_is_evidence (document->media_type))
    {
      g_set_error (&cause, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” is not a media type of evidence (a PDF document, a PNG or JPEG "
                     "image, or a .docx, .xlsx, .odt or .ods office document)"),
                   document->media_type);
      return item_error (reading, cause);
    }
  if (!_par_json_get_int (object, "size", TRUE, 0, PAR_PACKAGE_MAX_DOCUMENT_SIZE, &number,
                          &cause))
    return item_error (reading, cause);
  document->size = number;
  if (!_par_json_get_int (object, "pages", TRUE, 1, MAX_PAGES, &number, &cause))
    return item_error (reading, cause);
  document->page_count = (int) number;
  return TRUE;
}

/* A link, to a document listed before it. */
static gboolean
read_link (Reading    *reading,
           JsonObject *object,
           gpointer    item)
{
  ParCycleLink *link = item;
  GError *cause = NULL;

  if (!get_text (reading, object, "criterion", TRUE, PAR_TEXT_CODE, &link->criterion) ||
      !get_sha256 (reading, object, "document", &link->document) ||
      !get_text (reading, object, "pages", FALSE, PAR_TEXT_NAME, &link->pages) ||
      duplicate (reading, reading->seen, link->criterion, link->document))
    return FALSE;
  if (par_cycle_content_find_document (reading->content, link->document) == NULL)
    {
      g_set_error (&cause, PAR_ERROR, PAR_ERROR_INVALID,
                   _("document %.16s is not in “documents”"), link->document);
      return item_error (reading, cause);
    }
  return TRUE;
}

/* A review of "reviews" (of a criterion) or of "document_reviews". */
static gboolean
read_review (Reading    *reading,
             JsonObject *object,
             gpointer    item)
{
  ParCycleReview *review = item;
  gboolean of_document = g_str_equal (reading->array, "document_reviews");
  g_autofree char *verdict = NULL;
  GError *cause = NULL;
  JsonNode *request;

  if (!get_text (reading, object, "criterion", TRUE, PAR_TEXT_CODE, &review->criterion) ||
      (of_document && !get_sha256 (reading, object, "document", &review->document)) ||
      !get_text (reading, object, "verdict", FALSE, PAR_TEXT_CODE, &verdict) ||
      !get_text (reading, object, "comment", FALSE, PAR_TEXT_NOTE, &review->comment) ||
      duplicate (reading, reading->seen, review->criterion, review->document))
    return FALSE;
  if (verdict != NULL && !par_verdict_from_string (verdict, &review->verdict))
    {
      g_set_error (&cause, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” is not a verdict (accepted, insufficient, rejected)"), verdict);
      return item_error (reading, cause);
    }
  /* "request": null or absent, none; a string, even empty, requested. */
  request = json_object_get_member (object, "request");
  if (!of_document && request != NULL && !JSON_NODE_HOLDS_NULL (request))
    {
      if (!get_text (reading, object, "request", FALSE, PAR_TEXT_NOTE, &review->request))
        return FALSE;
      review->requested = TRUE;
    }
  return TRUE;
}

/* Reviews of criteria and of documents: a pair is listed once in both. */
static gboolean
read_reviews (ParCycleContent  *content,
              JsonObject       *root,
              GError          **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return read_array (content, root, "reviews", content->reviews, sizeof (ParCycleReview),
                     read_review, seen, error) &&
         read_array (content, root, "document_reviews", content->reviews,
                     sizeof (ParCycleReview), read_review, seen, error);
}

static gboolean
read_return_extras (ParCycleContent  *content,
                    JsonObject       *root,
                    GError          **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *node = json_object_get_member (root, "held_documents");
  Reading reading = { "deadline", 0, error };
  JsonObject *deadline;
  JsonObject *extension;

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *held = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      if (held == NULL || json_array_get_length (held) > MAX_ITEMS)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("“%s” must be a list of at most %d items"), "held_documents", MAX_ITEMS);
          return FALSE;
        }
      for (guint i = 0; i < json_array_get_length (held); i++)
        {
          JsonNode *item = json_array_get_element (held, i);
          const char *sha = json_node_get_value_type (item) == G_TYPE_STRING
                            ? json_node_get_string (item) : NULL;

          if (!par_sha256_is_hex (sha))
            {
              g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("“held_documents”, item %u: it is not a SHA-256 in lower-case "
                             "hexadecimal"), i + 1);
              return FALSE;
            }
          if (g_hash_table_add (seen, (gpointer) sha))
            g_ptr_array_add (content->held, g_strdup (sha));
        }
    }

  if ((deadline = _par_json_get_object (root, "deadline")) != NULL)
    {
      if (!get_date (&reading, deadline, "date", FALSE, &content->deadline))
        return FALSE;
      if ((extension = _par_json_get_object (deadline, "extension")) != NULL &&
          (!get_date (&reading, extension, "date", TRUE, &content->extension) ||
           !get_text (&reading, extension, "reason", TRUE, PAR_TEXT_NOTE,
                      &content->extension_reason)))
        return FALSE;
    }
  return TRUE;
}

/**
 * par_cycle_content_parse:
 * @kind: the package's kind, as its manifest says
 * @data: (array length=length): the content part's bytes
 * @length: their number
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the content, or %NULL with
 *   %PAR_ERROR_INVALID saying which member breaks which rule
 */
ParCycleContent *
par_cycle_content_parse (ParPackageKind   kind,
                         const char      *data,
                         gsize            length,
                         GError         **error)
{
  g_autoptr(ParCycleContent) content = par_cycle_content_new (kind);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  gboolean ok;

  if (length > PAR_PACKAGE_MAX_CONTENT_SIZE || !g_utf8_validate (data, length, NULL) ||
      !par_json_check (data, length, PAR_PACKAGE_MAX_JSON_DEPTH, &local_error) ||
      !json_parser_load_from_data (parser, data, length, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the package’s part “%s” is not a JSON object of at most %d MiB (%s)"),
                   par_package_content_name (kind), PAR_PACKAGE_MAX_CONTENT_SIZE >> 20,
                   local_error != NULL ? local_error->message : _("not UTF-8 text"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  ok = read_array (content, root, "entries", content->entries, sizeof (ParCycleEntry),
                   read_entry, NULL, &local_error);
  if (ok && kind == PAR_PACKAGE_SUBMISSION)
    ok = read_array (content, root, "explanations", content->explanations,
                     sizeof (ParCycleExplanation), read_explanation, NULL, &local_error) &&
         read_array (content, root, "documents", content->documents, sizeof (ParCycleDocument),
                     read_document, NULL, &local_error) &&
         read_array (content, root, "evidence", content->links, sizeof (ParCycleLink),
                     read_link, NULL, &local_error);
  else if (ok)
    ok = read_reviews (content, root, &local_error) &&
         read_return_extras (content, root, &local_error);
  if (!ok)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("the package’s part “%s” is invalid: %s"),
                   par_package_content_name (kind), local_error->message);
      return NULL;
    }
  return g_steal_pointer (&content);
}

ParCycleDocument *
par_cycle_content_find_document (const ParCycleContent *content,
                                 const char            *sha256)
{
  for (guint i = 0; i < content->documents->len; i++)
    {
      ParCycleDocument *document = g_ptr_array_index (content->documents, i);
      if (g_str_equal (document->sha256, sha256))
        return document;
    }
  return NULL;
}

/**
 * par_cycle_content_match_parts:
 * @content: a submission's content
 * @manifest: the package's manifest
 * @error: return location for a #GError
 *
 * Ties the documents the content lists to the manifest's parts: every
 * document part belongs to a listed document of that media type and size,
 * and marks the documents it carries. A document listed without a part is
 * one the receiver must hold already; a submission of round 1 carries all.
 *
 * Returns: %TRUE when the two agree
 */
gboolean
par_cycle_content_match_parts (ParCycleContent           *content,
                               const ParPackageManifest  *manifest,
                               GError                   **error)
{
  for (guint i = 1; i < manifest->parts->len; i++)
    {
      const ParPackagePart *part = par_package_manifest_get_part (manifest, i);
      g_autofree char *sha = g_strndup (par_package_document_sha256 (part->name), 64);
      ParCycleDocument *document = par_cycle_content_find_document (content, sha);
      g_autofree char *expected = NULL;

      if (document == NULL)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("the package carries “%s”, which its content does not list"), part->name);
          return FALSE;
        }
      expected = par_package_document_name (document->sha256, document->media_type);
      if (!g_str_equal (expected, part->name) || document->size != part->size)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("the package’s content describes document %.16s otherwise than its "
                         "manifest (type or size)"), document->sha256);
          return FALSE;
        }
      document->carried = TRUE;
    }

  for (guint i = 0; i < content->documents->len; i++)
    {
      ParCycleDocument *document = g_ptr_array_index (content->documents, i);

      if (!document->carried && manifest->round == 1)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("the package lists document %.16s (“%s”) but does not carry it; a first "
                         "round carries every document"), document->sha256, document->title);
          return FALSE;
        }
    }
  return TRUE;
}

/* Writes one item of a content array as the members of its object. */
typedef void (*WriteItem) (JsonBuilder   *builder,
                           gconstpointer  item);

/* A member holding an array of objects, one per item. */
static void
add_array (JsonBuilder *builder,
           const char  *member,
           GPtrArray   *items,
           WriteItem    write_item)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      json_builder_begin_object (builder);
      write_item (builder, g_ptr_array_index (items, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
write_entry (JsonBuilder   *builder,
             gconstpointer  item)
{
  const ParCycleEntry *entry = item;

  _par_json_add_string (builder, "criterion", entry->criterion);
  _par_json_add_string (builder, "value", entry->value);
  _par_json_add_string (builder, "note", entry->note);
}

static void
write_explanation (JsonBuilder   *builder,
                   gconstpointer  item)
{
  const ParCycleExplanation *explanation = item;

  _par_json_add_string (builder, "criterion", explanation->criterion);
  _par_json_add_string (builder, "text", explanation->text);
}

static void
write_document (JsonBuilder   *builder,
                gconstpointer  item)
{
  const ParCycleDocument *document = item;

  _par_json_add_string (builder, "sha256", document->sha256);
  _par_json_add_string (builder, "media_type", document->media_type);
  _par_json_add_int (builder, "size", document->size);
  _par_json_add_int (builder, "pages", document->page_count);
  _par_json_add_string (builder, "file_name", document->file_name);
  _par_json_add_string (builder, "title", document->title);
  _par_json_add_string (builder, "number", document->number);
  _par_json_add_string (builder, "date", document->date);
  _par_json_add_string (builder, "issuer", document->issuer);
}

static void
write_link (JsonBuilder   *builder,
            gconstpointer  item)
{
  const ParCycleLink *link = item;

  _par_json_add_string (builder, "criterion", link->criterion);
  _par_json_add_string (builder, "document", link->document);
  _par_json_add_string (builder, "pages", link->pages);
}

static void
add_return (JsonBuilder           *builder,
            const ParCycleContent *content)
{
  for (guint pass = 0; pass < 2; pass++)
    {
      json_builder_set_member_name (builder, pass == 0 ? "reviews" : "document_reviews");
      json_builder_begin_array (builder);
      for (guint i = 0; i < content->reviews->len; i++)
        {
          ParCycleReview *review = g_ptr_array_index (content->reviews, i);

          if ((review->document != NULL) != (pass == 1))
            continue;
          json_builder_begin_object (builder);
          _par_json_add_string (builder, "criterion", review->criterion);
          if (review->document != NULL)
            _par_json_add_string (builder, "document", review->document);
          _par_json_add_string (builder, "verdict", review->verdict != PAR_VERDICT_NONE
                                                    ? par_verdict_to_string (review->verdict)
                                                    : NULL);
          _par_json_add_string (builder, "comment", review->comment);
          if (review->document == NULL)
            _par_json_add_string (builder, "request", review->requested
                                                      ? (review->request != NULL
                                                         ? review->request : "")
                                                      : NULL);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "held_documents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < content->held->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (content->held, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "deadline");
  if (content->deadline == NULL && content->extension == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      _par_json_add_string (builder, "stage", "explanation");
      _par_json_add_string (builder, "date", content->deadline);
      json_builder_set_member_name (builder, "extension");
      if (content->extension == NULL)
        json_builder_add_null_value (builder);
      else
        {
          json_builder_begin_object (builder);
          _par_json_add_string (builder, "date", content->extension);
          _par_json_add_string (builder, "reason", content->extension_reason);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
}

/**
 * par_cycle_content_to_json:
 * @content: a content
 *
 * Returns: (transfer full): the content part's JSON text
 */
char *
par_cycle_content_to_json (const ParCycleContent *content)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (content != NULL, NULL);

  json_builder_begin_object (builder);
  add_array (builder, "entries", content->entries, write_entry);
  if (content->kind == PAR_PACKAGE_SUBMISSION)
    {
      add_array (builder, "explanations", content->explanations, write_explanation);
      add_array (builder, "documents", content->documents, write_document);
      add_array (builder, "evidence", content->links, write_link);
    }
  else
    add_return (builder, content);
  json_builder_end_object (builder);
  return par_json_text_from_builder (builder);
}
