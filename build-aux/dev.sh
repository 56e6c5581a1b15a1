#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The two commands a newcomer needs on Debian 12 (see README.md):
#
#   build-aux/dev.sh run    install what is missing, build, open the demo workspace
#   build-aux/dev.sh test   install what is missing, build with warnings as errors, run every test, then the
#                           core and command-line tests again under AddressSanitizer and
#                           UndefinedBehaviorSanitizer with a short run of each fuzz target
#                           (build-aux/sanitize.sh, in $BUILD_DIR-sanitize)
#
# Missing Debian packages are installed when run as root (or through sudo);
# otherwise the apt-get line to run is printed. BUILD_DIR (default _build)
# chooses the build directory.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/_build}

build_packages=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libgtk-4-bin librsvg2-common
  libsqlite3-dev libxlsxwriter-dev libpoppler-glib-dev libjson-glib-dev libqpdf-dev libarchive-dev
  nettle-dev
  desktop-file-utils appstream fonts-liberation2
)
test_packages=(
  xvfb xauth dbus poppler-utils python3 python3-openpyxl libreoffice-calc-nogui
  libreoffice-writer-nogui
  jq libxml2-utils flatpak-builder locales qpdf unzip xdotool
  clang libclang-rt-14-dev
)

install_missing () {
  local missing=()
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "Missing Debian packages: ${missing[*]}" >&2
      echo "Install them as root: apt-get install -y --no-install-recommends ${missing[*]}" >&2
      exit 1
    fi
  fi
  echo "Installing ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# The tests of what writes files run under vi_VN.UTF-8 too (a decimal comma).
ensure_vietnamese_locale () {
  if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$'; then
    return 0
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "The vi_VN.UTF-8 locale is missing: as root, add 'vi_VN.UTF-8 UTF-8' to /etc/locale.gen and run locale-gen" >&2
      exit 1
    fi
  fi
  echo "Generating the vi_VN.UTF-8 locale" >&2
  "${sudo[@]}" sh -c "grep -q '^vi_VN.UTF-8 UTF-8' /etc/locale.gen || echo 'vi_VN.UTF-8 UTF-8' >> /etc/locale.gen"
  "${sudo[@]}" locale-gen >/dev/null
}

# configure_and_build [MESON_OPTION…]: the options are given to a new build
# directory and set on an existing one.
configure_and_build () {
  if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" "$top" --buildtype=debugoptimized "$@"
  elif [ $# -gt 0 ]; then
    meson configure "$build" "$@"
  fi
  ninja -C "$build"
}

case "${1:-}" in
  run)
    install_missing "${build_packages[@]}"
    configure_and_build
    # Run uninstalled: schemas, translations and the demo workspace from the build tree.
    GSETTINGS_SCHEMA_DIR="$build/data" \
    PARINDEX_LOCALEDIR="$build/po" \
    PARINDEX_HELPDIR="$top/help" \
      exec "$build/src/gui/parindex" "$build/data/demo/demo.parindex"
    ;;
  test)
    install_missing "${build_packages[@]}" "${test_packages[@]}"
    ensure_vietnamese_locale
    # Any compiler warning fails the tests (the warnings of meson.build).
    configure_and_build -Dwerror=true
    status=0
    meson test -C "$build" --print-errorlogs --num-processes 2 || status=$?
    SANITIZE_BUILD_DIR="$build-sanitize" "$top/build-aux/sanitize.sh" || status=$?
    "$top/build-aux/test-summary.py" "$build/meson-logs/testlog.json" \
      "$build-sanitize/meson-logs/testlog.json" || status=$?
    exit $status
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 1
    ;;
esac
