#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-quiet.sh COMMAND [ARG...]
#
# Runs a validator and fails when it fails or when it prints anything at all:
# desktop-file-validate exits 0 on findings that "will be fatal in the future".

output=$("$@" 2>&1)
status=$?

if [ -n "$output" ]; then
  printf '%s\n' "$output"
fi

if [ "$status" -ne 0 ]; then
  echo "run-quiet.sh: $1 exited with status $status" >&2
  exit 1
fi

if [ -n "$output" ]; then
  echo "run-quiet.sh: $1 printed findings" >&2
  exit 1
fi

exit 0
