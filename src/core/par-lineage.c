/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-lineage"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-error.h"
#include "par-lineage.h"
#include "par-text.h"

/*
 * Lineage across reorganisations: the units a unit was formed from, as the
 * units CSV names them in its optional `predecessors` column —
 * "merged:XA-A|merged:XA-B", "renamed:PH-CU", "split:XA-C"; a code without
 * a relation is "merged" — and as the results compare a unit without an
 * index the year before with its predecessors' average index that year.
 */

static const char *relation_names[] = {
  [PAR_RELATION_MERGED] = "merged",
  [PAR_RELATION_RENAMED] = "renamed",
  [PAR_RELATION_SPLIT] = "split",
};

const char *
par_relation_to_string (ParRelation relation)
{
  g_return_val_if_fail (relation <= PAR_RELATION_SPLIT, NULL);

  return relation_names[relation];
}

gboolean
par_relation_from_string (const char  *text,
                          ParRelation *out_relation)
{
  for (guint i = 0; i < G_N_ELEMENTS (relation_names); i++)
    if (g_str_equal (text, relation_names[i]))
      {
        *out_relation = i;
        return TRUE;
      }
  return FALSE;
}

ParPredecessor *
par_predecessor_new (const char  *code,
                     ParRelation  relation)
{
  ParPredecessor *predecessor = g_new0 (ParPredecessor, 1);

  predecessor->code = g_strdup (code);
  predecessor->relation = relation;
  predecessor->index = PAR_CENTI_NONE;
  return predecessor;
}

void
par_predecessor_free (ParPredecessor *predecessor)
{
  if (predecessor == NULL)
    return;
  g_free (predecessor->code);
  g_free (predecessor->name);
  g_free (predecessor);
}

/**
 * par_predecessors_parse:
 * @text: (nullable): the `predecessors` field: codes separated by `|`, each
 *   optionally preceded by its relation and a colon ("merged:XA-A|XA-B")
 * @unit_code: the unit whose predecessors these are
 * @error: return location for a #GError
 *
 * Reads a list of predecessors, refusing an unknown relation, an empty
 * code, a code named twice, the unit itself, and more than
 * %PAR_LINEAGE_MAX_PREDECESSORS. Whether the codes are units is for the
 * workspace to say.
 *
 * Returns: (transfer full) (element-type ParPredecessor) (nullable): the
 *   predecessors in the order given (empty for an empty @text), or %NULL
 *   with %PAR_ERROR_INVALID
 */
GPtrArray *
par_predecessors_parse (const char  *text,
                        const char  *unit_code,
                        GError     **error)
{
  g_autoptr(GPtrArray) predecessors =
    g_ptr_array_new_with_free_func ((GDestroyNotify) par_predecessor_free);
  g_auto(GStrv) items = NULL;

  if (text == NULL || text[0] == '\0')
    return g_steal_pointer (&predecessors);

  items = g_strsplit (text, "|", PAR_LINEAGE_MAX_PREDECESSORS + 2);
  if (g_strv_length (items) > PAR_LINEAGE_MAX_PREDECESSORS)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("unit “%s” names more than %d predecessors"), unit_code,
                   PAR_LINEAGE_MAX_PREDECESSORS);
      return NULL;
    }

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *item = g_strstrip (g_strdup (items[i]));
      g_autofree char *code = NULL;
      g_autoptr(GError) code_error = NULL;
      ParRelation relation = PAR_RELATION_MERGED;
      char *colon = strchr (item, ':');

      if (colon != NULL)
        {
          *colon = '\0';
          g_strstrip (item);
          if (!par_relation_from_string (item, &relation))
            {
              g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("unit “%s”: “%s” is not a relation to a predecessor; write "
                             "merged, renamed or split"), unit_code, item);
              return NULL;
            }
        }
      /* Bounded and in NFC as every code. */
      if (!par_text_clean_optional (colon != NULL ? colon + 1 : item, PAR_TEXT_CODE, &code,
                                    &code_error))
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("unit “%s”: a predecessor: %s"),
                       unit_code, code_error->message);
          return NULL;
        }
      if (code == NULL)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("unit “%s”: a predecessor has no code (“%s”)"), unit_code, text);
          return NULL;
        }
      if (g_str_equal (code, unit_code))
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("unit “%s” cannot be its own predecessor"), unit_code);
          return NULL;
        }
      for (guint j = 0; j < predecessors->len; j++)
        if (g_str_equal (((ParPredecessor *) g_ptr_array_index (predecessors, j))->code, code))
          {
            g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                         _("unit “%s” names its predecessor “%s” twice"), unit_code, code);
            return NULL;
          }
      g_ptr_array_add (predecessors, par_predecessor_new (code, relation));
    }
  return g_steal_pointer (&predecessors);
}

/**
 * par_predecessors_to_string:
 * @predecessors: (element-type ParPredecessor): predecessors
 *
 * Returns: (transfer full): the list as the units CSV writes it, each
 *   with its relation ("merged:XA-A|merged:XA-B"); "" for none
 */
char *
par_predecessors_to_string (GPtrArray *predecessors)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; predecessors != NULL && i < predecessors->len; i++)
    {
      const ParPredecessor *predecessor = g_ptr_array_index (predecessors, i);

      g_string_append_printf (text, "%s%s:%s", i > 0 ? "|" : "",
                              par_relation_to_string (predecessor->relation), predecessor->code);
    }
  return g_string_free (text, FALSE);
}
