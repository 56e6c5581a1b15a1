/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-window.h"
#include "test-common.h"

G_BEGIN_DECLS

/* What the window's tests share: running the main loop until something
 * holds, and finding widgets by what a user sees of them. */

typedef gboolean (*WidgetMatch) (GtkWidget  *widget,
                                 const char *text);

typedef gboolean (*WindowCondition) (gpointer      context,
                                     gconstpointer data);

/* A test of a window test program: its path and its function. */
typedef struct
{
  const char *path;
  GTestFunc   func;
} TestGuiCase;

gboolean   test_gui_init  (int         *argc,
                           char      ***argv,
                           void       (*before_gtk) (void));
int        test_gui_main  (int                 argc,
                           char              **argv,
                           void              (*before_gtk) (void),
                           const TestGuiCase  *cases,
                           guint               n_cases);
void       settle         (void);
void       window_wait_until (WindowCondition  condition,
                              gpointer         context,
                              gconstpointer    data,
                              const char      *what);
void       window_screenshot (const char     *name);
void       wait_for_frame (GtkWidget   *widget);
gboolean   widget_is_mapped (gpointer      widget,
                             gconstpointer data);
void       show_window_on (ParWindow   *window,
                           const char  *path);
gboolean   window_shows_unit (gpointer      window,
                              gconstpointer code);
void       destroy_window (GtkWindow   *window);
void       close_held_window (GtkWindow *window);
void       wait_for_cleared (gpointer   *pointer,
                             const char *what);
void       respond        (AdwMessageDialog *dialog,
                           const char       *response);
GtkWindow *click_for_window (GtkWidget   *widget,
                             WidgetMatch  match,
                             const char  *text,
                             GType        type);
void       xdotool        (const char * const *args);
void       focus_toplevel (GtkWindow   *window);
GtkWidget *find_widget    (GtkWidget   *widget,
                           WidgetMatch  match,
                           const char  *text);
gboolean   is_label       (GtkWidget   *widget,
                           const char  *text);
gboolean   has_tooltip    (GtkWidget   *widget,
                           const char  *tooltip);
gboolean   is_icon_button (GtkWidget   *widget,
                           const char  *icon_name);
GtkWindow *find_toplevel  (GType        type,
                           GtkWindow   *transient_for);
GtkWindow *wait_for_toplevel (GType       type,
                              GtkWindow  *transient_for,
                              const char *what);

#define XDOTOOL(...) xdotool ((const char * const[]) { __VA_ARGS__, NULL })

G_END_DECLS
