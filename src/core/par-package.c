/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-package"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "par-decimal.h"
#include "par-error.h"
#include "par-json-check.h"
#include "par-json-private.h"
#include "par-json-text.h"
#include "par-media-type.h"
#include "par-package.h"

/*
 * The package's manifest and the rules for its part names
 * (docs/package-format.md). Everything here reads hostile input: sizes,
 * depths and counts are bounded before json-glib or anything else sees the
 * bytes, and a manifest is taken only when every rule holds.
 */

const char *
par_package_kind_to_string (ParPackageKind kind)
{
  return kind == PAR_PACKAGE_RETURN ? "return" : "submission";
}

/**
 * par_package_content_name:
 * @kind: the package's kind
 *
 * Returns: the name of the content part of a package of @kind
 */
const char *
par_package_content_name (ParPackageKind kind)
{
  return kind == PAR_PACKAGE_RETURN ? PAR_PACKAGE_RETURN_NAME : PAR_PACKAGE_SUBMISSION_NAME;
}

/**
 * par_package_document_name:
 * @sha256: a document's SHA-256
 * @media_type: its media type
 *
 * Returns: (transfer full): the part name of the document,
 *   `documents/<sha256>.<extension>` (pdf, png, jpg, docx, xlsx, odt, ods)
 */
char *
par_package_document_name (const char *sha256,
                           const char *media_type)
{
  g_return_val_if_fail (par_sha256_is_hex (sha256), NULL);
  g_return_val_if_fail (par_media_type_is_evidence (media_type), NULL);

  return g_strconcat (PAR_PACKAGE_DOCUMENTS_DIR, sha256, ".",
                      par_media_type_get_extension (media_type), NULL);
}

static gboolean
known_extension (const char *extension)
{
  static const char *media_types[] = {
    PAR_MEDIA_TYPE_PDF, PAR_MEDIA_TYPE_PNG, PAR_MEDIA_TYPE_JPEG, PAR_MEDIA_TYPE_DOCX,
    PAR_MEDIA_TYPE_XLSX, PAR_MEDIA_TYPE_ODT, PAR_MEDIA_TYPE_ODS,
  };

  for (guint i = 0; i < G_N_ELEMENTS (media_types); i++)
    if (g_str_equal (extension, par_media_type_get_extension (media_types[i])))
      return TRUE;
  return FALSE;
}

/**
 * par_package_document_sha256:
 * @name: a part name
 *
 * Returns: (nullable) (transfer none): the SHA-256 that @name carries when
 *   it is a document's part name, pointing into @name (not NUL-terminated
 *   after 64 characters: compare with strncmp), else %NULL
 */
const char *
par_package_document_sha256 (const char *name)
{
  const char *sha;
  const char *extension;
  char hex[PAR_SHA256_HEX_SIZE];

  if (!g_str_has_prefix (name, PAR_PACKAGE_DOCUMENTS_DIR))
    return NULL;
  sha = name + strlen (PAR_PACKAGE_DOCUMENTS_DIR);
  if (strlen (sha) < PAR_SHA256_HEX_SIZE)
    return NULL;
  memcpy (hex, sha, PAR_SHA256_HEX_SIZE - 1);
  hex[PAR_SHA256_HEX_SIZE - 1] = '\0';
  extension = sha + PAR_SHA256_HEX_SIZE - 1;
  if (!par_sha256_is_hex (hex) || extension[0] != '.' || !known_extension (extension + 1))
    return NULL;
  return sha;
}

ParPackageManifest *
par_package_manifest_new (void)
{
  ParPackageManifest *manifest = g_new0 (ParPackageManifest, 1);

  manifest->parts = g_array_new (FALSE, TRUE, sizeof (ParPackagePart));
  return manifest;
}

void
par_package_manifest_free (ParPackageManifest *manifest)
{
  if (manifest == NULL)
    return;
  g_free (manifest->unit_code);
  g_free (manifest->unit_name);
  g_free (manifest->block);
  g_free (manifest->criteria_sha256);
  g_free (manifest->criteria_title);
  g_free (manifest->created_at);
  g_free (manifest->generator);
  g_free (manifest->answers);
  for (guint i = 0; i < manifest->parts->len; i++)
    g_free (g_array_index (manifest->parts, ParPackagePart, i).name);
  g_array_unref (manifest->parts);
  g_free (manifest);
}

void
par_package_manifest_add_part (ParPackageManifest *manifest,
                               const char         *name,
                               gint64              size,
                               const char         *sha256)
{
  ParPackagePart part = { 0 };

  g_return_if_fail (manifest != NULL && name != NULL);
  g_return_if_fail (par_sha256_is_hex (sha256));

  part.name = g_strdup (name);
  part.size = size;
  memcpy (part.sha256, sha256, PAR_SHA256_HEX_SIZE);
  g_array_append_val (manifest->parts, part);
}

const ParPackagePart *
par_package_manifest_get_part (const ParPackageManifest *manifest,
                               guint                     index)
{
  g_return_val_if_fail (manifest != NULL, NULL);

  if (index >= manifest->parts->len)
    return NULL;
  return &g_array_index (manifest->parts, ParPackagePart, index);
}

/**
 * par_package_check_name:
 * @name: a name read from an archive
 * @error: return location for a #GError
 *
 * Refuses a name that could leave a folder or mean something else on
 * another system: absolute names, drive letters, backslashes, `.` and `..`
 * components, empty components, control characters, invalid UTF-8, and
 * names longer than %PAR_PACKAGE_MAX_NAME_LENGTH bytes.
 *
 * Returns: %TRUE when @name is a plain relative name
 */
gboolean
par_package_check_name (const char  *name,
                        GError     **error)
{
  g_auto(GStrv) components = NULL;
  const char *why = NULL;
  gsize length;

  if (name == NULL || name[0] == '\0')
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("the package holds a part without a name"));
      return FALSE;
    }
  length = strlen (name);
  if (!g_utf8_validate (name, length, NULL))
    why = _("it is not valid UTF-8");
  else if (length > PAR_PACKAGE_MAX_NAME_LENGTH)
    why = _("it is too long");
  else if (name[0] == '/' || (g_ascii_isalpha (name[0]) && name[1] == ':'))
    why = _("it is an absolute path");
  else if (strchr (name, '\\') != NULL)
    why = _("it contains a backslash");
  else
    {
      for (const char *p = name; why == NULL && *p != '\0'; p++)
        if ((guchar) *p < 0x20 || *p == 0x7f)
          why = _("it contains a control character");
    }

  if (why == NULL)
    {
      components = g_strsplit (name, "/", -1);
      for (guint i = 0; why == NULL && components[i] != NULL; i++)
        {
          if (components[i][0] == '\0')
            why = _("it has an empty folder name");
          else if (g_str_equal (components[i], ".") || g_str_equal (components[i], ".."))
            why = _("it would leave its folder");
        }
    }

  if (why != NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (name, MIN (length, 200));

      /* TRANSLATORS: "the part name “../../x” is refused: it would leave its folder" */
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("the part name “%s” is refused: %s"),
                   shown, why);
      return FALSE;
    }
  return TRUE;
}

static gboolean
manifest_error (GError     **error,
                const char  *format,
                ...) G_GNUC_PRINTF (2, 3);

static gboolean
manifest_error (GError     **error,
                const char  *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("the package’s manifest is invalid: %s"),
               message);
  return FALSE;
}

static gboolean
read_part (JsonNode            *node,
           guint                index,
           ParPackageManifest  *manifest,
           GHashTable          *names,
           GError             **error)
{
  JsonObject *object;
  const char *name;
  const char *sha256;
  const char *document_sha;
  gint64 size;
  gint64 limit;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return manifest_error (error, _("part %u is not an object"), index + 1);
  object = json_node_get_object (node);

  if (!_par_json_get_string (object, "name", TRUE, PAR_PACKAGE_MAX_NAME_LENGTH, &name, NULL) ||
      !_par_json_get_string (object, "sha256", TRUE, 64, &sha256, NULL) ||
      !_par_json_get_int (object, "size", TRUE, 0, G_MAXINT64, &size, NULL))
    return manifest_error (error, _("part %u needs a name, a size and a sha256"), index + 1);
  if (!par_package_check_name (name, error))
    return FALSE;
  if (!par_sha256_is_hex (sha256))
    return manifest_error (error, _("the sha256 of part “%s” is not 64 lower-case hexadecimal "
                                    "digits"), name);
  if (!g_hash_table_add (names, g_strdup (name)))
    return manifest_error (error, _("part “%s” is listed twice"), name);

  document_sha = par_package_document_sha256 (name);
  if (index == 0)
    {
      if (!g_str_equal (name, par_package_content_name (manifest->kind)))
        return manifest_error (error, _("the first part must be “%s”, not “%s”"),
                               par_package_content_name (manifest->kind), name);
      limit = PAR_PACKAGE_MAX_CONTENT_SIZE;
    }
  else
    {
      if (document_sha == NULL)
        return manifest_error (error, _("part “%s” is neither the content nor a document "
                                        "(documents/<sha256>.pdf, .png or .jpg)"), name);
      if (strncmp (document_sha, sha256, 64) != 0)
        return manifest_error (error, _("part “%s” is named after another content than its "
                                        "sha256 %s"), name, sha256);
      limit = PAR_PACKAGE_MAX_DOCUMENT_SIZE;
    }
  if (size > limit)
    {
      g_autofree char *shown = par_format_size (size, G_FORMAT_SIZE_LONG_FORMAT);
      return manifest_error (error, _("part “%s” declares %s, more than a package may hold"),
                             name, shown);
    }

  par_package_manifest_add_part (manifest, name, size, sha256);
  return TRUE;
}

/* The manifest's members after its format, into @manifest. */
static gboolean
read_manifest (JsonObject          *root,
               ParPackageManifest  *manifest,
               GError             **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) created = NULL;
  JsonObject *unit;
  JsonObject *criteria;
  JsonArray *parts;
  const char *kind;
  const char *sender;
  const char *text;
  gint64 number;
  gint64 total = 0;

  if (!_par_json_get_string (root, "kind", TRUE, 32, &kind, NULL) ||
      !(g_str_equal (kind, "submission") || g_str_equal (kind, "return")))
    return manifest_error (error, _("“kind” must be “submission” or “return”"));
  manifest->kind = g_str_equal (kind, "return") ? PAR_PACKAGE_RETURN : PAR_PACKAGE_SUBMISSION;
  if (!_par_json_get_string (root, "sender", TRUE, 32, &sender, NULL) ||
      !g_str_equal (sender, manifest->kind == PAR_PACKAGE_RETURN ? "office" : "unit"))
    {
      if (manifest->kind == PAR_PACKAGE_RETURN)
        return manifest_error (error,
                               _("a return package is sent by the office (“sender”: “office”)"));
      return manifest_error (error, _("a submission is sent by the unit (“sender”: “unit”)"));
    }

  if (!_par_json_get_int (root, "year", TRUE, 1900, 9999, &number, NULL))
    return manifest_error (error, _("“year” must be a year"));
  manifest->year = (int) number;
  if (!_par_json_get_int (root, "round", TRUE, 1, PAR_PACKAGE_MAX_ROUND, &number, NULL))
    return manifest_error (error, _("“round” must be a whole number from 1 to %d"),
                           PAR_PACKAGE_MAX_ROUND);
  manifest->round = (int) number;

  if (!(unit = _par_json_get_object (root, "unit")) ||
      !_par_json_get_string (unit, "code", TRUE, 64, &text, NULL) || text[0] == '\0')
    return manifest_error (error, _("“unit” must hold the unit’s “code”"));
  manifest->unit_code = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (!_par_json_get_string (unit, "name", FALSE, 1024, &text, NULL))
    return manifest_error (error, _("the unit’s “name” must be a string"));
  manifest->unit_name = text != NULL ? g_utf8_normalize (text, -1, G_NORMALIZE_NFC) : NULL;
  if (!_par_json_get_string (root, "block", FALSE, 1024, &text, NULL))
    return manifest_error (error, _("“block” must be a string"));
  manifest->block = text != NULL ? g_utf8_normalize (text, -1, G_NORMALIZE_NFC) : NULL;

  if (!(criteria = _par_json_get_object (root, "criteria_set")) ||
      !_par_json_get_string (criteria, "sha256", TRUE, 64, &text, NULL) ||
      !par_sha256_is_hex (text))
    return manifest_error (error, _("“criteria_set” must hold the set’s “sha256”"));
  manifest->criteria_sha256 = g_strdup (text);
  if (!_par_json_get_string (criteria, "title", FALSE, 4096, &text, NULL))
    return manifest_error (error, _("the criteria set’s “title” must be a string"));
  manifest->criteria_title = g_strdup (text);

  if (!_par_json_get_string (root, "created_at", TRUE, 64, &text, NULL) ||
      !(created = g_date_time_new_from_iso8601 (text, NULL)))
    return manifest_error (error, _("“created_at” must be a date and time (ISO 8601)"));
  manifest->created_at = g_strdup (text);
  if (!_par_json_get_string (root, "generator", FALSE, 256, &text, NULL))
    return manifest_error (error, _("“generator” must be a string"));
  manifest->generator = g_strdup (text);
  if (!_par_json_get_string (root, "answers", FALSE, 64, &text, NULL) ||
      (text != NULL && !par_sha256_is_hex (text)))
    return manifest_error (error, _("“answers” must be the sha256 of a return package"));
  manifest->answers = g_strdup (text);

  if (!(parts = _par_json_get_array (root, "parts")) || json_array_get_length (parts) == 0 ||
      json_array_get_length (parts) > PAR_PACKAGE_MAX_PARTS)
    return manifest_error (error, _("“parts” must list from 1 to %d parts"),
                           PAR_PACKAGE_MAX_PARTS);
  for (guint i = 0; i < json_array_get_length (parts); i++)
    {
      if (!read_part (json_array_get_element (parts, i), i, manifest, names, error))
        return FALSE;
      total += g_array_index (manifest->parts, ParPackagePart, i).size;
      if (total > PAR_PACKAGE_MAX_TOTAL_SIZE)
        return manifest_error (error, _("its parts add up to more than a package may hold"));
    }
  return TRUE;

}

/**
 * par_package_manifest_parse:
 * @data: (array length=length): the bytes of `manifest.json`
 * @length: their number
 * @error: return location for a #GError
 *
 * Parses and checks a manifest: its format and version, kind, year, unit,
 * round, criteria set, creation time, and every part (names, sizes within
 * the limits, hashes, no part twice, the content part first, documents
 * named after their hash).
 *
 * Returns: (transfer full) (nullable): the manifest, or %NULL with
 *   %PAR_ERROR_INVALID
 */
ParPackageManifest *
par_package_manifest_parse (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(ParPackageManifest) manifest = par_package_manifest_new ();
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  JsonObject *root;
  const char *format;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > PAR_PACKAGE_MAX_MANIFEST_SIZE)
    {
      manifest_error (error, _("it is larger than %d KiB"), PAR_PACKAGE_MAX_MANIFEST_SIZE / 1024);
      return NULL;
    }
  if (!g_utf8_validate (data, length, NULL))
    {
      manifest_error (error, _("it is not UTF-8 text"));
      return NULL;
    }
  if (!par_json_check (data, length, PAR_PACKAGE_MAX_JSON_DEPTH, &parse_error) ||
      !json_parser_load_from_data (parser, data, length, &parse_error))
    {
      manifest_error (error, "%s", parse_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      manifest_error (error, _("it is not a JSON object"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  if (!_par_json_get_string (root, "format", TRUE, 64, &format, NULL) ||
      !g_str_has_prefix (format, PAR_PACKAGE_FORMAT_PREFIX))
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("the file is not a ParIndex package (its manifest has no format "
                             "“parindex-package/1”)"));
      return NULL;
    }
  if (!g_str_equal (format, PAR_PACKAGE_FORMAT))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the package has the format “%s”, written by a newer ParIndex; update "
                     "ParIndex to read it"), format);
      return NULL;
    }

  if (!read_manifest (root, manifest, error))
    return NULL;
  return g_steal_pointer (&manifest);
}

/* A member whose value is an object of two strings. */
static void
add_object_of_two (JsonBuilder *builder,
                   const char  *member,
                   const char  *first_name,
                   const char  *first,
                   const char  *second_name,
                   const char  *second)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  _par_json_add_string (builder, first_name, first);
  _par_json_add_string (builder, second_name, second);
  json_builder_end_object (builder);
}

/**
 * par_package_manifest_to_json:
 * @manifest: a manifest
 *
 * Returns: (transfer full): the manifest as JSON text (UTF-8, numbers
 *   without a locale)
 */
char *
par_package_manifest_to_json (const ParPackageManifest *manifest)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (manifest != NULL, NULL);

  json_builder_begin_object (builder);
  _par_json_add_string (builder, "format", PAR_PACKAGE_FORMAT);
  _par_json_add_string (builder, "kind", par_package_kind_to_string (manifest->kind));
  _par_json_add_string (builder, "sender",
                        manifest->kind == PAR_PACKAGE_RETURN ? "office" : "unit");
  _par_json_add_int (builder, "year", manifest->year);
  add_object_of_two (builder, "unit", "code", manifest->unit_code, "name", manifest->unit_name);
  _par_json_add_string (builder, "block", manifest->block);
  _par_json_add_int (builder, "round", manifest->round);
  add_object_of_two (builder, "criteria_set", "sha256", manifest->criteria_sha256,
                     "title", manifest->criteria_title);
  _par_json_add_string (builder, "created_at", manifest->created_at);
  _par_json_add_string (builder, "generator", manifest->generator);
  _par_json_add_string (builder, "answers", manifest->answers);
  json_builder_set_member_name (builder, "parts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < manifest->parts->len; i++)
    {
      const ParPackagePart *part = &g_array_index (manifest->parts, ParPackagePart, i);

      json_builder_begin_object (builder);
      _par_json_add_string (builder, "name", part->name);
      _par_json_add_int (builder, "size", part->size);
      _par_json_add_string (builder, "sha256", part->sha256);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return par_json_text_from_builder (builder);
}
