#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-flatpak-manifest.sh MANIFEST
#
# Lints a Flatpak manifest offline: flatpak-builder --show-manifest parses it
# with the same code a build uses (it downloads nothing) and warns on stderr,
# exiting 0, about unknown properties. Fails when it exits non-zero or prints
# anything on stderr; skips (exit 77) when flatpak-builder is not installed.

manifest=$1

if ! command -v flatpak-builder >/dev/null 2>&1; then
  echo "check-flatpak-manifest.sh: flatpak-builder is not installed" >&2
  exit 77
fi

# flatpak-builder creates .flatpak-builder/ in its working directory.
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT

status=0
(cd "$work" && flatpak-builder --show-manifest "$manifest") >"$work/stdout" 2>"$work/stderr" \
  || status=$?

if [ -s "$work/stderr" ]; then
  cat "$work/stderr" >&2
  echo "check-flatpak-manifest.sh: flatpak-builder printed warnings or errors" >&2
  exit 1
fi

if [ "$status" -ne 0 ]; then
  echo "check-flatpak-manifest.sh: flatpak-builder exited with status $status" >&2
  exit 1
fi

exit 0
