/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-window.h"

G_BEGIN_DECLS

struct _ParWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  GtkMenuButton        *primary_menu_button;
  GtkStack             *stack;
  AdwStatusPage        *welcome_page;
  AdwWindowTitle       *window_title;

  /* Owned references */
  GSettings            *settings;
  GFile                *file;
};

void _par_window_class_actions_init (ParWindowClass *klass);

G_END_DECLS
