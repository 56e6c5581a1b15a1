/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-evidence-object"

#include "config.h"

#include <glib/gi18n.h>

#include "par-evidence-object.h"

#include "par-decision.h"
#include "par-document-probe.h"

/**
 * ParEvidenceObject:
 *
 * One row of the evidence pane: a document linked to a criterion, with
 * read-only properties for binding.
 */
struct _ParEvidenceObject
{
  GObject      parent_instance;

  ParEvidence *evidence;
};

G_DEFINE_FINAL_TYPE (ParEvidenceObject, par_evidence_object, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
par_evidence_object_finalize (GObject *object)
{
  ParEvidenceObject *self = (ParEvidenceObject *)object;

  g_clear_pointer (&self->evidence, par_evidence_free);

  G_OBJECT_CLASS (par_evidence_object_parent_class)->finalize (object);
}

static void
par_evidence_object_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ParEvidenceObject *self = PAR_EVIDENCE_OBJECT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, par_evidence_object_get_title (self));
      break;

    case PROP_SUBTITLE:
      g_value_take_string (value, par_evidence_object_dup_subtitle (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_evidence_object_class_init (ParEvidenceObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = par_evidence_object_finalize;
  object_class->get_property = par_evidence_object_get_property;

  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
par_evidence_object_init (ParEvidenceObject *self)
{
}

ParEvidenceObject *
par_evidence_object_new (const ParEvidence *evidence)
{
  ParEvidenceObject *self = g_object_new (PAR_TYPE_EVIDENCE_OBJECT, NULL);

  self->evidence = par_evidence_copy (evidence);
  return self;
}

const ParEvidence *
par_evidence_object_get_evidence (ParEvidenceObject *self)
{
  g_return_val_if_fail (PAR_IS_EVIDENCE_OBJECT (self), NULL);

  return self->evidence;
}

const char *
par_evidence_object_get_title (ParEvidenceObject *self)
{
  g_return_val_if_fail (PAR_IS_EVIDENCE_OBJECT (self), NULL);

  return self->evidence->document->title;
}

/* "15/KH-UBND · 15/01/2022 · tr. 2 (3 pages)" */
char *
par_evidence_object_dup_subtitle (ParEvidenceObject *self)
{
  const ParDocument *document;
  GString *text;

  g_return_val_if_fail (PAR_IS_EVIDENCE_OBJECT (self), NULL);

  document = self->evidence->document;
  text = g_string_new (NULL);
  if (document->number != NULL)
    g_string_append (text, document->number);
  if (document->date != NULL)
    {
      g_autofree char *date = par_date_format_short (document->date);

      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, date);
    }
  if (self->evidence->pages != NULL)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, self->evidence->pages);
    }
  if (text->len > 0)
    g_string_append_c (text, ' ');
  /* An office document's pages are not known before it is laid out. */
  if (par_media_type_is_office (document->media_type))
    g_string_append_printf (text, "(.%s)", par_document_get_extension (document));
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "(%d page)", "(%d pages)",
                                               document->page_count),
                            document->page_count);
  return g_string_free (text, FALSE);
}
