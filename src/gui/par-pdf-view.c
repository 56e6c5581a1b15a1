/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-pdf-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "par-document-probe.h"
#include "par-pdf-document.h"
#include "par-pdf-view.h"

/**
 * ParPdfView:
 *
 * The evidence preview: a PDF page (par-pdf-document.c renders it on a
 * worker thread, stale renders cancelled), or an image, with page
 * navigation, zoom, a thumbnails strip and text search with the hit
 * highlighted. Pages are rendered at the display's scale factor, so they
 * stay sharp on HiDPI screens.
 */

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
  GtkListView       *thumbnails;
  GtkSingleSelection *thumbnail_selection;
  GtkStringList     *thumbnail_pages;
  GtkScrolledWindow *scroller;
  GtkPicture        *picture;

  /* owned */
  GFile             *file;
  ParPdfDocument    *pdf;          /* a PDF shown, or … */
  GdkTexture        *image;        /* … an image */
  GCancellable      *load_cancellable;
  GCancellable      *render_cancellable;
  GCancellable      *thumbs_cancellable;
  GHashTable        *thumbs;           /* page → GdkTexture, the latest few */
  GCancellable      *search_cancellable;
  char              *search_text;     /* what the hits are of */
  GArray            *hits;           /* ParPdfRect on hit_page */
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

/* A rendered page as a texture: the surface's pixels wrapped without a
 * copy. */
static GdkTexture *
texture_for_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                                        stride * height,
                                                        (GDestroyNotify) cairo_surface_destroy,
                                                        surface);

  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

/* Stops the work @cancellable guards, if any, and forgets it. */
static void
cancel_and_clear (GCancellable **cancellable)
{
  g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

static int
n_pages (ParPdfView *self)
{
  return self->pdf != NULL ? par_pdf_document_get_n_pages (self->pdf)
                           : self->image != NULL ? 1 : 0;
}

static void
page_size (ParPdfView *self,
           int         index,
           double     *width,
           double     *height)
{
  *width = 595;
  *height = 842;
  if (self->image != NULL)
    {
      *width = gdk_texture_get_width (self->image);
      *height = gdk_texture_get_height (self->image);
    }
  else if (self->pdf != NULL)
    par_pdf_document_get_page_size (self->pdf, index, width, height);
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
  int count = n_pages (self);
  g_autofree char *label = NULL;

  /* TRANSLATORS: page 2 of 10 */
  label = count > 0 ? g_strdup_printf (_("%d of %d"), self->page + 1, count) : g_strdup ("");
  gtk_label_set_label (self->page_label, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->previous_button), self->page > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), self->page + 1 < count);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), self->pdf != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), self->pdf != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), self->file != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->zoom_dropdown), count > 0);
  gtk_stack_set_visible_child_name (self->stack, count > 0 ? "document" : "empty");
}

typedef struct
{
  ParPdfDocument *pdf;
  int             page;
  double          scale;
  GArray         *hits;
} RenderData;

static void
render_data_free (gpointer data)
{
  RenderData *render = data;

  g_clear_object (&render->pdf);
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
  cairo_surface_t *surface;

  if (g_task_return_error_if_cancelled (task))
    return;
  surface = par_pdf_document_render (render->pdf, render->page, render->scale, render->hits);
  if (surface == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no page %d", render->page);
  else
    g_task_return_pointer (task, texture_for_surface (surface), g_object_unref);
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
  double zoom, width, height;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL)
    return;

  zoom = render->scale / gtk_widget_get_scale_factor (GTK_WIDGET (self));
  par_pdf_document_get_page_size (render->pdf, render->page, &width, &height);
  show_texture (self, GDK_PAINTABLE (texture), width * zoom, height * zoom, render->page);
}

static void
queue_render (ParPdfView *self)
{
  g_autoptr(GTask) task = NULL;
  RenderData *render;
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double zoom;

  cancel_and_clear (&self->render_cancellable);

  if (n_pages (self) == 0)
    return;

  zoom = current_zoom (self);
  if (self->image != NULL)
    {
      show_texture (self, GDK_PAINTABLE (self->image), gdk_texture_get_width (self->image) * zoom,
                    gdk_texture_get_height (self->image) * zoom, 0);
      return;
    }

  self->render_cancellable = g_cancellable_new ();
  render = g_new0 (RenderData, 1);
  render->pdf = g_object_ref (self->pdf);
  render->page = self->page;
  render->scale = zoom * scale_factor;
  if (self->hits != NULL && self->hit_page == self->page)
    render->hits = g_array_ref (self->hits);

  task = g_task_new (self, self->render_cancellable, render_done_cb, NULL);
  g_task_set_source_tag (task, queue_render);
  g_task_set_task_data (task, render, render_data_free);
  g_task_run_in_thread (task, render_thread);
}

/* At most this many thumbnails are kept; those scrolled back to are
 * drawn again. */
#define MAX_THUMBNAILS 256

typedef struct
{
  ParPdfDocument *pdf;
  int             page;
  int             width;
  GtkPicture     *picture;   /* a weak pointer: recycled or gone meanwhile */
} ThumbnailData;

static void
thumbnail_data_free (gpointer data)
{
  ThumbnailData *thumbnail = data;

  g_clear_object (&thumbnail->pdf);
  g_clear_weak_pointer (&thumbnail->picture);
  g_free (thumbnail);
}

static void
thumbnail_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ThumbnailData *thumbnail = task_data;
  cairo_surface_t *surface;

  if (g_task_return_error_if_cancelled (task))
    return;
  surface = par_pdf_document_render_thumbnail (thumbnail->pdf, thumbnail->page, thumbnail->width);
  g_task_return_pointer (task, texture_for_surface (surface), g_object_unref);
}

static void
thumbnail_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ParPdfView *self = PAR_PDF_VIEW (object);
  ThumbnailData *thumbnail = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Cancelled, another document since, or the view is going. */
  if (texture == NULL || thumbnail->pdf != self->pdf || self->thumbs == NULL)
    return;
  if (g_hash_table_size (self->thumbs) >= MAX_THUMBNAILS)
    g_hash_table_remove_all (self->thumbs);
  g_hash_table_insert (self->thumbs, GINT_TO_POINTER (thumbnail->page), g_object_ref (texture));
  /* Still showing that page? */
  if (thumbnail->picture != NULL &&
      GPOINTER_TO_INT (g_object_get_data (G_OBJECT (thumbnail->picture), "page")) ==
      thumbnail->page + 1)
    gtk_picture_set_paintable (thumbnail->picture, GDK_PAINTABLE (texture));
}

static void
thumbnail_setup_cb (ParPdfView   *self,
                    GtkListItem  *item)
{
  GtkWidget *picture = gtk_picture_new ();

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_list_item_set_child (item, picture);
}

static void
thumbnail_bind_cb (ParPdfView  *self,
                   GtkListItem *item)
{
  GtkPicture *picture = GTK_PICTURE (gtk_list_item_get_child (item));
  int page = (int) gtk_list_item_get_position (item);
  g_autofree char *tooltip = g_strdup_printf (_("Page %d"), page + 1);
  g_autoptr(GTask) task = NULL;
  ThumbnailData *thumbnail;
  GdkTexture *texture;
  double width, height;

  page_size (self, page, &width, &height);
  gtk_widget_set_size_request (GTK_WIDGET (picture), THUMBNAIL_WIDTH,
                               (int) (THUMBNAIL_WIDTH * height / width));
  gtk_widget_set_tooltip_text (GTK_WIDGET (picture), tooltip);
  g_object_set_data (G_OBJECT (picture), "page", GINT_TO_POINTER (page + 1));
  if (self->image != NULL)
    {
      gtk_picture_set_paintable (picture, GDK_PAINTABLE (self->image));
      return;
    }
  if ((texture = g_hash_table_lookup (self->thumbs, GINT_TO_POINTER (page))) != NULL)
    {
      gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
      return;
    }
  if (self->pdf == NULL)
    return;

  thumbnail = g_new0 (ThumbnailData, 1);
  thumbnail->pdf = g_object_ref (self->pdf);
  thumbnail->page = page;
  thumbnail->width = THUMBNAIL_WIDTH * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  g_set_weak_pointer (&thumbnail->picture, picture);
  task = g_task_new (self, self->thumbs_cancellable, thumbnail_done_cb, NULL);
  g_task_set_source_tag (task, thumbnail_bind_cb);
  g_task_set_task_data (task, thumbnail, thumbnail_data_free);
  g_task_run_in_thread (task, thumbnail_thread);
}

static void
thumbnail_unbind_cb (ParPdfView  *self,
                     GtkListItem *item)
{
  GtkPicture *picture = GTK_PICTURE (gtk_list_item_get_child (item));

  g_object_set_data (G_OBJECT (picture), "page", NULL);
  gtk_picture_set_paintable (picture, NULL);
}

/* The strip of thumbnails: one item per page, drawn when shown. */
static void
start_thumbnails (ParPdfView *self)
{
  int count = n_pages (self);
  g_autofree const char **labels = g_new0 (const char *, count + 1);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  cancel_and_clear (&self->thumbs_cancellable);
  g_hash_table_remove_all (self->thumbs);
  self->thumbs_cancellable = g_cancellable_new ();

  for (int i = 0; i < count; i++)
    {
      char *label = g_strdup_printf ("%d", i + 1);

      g_ptr_array_add (strings, label);
      labels[i] = label;
    }
  gtk_string_list_splice (self->thumbnail_pages, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->thumbnail_pages)),
                          labels);
}

static void
clear_search (ParPdfView *self)
{
  cancel_and_clear (&self->search_cancellable);
  g_clear_pointer (&self->hits, g_array_unref);
  self->hit_page = -1;
  gtk_label_set_label (self->search_label, "");
}

typedef struct
{
  GFile        *file;
  char         *media_type;
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
  GError *error = NULL;
  GObject *loaded;

  /* A PDF as a document; an image as a texture. */
  if (g_strcmp0 (load->media_type, PAR_MEDIA_TYPE_PDF) == 0)
    loaded = G_OBJECT (par_pdf_document_new_from_file (load->file, cancellable, &error));
  else
    loaded = G_OBJECT (gdk_texture_new_from_file (load->file, &error));

  if (loaded == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, loaded, g_object_unref);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ParPdfView *self = PAR_PDF_VIEW (object);
  g_autoptr(GError) error = NULL;
  GObject *loaded;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);
  if (loaded == NULL)
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

  if (PAR_IS_PDF_DOCUMENT (loaded))
    self->pdf = PAR_PDF_DOCUMENT (loaded);
  else
    self->image = GDK_TEXTURE (loaded);
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

  cancel_and_clear (&self->load_cancellable);
  cancel_and_clear (&self->render_cancellable);
  clear_search (self);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_object (&self->pdf);
  g_clear_object (&self->image);
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

  return n_pages (self);
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

  if (n_pages (self) == 0)
    return;
  page = CLAMP (page, 0, n_pages (self) - 1);
  if (page == self->page)
    return;

  self->page = page;
  update_controls (self);
  queue_render (self);
  gtk_single_selection_set_selected (self->thumbnail_selection, page);
  gtk_widget_activate_action (GTK_WIDGET (self->thumbnails), "list.scroll-to-item", "u", page);
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
  ParPdfDocument *pdf;
  char           *text;
  int             start;
  int             page;
  GArray         *hits;
} SearchData;

static void
search_data_free (gpointer data)
{
  SearchData *search = data;

  g_clear_object (&search->pdf);
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

  search->hits = par_pdf_document_find (search->pdf, search->text, search->start, &search->page,
                                        cancellable);
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, search->hits != NULL);
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
        {
          /* The last hit no longer stands for what is searched. */
          g_clear_pointer (&self->hits, g_array_unref);
          self->hit_page = -1;
          gtk_label_set_label (self->search_label, _("Not found"));
          queue_render (self);
        }
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
 * par_pdf_view_show_message:
 * @self: a #ParPdfView
 * @title: what is shown instead of a document
 * @description: (nullable): more about it
 *
 * Shows no document but a message, for a document it cannot preview.
 */
void
par_pdf_view_show_message (ParPdfView *self,
                           const char *title,
                           const char *description)
{
  g_return_if_fail (PAR_IS_PDF_VIEW (self));

  par_pdf_view_load (self, NULL, NULL);
  g_object_set (gtk_stack_get_child_by_name (self->stack, "empty"),
                "title", title, "description", description, NULL);
}

/**
 * par_pdf_view_get_n_hits:
 * @self: a #ParPdfView
 *
 * Returns: how many places of the current page the last search
 *   highlights, 0 for none
 */
guint
par_pdf_view_get_n_hits (ParPdfView *self)
{
  g_return_val_if_fail (PAR_IS_PDF_VIEW (self), 0);

  return self->hits != NULL ? self->hits->len : 0;
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

  cancel_and_clear (&self->search_cancellable);
  if (self->pdf == NULL || text == NULL || text[0] == '\0')
    {
      clear_search (self);
      queue_render (self);
      return;
    }

  /* Other text: the old hits go, and the search starts on this page. */
  if (g_strcmp0 (text, self->search_text) != 0)
    {
      clear_search (self);
      queue_render (self);
      g_free (self->search_text);
      self->search_text = g_strdup (text);
    }

  self->search_cancellable = g_cancellable_new ();
  search = g_new0 (SearchData, 1);
  search->pdf = g_object_ref (self->pdf);
  search->text = g_strdup (text);
  search->start = self->hits != NULL ? (self->hit_page + 1) % n_pages (self) : self->page;
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
thumbnail_activated_cb (ParPdfView *self,
                        guint       position)
{
  par_pdf_view_set_page (self, (int) position);
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
  if (self->zoom_mode != PAR_PDF_ZOOM_FIXED && n_pages (self) > 0 && self->rerender_idle == 0 &&
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
  g_clear_pointer (&self->thumbs, g_hash_table_unref);
  g_clear_object (&self->pdf);
  g_clear_object (&self->image);
  g_clear_pointer (&self->hits, g_array_unref);
  g_clear_pointer (&self->search_text, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, ParPdfView, thumbnail_selection);
  gtk_widget_class_bind_template_child (widget_class, ParPdfView, thumbnail_pages);
  gtk_widget_class_bind_template_callback (widget_class, thumbnail_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, thumbnail_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, thumbnail_unbind_cb);
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

  self->thumbs = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
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
