#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-fuzzer.sh TARGET CORPUS [SECONDS]
#
# Runs a libFuzzer target for SECONDS (default $FUZZ_SECONDS, else 20) from
# the seed corpus CORPUS, which it only reads: new inputs go to a scratch
# folder, removed afterwards. A crash, a leak, a timeout or a sanitizer
# report fails the run; the input that caused it is kept as ./crash-*
# (./leak-*, ./timeout-*) in the current folder (docs/fuzzing.md says how to
# reproduce it).
set -u

target=$1
corpus=$2
seconds=${3:-${FUZZ_SECONDS:-20}}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

status=0
# libFuzzer exits with 77 on a finding by default, which meson counts as a
# skipped test: a finding must fail it.
"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -error_exitcode=1 -timeout_exitcode=1 \
  -print_final_stats=1 "$scratch" "$corpus" > "$scratch.log" 2>&1 || status=$?
[ "$status" -eq 77 ] && status=1
tail -n 60 "$scratch.log"
rm -f "$scratch.log"
exit $status
