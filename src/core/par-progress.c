/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-progress"

#include "config.h"

#include "par-progress-private.h"

/* Progress of long work: reported within bounds, and passed from a worker
 * thread to the main context that shows it. */

/**
 * _par_progress_report: (skip)
 *
 * Calls @progress, when given, with @fraction kept within 0 to 1.
 */
void
_par_progress_report (ParProgressFunc  progress,
                      gpointer         progress_data,
                      double           fraction,
                      const char      *text)
{
  if (progress != NULL)
    progress (CLAMP (fraction, 0.0, 1.0), text, progress_data);
}

/*
 * Progress from a worker, passed to the caller's main context. Reports
 * are dropped while one is pending, so a fast worker does not flood it.
 */
typedef struct
{
  GMainContext    *context;
  ParProgressFunc  func;
  gpointer         data;
  gint             pending;
  double           fraction;
  char            *text;
  GMutex           mutex;
  gatomicrefcount  ref_count;
} ProgressRelay;

static ProgressRelay *
progress_relay_new (GMainContext    *context,
                    ParProgressFunc  func,
                    gpointer         data)
{
  ProgressRelay *relay = g_new0 (ProgressRelay, 1);

  relay->context = g_main_context_ref (context);
  relay->func = func;
  relay->data = data;
  g_mutex_init (&relay->mutex);
  g_atomic_ref_count_init (&relay->ref_count);
  return relay;
}

static void
progress_relay_unref (gpointer data)
{
  ProgressRelay *relay = data;

  if (g_atomic_ref_count_dec (&relay->ref_count))
    {
      g_main_context_unref (relay->context);
      g_free (relay->text);
      g_mutex_clear (&relay->mutex);
      g_free (relay);
    }
}

static gboolean
progress_relay_dispatch (gpointer data)
{
  ProgressRelay *relay = data;
  g_autofree char *text = NULL;
  double fraction;

  g_mutex_lock (&relay->mutex);
  fraction = relay->fraction;
  text = g_steal_pointer (&relay->text);
  g_atomic_int_set (&relay->pending, 0);
  g_mutex_unlock (&relay->mutex);

  relay->func (fraction, text, relay->data);
  return G_SOURCE_REMOVE;
}

static void
progress_relay_report (double      fraction,
                       const char *text,
                       gpointer    data)
{
  ProgressRelay *relay = data;

  g_mutex_lock (&relay->mutex);
  relay->fraction = fraction;
  g_free (relay->text);
  relay->text = g_strdup (text);
  g_mutex_unlock (&relay->mutex);

  if (g_atomic_int_compare_and_exchange (&relay->pending, 0, 1))
    {
      g_atomic_ref_count_inc (&relay->ref_count);
      _par_main_context_post (relay->context, progress_relay_dispatch, relay,
                              progress_relay_unref);
    }
}

/**
 * _par_main_context_post: (skip)
 * @context: the context whose thread runs @func
 * @func: what to run there
 * @data: its data
 * @notify: frees @data once @func ran
 *
 * Runs @func in the thread iterating @context, never in the caller's: a
 * worker's news reach the window's thread only. (g_main_context_invoke()
 * runs it at once in the caller's thread whenever nobody owns @context,
 * as between two iterations run by hand.)
 */
void
_par_main_context_post (GMainContext   *context,
                        GSourceFunc     func,
                        gpointer        data,
                        GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[parindex] worker news");
  g_source_attach (source, context);
}

/**
 * _par_progress_relay_new: (skip)
 *
 * Returns a function and data that pass a worker's progress to @func on
 * @context; free the data with _par_progress_relay_unref().
 */
gpointer
_par_progress_relay_new (GMainContext     *context,
                         ParProgressFunc   func,
                         gpointer          data,
                         ParProgressFunc  *out_report)
{
  *out_report = progress_relay_report;
  return progress_relay_new (context, func, data);
}

void
_par_progress_relay_unref (gpointer relay)
{
  progress_relay_unref (relay);
}

static gboolean
release_cb (gpointer data)
{
  return G_SOURCE_REMOVE;
}

/**
 * _par_main_context_release: (skip)
 * @context: the caller's context
 * @destroy: (nullable): frees @data
 * @data: what a worker's task held for its caller (its progress data, its
 *   workspace)
 *
 * Frees @data in the thread iterating @context: a task's data may be
 * freed last in its worker, and what it holds for the caller (a widget, a
 * watched workspace) must not be finalized there.
 */
void
_par_main_context_release (GMainContext   *context,
                           GDestroyNotify  destroy,
                           gpointer        data)
{
  if (destroy == NULL)
    return;
  if (g_main_context_is_owner (context))
    destroy (data);
  else
    _par_main_context_post (context, release_cb, data, destroy);
}
