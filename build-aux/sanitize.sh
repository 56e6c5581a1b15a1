#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# build-aux/sanitize.sh [BUILD_DIR]
#
# The core and the command line built with AddressSanitizer and
# UndefinedBehaviorSanitizer (clang, no window), their test suites run, and
# each libFuzzer target of tests/fuzz run for a short while (FUZZ_SECONDS,
# default 20; docs/fuzzing.md). Any memory error, undefined behaviour or leak
# of ours fails. BUILD_DIR defaults to _build-sanitize beside the sources;
# build-aux/dev.sh test runs this after the main suite.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-${SANITIZE_BUILD_DIR:-$top/_build-sanitize}}

if ! command -v clang >/dev/null 2>&1; then
  echo "clang is missing: apt-get install -y --no-install-recommends clang libclang-rt-14-dev" >&2
  exit 1
fi

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$top" --buildtype=debugoptimized -Dgui=false -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true
fi
ninja -C "$build"

# Halt on the first report; leaks of system libraries' caches are
# suppressed by name (build-aux/lsan.supp), ours are not.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$top/build-aux/lsan.supp:print_suppressions=0
export G_SLICE=always-malloc

# AddressSanitizer runs several times slower: the tests get four times their time.
meson test -C "$build" --print-errorlogs --num-processes 2 --timeout-multiplier 4 \
  --suite core --suite cli --suite fuzz
