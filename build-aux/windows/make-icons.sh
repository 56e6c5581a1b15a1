#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Remakes parindex.ico (the programs) and parindex-workspace.ico (.parindex files) from the
# SVG icons, at the sizes Windows asks for. Needs rsvg-convert (librsvg2-bin) and ImageMagick.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
icons=$here/../../icons/hicolor/scalable
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for size in 16 24 32 48 64 128 256; do
  rsvg-convert -w $size -h $size "$icons/apps/io.github.parindex.ParIndex.svg" -o "$tmp/app-$size.png"
  rsvg-convert -w $size -h $size "$icons/mimetypes/application-x-parindex-workspace.svg" \
    -o "$tmp/doc-$size.png"
done
convert "$tmp"/app-16.png "$tmp"/app-24.png "$tmp"/app-32.png "$tmp"/app-48.png \
  "$tmp"/app-64.png "$tmp"/app-128.png "$tmp"/app-256.png "$here/parindex.ico"
convert "$tmp"/doc-16.png "$tmp"/doc-24.png "$tmp"/doc-32.png "$tmp"/doc-48.png \
  "$tmp"/doc-64.png "$tmp"/doc-128.png "$tmp"/doc-256.png "$here/parindex-workspace.ico"
