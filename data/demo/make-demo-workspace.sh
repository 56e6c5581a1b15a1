#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the demo workspace from the text files beside this script, through
# parindex-cli, exactly as a clerk would, then plays the cycle between desks
# on it (make-demo-cycle.sh: the units' packages, a unit's own workspace):
#
#   make-demo-workspace.sh PARINDEX-CLI PYTHON OUTPUT.parindex SOURCE-DIR
set -eu

cli=$1
python=$2
out=$3
src=$4
criteria=$src/../criteria

rm -f "$out" "$out-wal" "$out-shm"
tmp=$out.tmp
rm -f "$tmp" "$tmp-wal" "$tmp-shm"

"$cli" init "$tmp"
for year in 2024 2025; do
  "$cli" add-year "$tmp" $year --criteria "$criteria/commune.criteria.json" --block "UBND cấp xã"
  "$cli" add-year "$tmp" $year --criteria "$criteria/department.criteria.json" --block "Sở, ban, ngành"
  "$cli" add-units "$tmp" $year "$src/units-$year.csv"
  "$cli" import-scores "$tmp" $year "$src/scores-$year.csv"
done
sh "$src/make-demo-cycle.sh" "$cli" "$python" "$tmp" "$src" "$(dirname "$out")"
mv "$tmp" "$out"
