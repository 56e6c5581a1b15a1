/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "par-types.h"

G_BEGIN_DECLS

GtkFileChooserNative *par_file_chooser_new                (GtkWindow            *parent,
                                                           const char           *title,
                                                           GtkFileChooserAction  action,
                                                           const char           *accept_label);
void                  par_file_chooser_add_criteria_sets  (GtkFileChooser       *chooser);
void                  par_file_chooser_add_with_all_files (GtkFileChooser       *chooser,
                                                           GtkFileFilter        *filter);
GFile                *par_file_chooser_take_file          (GtkNativeDialog      *native,
                                                           int                   response);

G_END_DECLS
