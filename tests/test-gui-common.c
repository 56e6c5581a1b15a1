/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "test-gui-common.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "par-audit.h"
#include "par-i18n.h"
#include "par-unit-session.h"

/* What every window test does first: the test framework, the user's
 * folders inside test_workdir() (set before GTK reads them: previews are
 * copied to the cache, recent files and settings written to the data
 * and configuration folders), then @before_gtk if not %NULL, GTK and
 * libadwaita. FALSE when there is no display: the test program then skips
 * (exit status 77). */
gboolean
test_gui_init (int    *argc,
               char ***argv,
               void  (*before_gtk) (void))
{
  g_autofree char *cache = NULL;

  par_i18n_init ();
  gtk_disable_setlocale ();
  g_test_init (argc, argv, NULL);
  cache = g_build_filename (test_workdir (), "cache", NULL);
  g_setenv ("XDG_DATA_HOME", test_workdir (), TRUE);
  g_setenv ("XDG_CONFIG_HOME", test_workdir (), TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  if (before_gtk != NULL)
    before_gtk ();
  if (!gtk_init_check ())
    {
      g_test_skip ("no display: run under xvfb-run");
      return FALSE;
    }
  adw_init ();
  return TRUE;
}

/* The main() of a window test program: the window's audit program name,
 * test_gui_init() (the program skips, exit status 77, without a display),
 * then each of @cases. */
int
test_gui_main (int                 argc,
               char              **argv,
               void              (*before_gtk) (void),
               const TestGuiCase  *cases,
               guint               n_cases)
{
  par_audit_set_program ("window");
  if (!test_gui_init (&argc, &argv, before_gtk))
    return 77;

  for (guint i = 0; i < n_cases; i++)
    g_test_add_func (cases[i].path, cases[i].func);
  return test_run ();
}

/* Handles every event and idle that is pending, without waiting. */
void
settle (void)
{
  for (int i = 0; i < 5; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

typedef struct
{
  WindowCondition condition;
  gpointer        context;
  gconstpointer   data;
} Until;

static gboolean
until_holds (gpointer data)
{
  Until *until = data;

  return until->condition (until->context, until->data);
}

/* wait_for() with a condition on @context and @data. */
void
window_wait_until (WindowCondition  condition,
                   gpointer         context,
                   gconstpointer    data,
                   const char      *what)
{
  Until until = { condition, context, data };

  wait_for (until_holds, &until, what);
}

typedef struct
{
  gboolean painted;
} Frame;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  ((Frame *) data)->painted = TRUE;
}

static gboolean
frame_painted (gpointer data)
{
  return ((Frame *) data)->painted;
}

static gboolean
widget_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* Runs the main loop until @widget is mapped and a frame of its window,
 * asked for now, has been laid out and painted: what a user would see
 * after the changes made so far. */
void
wait_for_frame (GtkWidget *widget)
{
  Frame frame = { FALSE };
  GdkFrameClock *clock;
  gulong handler;

  wait_for (widget_mapped, widget, "the window to show");
  clock = gtk_widget_get_frame_clock (widget);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &frame);
  gtk_widget_queue_draw (GTK_WIDGET (gtk_widget_get_root (widget)));
  wait_for (frame_painted, &frame, "a frame to be painted");
  g_signal_handler_disconnect (clock, handler);
}

/* A WindowCondition: @widget is mapped. */
gboolean
widget_is_mapped (gpointer      widget,
                  gconstpointer data)
{
  return gtk_widget_get_mapped (widget);
}

/* Opens the workspace at @path in @window at 1366×768, presents it, and
 * waits until it is shown. */
void
show_window_on (ParWindow  *window,
                const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  par_window_open_file (window, file);
  gtk_window_present (GTK_WINDOW (window));
  window_wait_until (widget_is_mapped, window, NULL, "the window is shown");
}

/* A WindowCondition: the ParWindow @window shows the scores of unit @code. */
gboolean
window_shows_unit (gpointer      window,
                   gconstpointer code)
{
  ParUnitSession *session = PAR_UNIT_SESSION (par_window_get_session (window));

  return session != NULL && g_str_equal (par_unit_session_get_unit (session)->code, code);
}

/* With PARINDEX_TEST_SCREENSHOTS set to a folder, saves the whole screen
 * there as @name.png once every toplevel has drawn its frames for 400 ms
 * (animations: a field's title moving out of the way, a pane sliding in),
 * for looking at what a test leaves on screen; otherwise does nothing. */
void
window_screenshot (const char *name)
{
  const char *folder = g_getenv ("PARINDEX_TEST_SCREENSHOTS");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  int status;

  if (folder == NULL || folder[0] == '\0')
    return;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      gint64 until = g_get_monotonic_time () + 400 * 1000;

      while (gtk_widget_get_mapped (window) && g_get_monotonic_time () < until)
        wait_for_frame (window);
    }
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (folder, file, NULL);
  g_assert_true (g_spawn_sync (NULL, (char *[]) { (char *) "import", (char *) "-window",
                                                  (char *) "root", path, NULL },
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_test_message ("screenshot: %s", path);
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Destroys @window, which the test does not hold, and runs the main loop
 * until it is finalized. */
void
destroy_window (GtkWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (window);
  wait_for (pointer_cleared, &window, "the window to be finalized");
}

/* Destroys @window, which the test holds one reference to, and checks
 * that it is finalized once the main loop has let go of it. */
void
close_held_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  release_object (window);
}

static gboolean
window_gone (gpointer data)
{
  GtkWindow *window = *(GtkWindow **) data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; window != NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel == window)
        return FALSE;
    }
  return TRUE;
}

/* What a click on a response's button does: the response, then the
 * dialog closes. */
void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  wait_for (window_gone, &dialog, "the dialog to close");
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
}

typedef struct
{
  GtkWidget *button;
  GType      type;
} Click;

static gboolean
click_answered (gpointer data)
{
  Click *click = data;

  return find_toplevel (click->type, NULL) != NULL || click->button == NULL ||
         !gtk_widget_get_mapped (click->button);
}

/* Clicks the button under @widget that @match finds showing @text, as
 * gtk_widget_activate() does (the click comes once its pressed look has
 * shown), and returns the window of @type it opens. A list made anew
 * meanwhile (the window follows what a worker's connection wrote) unmaps
 * the button, which then drops its click: the new row's button is
 * clicked. */
GtkWindow *
click_for_window (GtkWidget   *widget,
                  WidgetMatch  match,
                  const char  *text,
                  GType        type)
{
  for (int attempt = 0; attempt < 10; attempt++)
    {
      Click click = { find_widget (widget, match, text), type };
      GtkWindow *window;

      g_assert_nonnull (click.button);
      g_object_add_weak_pointer (G_OBJECT (click.button), (gpointer *) &click.button);
      if (gtk_widget_activate (click.button))
        wait_for (click_answered, &click, "the button to answer");
      if (click.button != NULL)
        g_object_remove_weak_pointer (G_OBJECT (click.button), (gpointer *) &click.button);
      window = find_toplevel (type, NULL);
      if (window != NULL)
        return window;
      settle ();
    }
  g_error ("the button “%s” opens no window", text);
}

/* Runs the main loop until *@pointer, a weak pointer, is cleared. */
void
wait_for_cleared (gpointer   *pointer,
                  const char *what)
{
  wait_for (pointer_cleared, pointer, what);
}

/* Runs xdotool with @args: real key events through the X server, as a
 * user types them. xdotool waits for the server when it closes its
 * display, so after a round trip of this process's connection
 * (gdk_display_sync()) the events are queued; they are handled before
 * this returns. */
void
xdotool (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GdkDisplay *display = gdk_display_get_default ();
  int status;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  gdk_display_sync (display);
  settle ();
}

/* Gives the keyboard to @window (xdotool windowfocus). */
void
focus_toplevel (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", gdk_x11_surface_get_xid (surface));

  XDOTOOL ("windowfocus", "--sync", xid);
}

/* The first widget under @widget (itself included, depth first) that
 * @match finds showing @text. */
GtkWidget *
find_widget (GtkWidget   *widget,
             WidgetMatch  match,
             const char  *text)
{
  if (match (widget, text))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A label that reads @text (its mnemonic included), or any label for
 * %NULL. */
gboolean
is_label (GtkWidget  *widget,
          const char *text)
{
  return GTK_IS_LABEL (widget) &&
         (text == NULL || g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0);
}

gboolean
has_tooltip (GtkWidget  *widget,
             const char *tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

gboolean
is_icon_button (GtkWidget  *widget,
                const char *icon_name)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon_name) == 0;
}

/* A visible window of @type (a dialog, the history window, …), transient
 * for @transient_for unless that is %NULL. */
GtkWindow *
find_toplevel (GType      type,
               GtkWindow *transient_for)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          (transient_for == NULL || gtk_window_get_transient_for (window) == transient_for))
        return window;
    }
  return NULL;
}

typedef struct
{
  GType      type;
  GtkWindow *transient_for;
  GtkWindow *found;
} ToplevelWanted;

static gboolean
toplevel_shown (gpointer data)
{
  ToplevelWanted *wanted = data;

  wanted->found = find_toplevel (wanted->type, wanted->transient_for);
  return wanted->found != NULL;
}

/* Runs the main loop until a window of @type shows (find_toplevel()),
 * failing after 20 s. */
GtkWindow *
wait_for_toplevel (GType       type,
                   GtkWindow  *transient_for,
                   const char *what)
{
  ToplevelWanted wanted = { type, transient_for, NULL };

  wait_for (toplevel_shown, &wanted, what);
  return wanted.found;
}
