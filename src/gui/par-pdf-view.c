/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-pdf-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "par-document-probe.h"
#include "par-pdf-view.h"
#include "par-poppler-private.h"

/**
 * ParPdfView:
 *
 * The evidence preview: a PDF page rendered by Poppler on a worker thread
 * (stale renders cancelled), or an image, with page navigation, zoom, a
 * thumbnails strip and text search with the hit highlighted. Pages are
 * rendered at the display's scale factor, so they stay sharp on HiDPI
 * screens.
 */

/* A document shared with the workers; Poppler is not thread-safe on one
 * document, so every use holds the lock. */
typedef struct
{
  gatomicrefcount  ref_count;
  GMutex           lock;
  PopplerDocument *document;   /* nullable: an image */
  GdkTexture      *image;      /* nullable: a PDF */
  int              n_pages;
  double          *sizes;      /* width, height of each page, read once */
} ViewDocument;

static ViewDocument *
view_document_ref (ViewDocument *doc)
{
  g_atomic_ref_count_inc (&doc->ref_count);
  return doc;
}

static void
view_document_unref (ViewDocument *doc)
{
  if (doc != NULL && g_atomic_ref_count_dec (&doc->ref_count))
    {
      g_clear_object (&doc->document);
      g_clear_object (&doc->image);
      g_free (doc->sizes);
      g_mutex_clear (&doc->lock);
      g_free (doc);
    }
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ViewDocument, view_document_unref)

struct _ParPdfView
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkButton         *previous_button;
  GtkLabel          *page_label;
  GtkButton         *next_button;
  GtkDropDown       *zoom_dropdown;
  GtkToggleButton   *search_button;
  GtkSearchBar      *search_bar;
  GtkSearchEntry    *search_entry;
  GtkLabel          *search_label;
  GtkButton         *open_button;
  GtkStack          *stack;
  GtkListBox        *thumbnails;
  GtkScrolledWindow *scroller;
  GtkPicture        *picture;

  /* owned */
  GFile             *file;
  ViewDocument      *doc;
  GCancellable      *load_cancellable;
  GCancellable      *render_cancellable;
  GCancellable      *thumbs_cancellable;
  GCancellable      *search_cancellable;
  GArray            *hits;           /* graphene_rect_t on hit_page, page points */
  int                hit_page;
  int                page;
  int                shown_page;
  ParPdfZoom         zoom_mode;
  double             zoom;
  int                fitted_width;     /* the scroller's size the fit used */
  int                fitted_height;
  guint              rerender_idle;
};

G_DEFINE_FINAL_TYPE (ParPdfView, par_pdf_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAGE,
  PROP_N_PAGES,
  PROP_SHOWN_PAGE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const double fixed_zooms[] = { 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0 };

#define THUMBNAIL_WIDTH 96

/* Renders one page into a texture: ARGB32 surface, white behind the
 * page, wrapped by a GdkMemoryTexture without a copy. */
static GdkTexture *
render_page (ViewDocument *doc,
             int           index,
             double        scale,
             GArray       *hits,
             double       *out_width,
             double       *out_height)
{
  g_autoptr(PopplerPage) page = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  GBytes *bytes;
  GdkTexture *texture;
  double width, height;
  int pixel_width, pixel_height;

  g_mutex_lock (&doc->lock);
  if (index < 0 || index >= poppler_document_get_n_pages (doc->document))
    {
      g_mutex_unlock (&doc->lock);
      return NULL;
    }
  page = poppler_document_get_page (doc->document, index);
  poppler_page_get_size (page, &width, &height);
  pixel_width = MAX (1, (int) ceil (width * scale));
  pixel_height = MAX (1, (int) ceil (height * scale));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_width, pixel_height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  g_mutex_unlock (&doc->lock);

  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      graphene_rect_t *rect = &g_array_index (hits, graphene_rect_t, i);

      cairo_rectangle (cr, rect->origin.x, rect->origin.y, rect->size.width, rect->size.height);
      cairo_set_source_rgba (cr, 1.0, 0.8, 0.0, 0.45);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      cairo_image_surface_get_stride (surface) * pixel_height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (pixel_width, pixel_height, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  g_bytes_unref (bytes);

  if (out_width != NULL)
    *out_width = width;
  if (out_height != NULL)
    *out_height = height;
  return texture;
}

static void
page_size (ParPdfView *self,
           int         index,
           double     *width,
           double     *height)
{
  *width = 595;
  *height = 842;
  if (self->doc == NULL)
    return;
  if (self->doc->image != NULL)
    {
      *width = gdk_texture_get_width (self->doc->image);
      *height = gdk_texture_get_height (self->doc->image);
      return;
    }
  /* Sizes were read when loading: the main thread never waits for a
   * worker's lock. */
  if (index >= 0 && index < self->doc->n_pages)
    {
      *width = self->doc->sizes[2 * index];
      *height = self->doc->sizes[2 * index + 1];
    }
}

/* Points to logical pixels for the current zoom. */
static double
current_zoom (ParPdfView *self)
{
  double width, height;
  double view_width = gtk_widget_get_width (GTK_WIDGET (self->scroller)) - 24;
  double view_height = gtk_widget_get_height (GTK_WIDGET (self->scroller)) - 12;

  if (self->zoom_mode == PAR_PDF_ZOOM_FIXED)
    return self->zoom;
  self->fitted_width = gtk_widget_get_width (GTK_WIDGET (self->scroller));
  self->fitted_height = gtk_widget_get_height (GTK_WIDGET (self->scroller));
  /* Not allocated yet: a guess, corrected at the first allocation. */
  if (view_width <= 0 || view_height <= 0)
    view_width = 500, view_height = 700;

  page_size (self, self->page, &width, &height);
  if (self->zoom_mode == PAR_PDF_ZOOM_FIT_WIDTH)
    return view_width / width;
  return MIN (view_width / width, view_height / height);
}

static void
update_controls (ParPdfView *self)
{
  int n_pages = self->doc != NULL ? self->doc->n_pages : 0;
  g_autofree char *label = NULL;

  /* TRANSLATORS: page 2 of 10 */
  label = n_pages > 0 ? g_strdup_printf (_("%d of %d"), self->page + 1, n_pages) : g_strdup ("");
  gtk_label_set_label (self->page_label, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->previous_button), self->page > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), self->page + 1 < n_pages);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button),
                            self->doc != NULL && self->doc->document != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry),
                            self->doc != NULL && self->doc->document != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), self->file != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->zoom_dropdown), self->doc != NULL);
  gtk_stack_set_visible_child_name (self->stack, self->doc != NULL ? "document" : "empty");
}

typedef struct
{
  ViewDocument *doc;
  int           page;
  double        scale;
  GArray       *hits;
  double        width;
  double        height;
} RenderData;

static void
render_data_free (gpointer data)
{
  RenderData *render = data;

  view_document_unref (render->doc);
  g_clear_pointer (&render->hits, g_array_unref);
  g_free (render);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderData *render = task_data;
  GdkTexture *texture;

  if (g_task_return_error_if_cancelled (task))
    return;
  texture = render_page (render->doc, render->page, render->scale, render->hits,
                         &render->width, &render->height);
  if (texture == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no page %d", render->page);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
show_texture (ParPdfView   *self,
              GdkPaintable *paintable,
              double        logical_width,
              double        logical_height,
              int           page)
{
  gtk_picture_set_paintable (self->picture, paintable);
  gtk_widget_set_size_request (GTK_WIDGET (self->picture), (int) ceil (logical_width),
                               (int) ceil (logical_height));
  if (self->shown_page != page)
    {
      self->shown_page = page;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN_PAGE]);
    }
}

static void
render_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ParPdfView *self = PAR_PDF_VIEW (object);
  RenderData *render = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  double zoom;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL)
    return;

  zoom = render->scale / gtk_widget_get_scale_factor (GTK_WIDGET (self));
  show_texture (self, GDK_PAINTABLE (texture), render->width * zoom, render->height * zoom,
                render->page);
}

static void
queue_render (ParPdfView *self)
{
  g_autoptr(GTask) task = NULL;
  RenderData *render;
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double zoom;

  g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);

  if (self->doc == NULL)
    return;

  zoom = current_zoom (self);
  if (self->doc->image != NULL)
    {
      show_texture (self, GDK_PAINTABLE (self->doc->image),
                    gdk_texture_get_width (self->doc->image) * zoom,
                    gdk_texture_get_height (self->doc->image) * zoom, 0);
      return;
    }

  self->render_cancellable = g_cancellable_new ();
  render = g_new0 (RenderData, 1);
  render->doc = view_document_ref (self->doc);
  render->page = self->page;
  render->scale = zoom * scale_factor;
  if (self->hits != NULL && self->hit_page == self->page)
    render->hits = g_array_ref (self->hits);

  task = g_task_new (self, self->render_cancellable, render_done_cb, NULL);
  g_task_set_source_tag (task, queue_render);
  g_task_set_task_data (task, render, render_data_free);
  g_task_run_in_thread (task, render_thread);
}

typedef struct
{
  GWeakRef      view;
  GCancellable *cancellable;
  int           page;
  GdkTexture   *texture;
} Thumbnail;

static gboolean
thumbnail_ready (gpointer data)
{
  Thumbnail *thumbnail = data;
  g_autoptr(ParPdfView) self = g_weak_ref_get (&thumbnail->view);

  if (self != NULL && !g_cancellable_is_cancelled (thumbnail->cancellable))
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->thumbnails, thumbnail->page);

      if (row != NULL)
        gtk_picture_set_paintable (GTK_PICTURE (gtk_list_box_row_get_child (row)),
                                   GDK_PAINTABLE (thumbnail->texture));
    }
  g_weak_ref_clear (&thumbnail->view);
  g_object_unref (thumbnail->cancellable);
  g_clear_object (&thumbnail->texture);
  g_free (thumbnail);
  return G_SOURCE_REMOVE;
}

static void
thumbnails_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  RenderData *render = task_data;

  for (int i = 0; i < render->doc->n_pages && !g_cancellable_is_cancelled (cancellable); i++)
    {
      Thumbnail *thumbnail = g_new0 (Thumbnail, 1);
      double width = render->doc->sizes[2 * i];

      g_weak_ref_init (&thumbnail->view, source_object);
      thumbnail->cancellable = g_object_ref (cancellable);
      thumbnail->page = i;
      thumbnail->texture = render_page (render->doc, i, render->scale / width, NULL, NULL, NULL);
      g_main_context_invoke (NULL, thumbnail_ready, thumbnail);
    }
  g_task_return_boolean (task, TRUE);
}

static void
start_thumbnails (ParPdfView *self)
{
  g_autoptr(GTask) task = NULL;
  RenderData *render;
  GtkWidget *child;

  g_cancellable_cancel (self->thumbs_cancellable);
  g_clear_object (&self->thumbs_cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->thumbnails))) != NULL)
    gtk_list_box_remove (self->thumbnails, child);

  if (self->doc == NULL)
    return;

  for (int i = 0; i < self->doc->n_pages; i++)
    {
      GtkWidget *picture = gtk_picture_new ();
      double width, height;
      g_autofree char *tooltip = g_strdup_printf (_("Page %d"), i + 1);

      page_size (self, i, &width, &height);
      gtk_widget_set_size_request (picture, THUMBNAIL_WIDTH, (int) (THUMBNAIL_WIDTH * height / width));
      gtk_widget_set_tooltip_text (picture, tooltip);
      if (self->doc->image != NULL)
        gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (self->doc->image));
      gtk_list_box_append (self->thumbnails, picture);
    }
  if (self->doc->image != NULL)
    return;

  self->thumbs_cancellable = g_cancellable_new ();
  render = g_new0 (RenderData, 1);
  render->doc = view_document_ref (self->doc);
  render->scale = THUMBNAIL_WIDTH * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  task = g_task_new (self, self->thumbs_cancellable, NULL, NULL);
  g_task_set_source_tag (task, start_thumbnails);
  g_task_set_task_data (task, render, render_data_free);
  g_task_run_in_thread (task, thumbnails_thread);
}

static void
clear_search (ParPdfView *self)
{
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->hits, g_array_unref);
  self->hit_page = -1;
  gtk_label_set_label (self->search_label, "");
}

typedef struct
{
  GFile        *file;
  char         *media_type;
  ViewDocument *doc;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_clear_object (&load->file);
  g_free (load->media_type);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  g_autoptr(ViewDocument) doc = g_new0 (ViewDocument, 1);
  GError *error = NULL;

  g_atomic_ref_count_init (&doc->ref_count);
  g_mutex_init (&doc->lock);

  if (g_strcmp0 (load->media_type, PAR_MEDIA_TYPE_PDF) == 0)
    {
      doc->document = poppler_document_new_from_gfile (load->file, NULL, cancellable, &error);
      if (doc->document != NULL)
        {
          doc->n_pages = poppler_document_get_n_pages (doc->document);
          doc->sizes = g_new0 (double, 2 * MAX (doc->n_pages, 1));
          for (int i = 0; i < doc->n_pages; i++)
            {
              g_autoptr(PopplerPage) page = poppler_document_get_page (doc->document, i);
              poppler_page_get_size (page, &doc->sizes[2 * i], &doc->sizes[2 * i + 1]);
            }
        }
    }
  else
    {
      doc->image = gdk_texture_new_from_file (load->file, &error);
      doc->n_pages = 1;
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&doc), (GDestroyNotify) view_document_unref);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ParPdfView *self = PAR_PDF_VIEW (object);
  g_autoptr(GError) error = NULL;
  ViewDocument *doc;

  doc = g_task_propagate_pointer (G_TASK (result), &error);
  if (doc == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Cannot preview the document: %s", error->message);
          g_object_set (gtk_stack_get_child_by_name (self->stack, "empty"),
                        "title", _("Cannot Preview the Document"),
                        "description", error->message, NULL);
        }
      return;
    }

  self->doc = doc;
  self->page = 0;
  update_controls (self);
  start_thumbnails (self);
  queue_render (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

/**
 * par_pdf_view_load:
 * @self: a #ParPdfView
 * @file: (nullable): a PDF, PNG or JPEG file, or %NULL to show nothing
 * @media_type: (nullable): its media type
 *
 * Shows the first page of @file. Loading and rendering happen on workers;
 * a load or render still running for the previous file is cancelled.
 */
void
par_pdf_view_load (ParPdfView *self,
                   GFile      *file,
                   const char *media_type)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (PAR_IS_PDF_VIEW (self));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);
  clear_search (self);
  g_clear_pointer (&self->doc, view_document_unref);
  g_set_object (&self->file, file);
  self->page = 0;
  self->shown_page = -1;
  gtk_picture_set_paintable (self->picture, NULL);
  start_thumbnails (self);
  g_object_set (gtk_stack_get_child_by_name (self->stack, "empty"),
                "title", _("No Document Selected"),
                "description", _("Select a piece of evidence to preview it"), NULL);
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);

  if (file == NULL)
    return;

  self->load_cancellable = g_cancellable_new ();
  load = g_new0 (LoadData, 1);
  load->file = g_object_ref (file);
  load->media_type = g_strdup (media_type != NULL ? media_type : PAR_MEDIA_TYPE_PDF);
  task = g_task_new (self, self->load_cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, par_pdf_view_load);
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

GFile *
par_pdf_view_get_file (ParPdfView *self)
{
  g_return_val_if_fail (PAR_IS_PDF_VIEW (self), NULL);

  return self->file;
}

int
par_pdf_view_get_n_pages (ParPdfView *self)
{
  g_return_val_if_fail (PAR_IS_PDF_VIEW (self), 0);

  return self->doc != NULL ? self->doc->n_pages : 0;
}

int
par_pdf_view_get_page (ParPdfView *self)
{
  g_return_val_if_fail (PAR_IS_PDF_VIEW (self), 0);

  return self->page;
}

/**
 * par_pdf_view_get_shown_page:
 * @self: a #ParPdfView
 *
 * Returns: the page whose rendering is on screen (0-based), -1 for none
 */
int
par_pdf_view_get_shown_page (ParPdfView *self)
{
  g_return_val_if_fail (PAR_IS_PDF_VIEW (self), -1);

  return self->shown_page;
}

void
par_pdf_view_set_page (ParPdfView *self,
                       int         page)
{
  g_return_if_fail (PAR_IS_PDF_VIEW (self));

  if (self->doc == NULL)
    return;
  page = CLAMP (page, 0, self->doc->n_pages - 1);
  if (page == self->page)
    return;

  self->page = page;
  update_controls (self);
  queue_render (self);
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->thumbnails, page);
    if (row != NULL)
      gtk_list_box_select_row (self->thumbnails, row);
  }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

void
par_pdf_view_set_zoom (ParPdfView *self,
                       ParPdfZoom  mode,
                       double      scale)
{
  g_return_if_fail (PAR_IS_PDF_VIEW (self));

  self->zoom_mode = mode;
  self->zoom = CLAMP (scale, 0.5, 4.0);
  queue_render (self);
}

/**
 * par_pdf_view_get_paintable:
 * @self: a #ParPdfView
 *
 * Returns: (transfer none) (nullable): what the preview shows
 */
GdkPaintable *
par_pdf_view_get_paintable (ParPdfView *self)
{
  g_return_val_if_fail (PAR_IS_PDF_VIEW (self), NULL);

  return gtk_picture_get_paintable (self->picture);
}

typedef struct
{
  ViewDocument *doc;
  char         *text;
  int           start;
  int           page;
  GArray       *hits;
} SearchData;

static void
search_data_free (gpointer data)
{
  SearchData *search = data;

  view_document_unref (search->doc);
  g_free (search->text);
  g_clear_pointer (&search->hits, g_array_unref);
  g_free (search);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *search = task_data;
  int n_pages = search->doc->n_pages;

  for (int i = 0; i < n_pages; i++)
    {
      int index = (search->start + i) % n_pages;
      g_autoptr(PopplerPage) page = NULL;
      GList *matches;
      double height;

      if (g_task_return_error_if_cancelled (task))
        return;

      height = search->doc->sizes[2 * index + 1];
      g_mutex_lock (&search->doc->lock);
      page = poppler_document_get_page (search->doc->document, index);
      matches = poppler_page_find_text (page, search->text);
      g_mutex_unlock (&search->doc->lock);

      if (matches != NULL)
        {
          search->page = index;
          search->hits = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
          /* Poppler counts y from the bottom of the page. */
          for (GList *l = matches; l != NULL; l = l->next)
            {
              PopplerRectangle *r = l->data;
              graphene_rect_t rect;

              graphene_rect_init (&rect, MIN (r->x1, r->x2), height - MAX (r->y1, r->y2),
                                  fabs (r->x2 - r->x1), fabs (r->y2 - r->y1));
              g_array_append_val (search->hits, rect);
            }
          g_list_free_full (matches, (GDestroyNotify) poppler_rectangle_free);
          g_task_return_boolean (task, TRUE);
          return;
        }
    }
  g_task_return_boolean (task, FALSE);
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ParPdfView *self = PAR_PDF_VIEW (object);
  SearchData *search = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (error == NULL)
        gtk_label_set_label (self->search_label, _("Not found"));
      return;
    }

  g_clear_pointer (&self->hits, g_array_unref);
  self->hits = g_steal_pointer (&search->hits);
  self->hit_page = search->page;
  /* TRANSLATORS: where a search hit is */
  {
    g_autofree char *label = g_strdup_printf (_("Page %d"), search->page + 1);
    gtk_label_set_label (self->search_label, label);
  }
  if (self->page != search->page)
    par_pdf_view_set_page (self, search->page);
  else
    queue_render (self);
}

/**
 * par_pdf_view_search:
 * @self: a #ParPdfView
 * @text: the text to find
 *
 * Finds @text from the page after the current hit (or the current page),
 * goes to its page and highlights it.
 */
void
par_pdf_view_search (ParPdfView *self,
                     const char *text)
{
  g_autoptr(GTask) task = NULL;
  SearchData *search;

  g_return_if_fail (PAR_IS_PDF_VIEW (self));

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  if (self->doc == NULL || self->doc->document == NULL || text == NULL || text[0] == '\0')
    {
      clear_search (self);
      queue_render (self);
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  search = g_new0 (SearchData, 1);
  search->doc = view_document_ref (self->doc);
  search->text = g_strdup (text);
  search->start = self->hits != NULL ? (self->hit_page + 1) % self->doc->n_pages : self->page;
  task = g_task_new (self, self->search_cancellable, search_done_cb, NULL);
  g_task_set_source_tag (task, par_pdf_view_search);
  g_task_set_task_data (task, search, search_data_free);
  g_task_run_in_thread (task, search_thread);
}

static void
previous_clicked_cb (ParPdfView *self)
{
  par_pdf_view_set_page (self, self->page - 1);
}

static void
next_clicked_cb (ParPdfView *self)
{
  par_pdf_view_set_page (self, self->page + 1);
}

static void
zoom_selected_cb (ParPdfView *self)
{
  guint selected = gtk_drop_down_get_selected (self->zoom_dropdown);

  if (selected == 0)
    par_pdf_view_set_zoom (self, PAR_PDF_ZOOM_FIT_WIDTH, 1);
  else if (selected == 1)
    par_pdf_view_set_zoom (self, PAR_PDF_ZOOM_FIT_PAGE, 1);
  else if (selected - 2 < G_N_ELEMENTS (fixed_zooms))
    par_pdf_view_set_zoom (self, PAR_PDF_ZOOM_FIXED, fixed_zooms[selected - 2]);
}

static void
search_activate_cb (ParPdfView *self)
{
  par_pdf_view_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
thumbnail_activated_cb (ParPdfView    *self,
                        GtkListBoxRow *row)
{
  par_pdf_view_set_page (self, gtk_list_box_row_get_index (row));
}

static void
open_clicked_cb (ParPdfView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  if (self->file == NULL)
    return;
  /* GtkFileLauncher is newer than GTK 4.8. */
  uri = g_file_get_uri (self->file);
  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_warning ("Cannot open %s: %s", uri, error->message);
}

static gboolean
rerender_idle_cb (gpointer data)
{
  ParPdfView *self = data;

  self->rerender_idle = 0;
  queue_render (self);
  return G_SOURCE_REMOVE;
}

/* The viewport's size shows in its adjustments' page size: fit modes
 * follow it, once it settles. */
static void
viewport_size_changed_cb (ParPdfView *self)
{
  if (self->zoom_mode != PAR_PDF_ZOOM_FIXED && self->doc != NULL && self->rerender_idle == 0 &&
      (gtk_widget_get_width (GTK_WIDGET (self->scroller)) != self->fitted_width ||
       (self->zoom_mode == PAR_PDF_ZOOM_FIT_PAGE &&
        gtk_widget_get_height (GTK_WIDGET (self->scroller)) != self->fitted_height)))
    self->rerender_idle = g_timeout_add (100, rerender_idle_cb, self);
}

static void
par_pdf_view_dispose (GObject *object)
{
  ParPdfView *self = (ParPdfView *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->rerender_idle, g_source_remove);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  if (self->render_cancellable != NULL)
    g_cancellable_cancel (self->render_cancellable);
  if (self->thumbs_cancellable != NULL)
    g_cancellable_cancel (self->thumbs_cancellable);
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->render_cancellable);
  g_clear_object (&self->thumbs_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->doc, view_document_unref);
  g_clear_pointer (&self->hits, g_array_unref);
  g_clear_object (&self->file);

  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_PDF_VIEW);
  /* The template's top box is not a bound child: unparent it here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (par_pdf_view_parent_class)->dispose (object);
}

static void
par_pdf_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ParPdfView *self = PAR_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_int (value, self->page);
      break;

    case PROP_N_PAGES:
      g_value_set_int (value, par_pdf_view_get_n_pages (self));
      break;

    case PROP_SHOWN_PAGE:
      g_value_set_int (value, self->shown_page);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_pdf_view_class_init (ParPdfViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_pdf_view_dispose;
  object_class->get_property = par_pdf_view_get_property;

  properties [PROP_PAGE] =
    g_param_spec_int ("page", NULL, NULL, 0, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_N_PAGES] =
    g_param_spec_int ("n-pages", NULL, NULL, 0, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SHOWN_PAGE] =
    g_param_spec_int ("shown-page", NULL, NULL, -1, G_MAXINT, -1,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/par-pdf-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ParPdfView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, ParPdfView, page_label);
  gtk_widget_class_bind_template_child (widget_class, ParPdfView, next_button);
  gtk_widget_class_bind_template_child (widget_class, ParPdfView, zoom_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ParPdfView, search_button);
  gtk_widget_class_bind_template_child (widget_class, ParPdfView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ParPdfView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ParPdfView, search_label);
  gtk_widget_class_bind_template_child (widget_class, ParPdfView, open_button);
  gtk_widget_class_bind_template_child (widget_class, ParPdfView, stack);
  gtk_widget_class_bind_template_child (widget_class, ParPdfView, thumbnails);
  gtk_widget_class_bind_template_child (widget_class, ParPdfView, scroller);
  gtk_widget_class_bind_template_child (widget_class, ParPdfView, picture);
  gtk_widget_class_bind_template_callback (widget_class, previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, thumbnail_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "parpdfview");

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
}

static void
par_pdf_view_init (ParPdfView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Escape closes the search bar; opening it focuses the entry. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  self->zoom_mode = PAR_PDF_ZOOM_FIT_WIDTH;
  self->zoom = 1.0;
  self->hit_page = -1;
  self->shown_page = -1;
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scroller), "notify::page-size",
                           G_CALLBACK (viewport_size_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "notify::page-size",
                           G_CALLBACK (viewport_size_changed_cb), self, G_CONNECT_SWAPPED);
  update_controls (self);
}

GtkWidget *
par_pdf_view_new (void)
{
  return g_object_new (PAR_TYPE_PDF_VIEW, NULL);
}
