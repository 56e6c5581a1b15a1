#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build into a temporary prefix and checks that everything a
# desktop needs is in place:  check-install.sh BUILD-DIR PREFIX
set -eu

build=$1
prefix=$2
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >/dev/null
root=$dest$prefix

status=0
for path in \
  bin/parindex \
  bin/parindex-cli \
  share/applications/io.github.parindex.ParIndex.desktop \
  share/metainfo/io.github.parindex.ParIndex.metainfo.xml \
  share/mime/packages/io.github.parindex.ParIndex.xml \
  share/glib-2.0/schemas/io.github.parindex.ParIndex.gschema.xml \
  share/icons/hicolor/scalable/apps/io.github.parindex.ParIndex.svg \
  share/icons/hicolor/symbolic/apps/io.github.parindex.ParIndex-symbolic.svg \
  share/icons/hicolor/scalable/mimetypes/application-x-parindex-workspace.svg \
  share/locale/vi/LC_MESSAGES/parindex.mo \
  share/parindex/demo/demo.parindex \
  share/parindex/help/C/index.html \
  share/parindex/help/vi/index.html
do
  if [ ! -s "$root/$path" ]; then
    echo "missing from the install: $prefix/$path"
    status=1
  fi
done

# Nothing of the tests or benchmarks is installed.
if find "$root" -name 'test-*' -o -name 'parindex-bench*' | grep -q .; then
  echo "tests or benchmarks were installed:"
  find "$root" -name 'test-*' -o -name 'parindex-bench*'
  status=1
fi

[ $status -eq 0 ] && echo "install into $prefix: complete"
exit $status
