#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-complete.sh MSGFMT PO-FILE...
#
# Fails unless every catalogue compiles cleanly (msgfmt -c) and is fully translated:
# no untranslated and no fuzzy messages.

msgfmt=$1
shift

failed=0

for po in "$@"; do
  stats=$(LC_ALL=C "$msgfmt" --check --statistics --output-file=/dev/null "$po" 2>&1)
  status=$?
  printf '%s: %s\n' "$(basename "$po")" "$stats"

  if [ "$status" -ne 0 ]; then
    failed=1
  fi

  case $stats in
    *untranslated*|*fuzzy*) failed=1 ;;
    *" translated message"*) ;;
    *) failed=1 ;;
  esac
done

exit $failed
