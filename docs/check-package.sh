#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks a ParIndex package (docs/package-format.md) with ordinary tools:
#
#   check-package.sh PACKAGE.parpkg
#
# Lists the parts, and checks that the manifest comes first, that every part it lists is there,
# in its order, with its size and SHA-256, and that nothing else is. Needs unzip, sha256sum and
# jq; extracts nothing to disk. Exit status 0 when the package is whole.
set -eu

pkg=$1
tab=$(printf '\t')
status=0

names=$(unzip -Z1 "$pkg") || { echo "$pkg: not a zip archive" >&2; exit 1; }
first=$(printf '%s\n' "$names" | head -n 1)
if [ "$first" != manifest.json ]; then
  echo "$pkg: the first part is “$first”, not manifest.json" >&2
  exit 1
fi

manifest=$(unzip -p "$pkg" manifest.json)
format=$(printf '%s' "$manifest" | jq -r .format)
if [ "$format" != parindex-package/1 ]; then
  echo "$pkg: format “$format”, not parindex-package/1" >&2
  exit 1
fi
printf '%s' "$manifest" | jq -r '"\(.kind) of \(.unit.code), \(.year), round \(.round)"'

listed=$(printf '%s' "$manifest" | jq -r '.parts[].name')
if [ "$(printf '%s\n' "$names" | tail -n +2)" != "$listed" ]; then
  echo "BAD the archive's parts are not exactly the manifest's, in its order" >&2
  status=1
fi

printf '%s' "$manifest" | jq -r '.parts[] | [.name, .size, .sha256] | @tsv' > "${TMPDIR:-/tmp}/parts.$$"
while IFS="$tab" read -r name size sha; do
  actual=$(unzip -p "$pkg" "$name" | sha256sum | cut -d' ' -f1)
  bytes=$(unzip -p "$pkg" "$name" | wc -c)
  if [ "$actual" = "$sha" ] && [ "$bytes" -eq "$size" ]; then
    echo "OK  $name"
  else
    echo "BAD $name (size $bytes of $size, sha256 $actual)"
    status=1
  fi
done < "${TMPDIR:-/tmp}/parts.$$"
rm -f "${TMPDIR:-/tmp}/parts.$$"

sha256sum "$pkg"
exit $status
