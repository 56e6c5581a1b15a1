#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-complete.sh MSGFMT XGETTEXT MSGMERGE SOURCE-DIR PO-FILE...
#
# Fails unless every catalogue compiles cleanly (msgfmt -c) and translates every message of
# the sources listed in po/POTFILES.in as they are now: the template is extracted afresh (with
# the keywords of meson's "glib" gettext preset) and merged into a copy of each catalogue, so a
# string added to the code without a translation fails here, not only a fuzzy or empty one.

msgfmt=$1
xgettext=$2
msgmerge=$3
srcdir=$4
shift 4

failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sed -e '/^#/d' -e '/^$/d' "$srcdir/po/POTFILES.in" > "$work/files"

# Every source with a translatable string is listed, or its strings would go untranslated unseen.
(cd "$srcdir" && grep -rlE '(^|[^A-Za-z0-9_])N?_\("|translatable="yes"' src ui data \
   --include='*.c' --include='*.ui' --include='*.xml' --include='*.in' | sort) > "$work/marked"
sort "$work/files" > "$work/listed"
missing=$(comm -23 "$work/marked" "$work/listed")
if [ -n "$missing" ]; then
  echo "Translatable strings in files missing from po/POTFILES.in:"
  echo "$missing"
  failed=1
fi
if ! (cd "$srcdir" && "$xgettext" --from-code=UTF-8 --add-comments --package-name=parindex \
      --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
      --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 --files-from="$work/files" \
      --output="$work/parindex.pot" 2> "$work/xgettext.log"); then
  cat "$work/xgettext.log"
  echo "xgettext failed"
  exit 1
fi

for po in "$@"; do
  merged="$work/$(basename "$po")"
  if ! "$msgmerge" --quiet --no-fuzzy-matching --output-file="$merged" "$po" "$work/parindex.pot"; then
    echo "$(basename "$po"): msgmerge failed"
    failed=1
    continue
  fi
  stats=$(LC_ALL=C "$msgfmt" --check --statistics --output-file=/dev/null "$merged" 2>&1)
  status=$?
  printf '%s: %s\n' "$(basename "$po")" "$stats"

  if [ "$status" -ne 0 ]; then
    failed=1
  fi

  case $stats in
    *untranslated*|*fuzzy*)
      failed=1
      # The messages still to translate, for whoever reads the log.
      for kind in --untranslated --only-fuzzy; do
        LC_ALL=C msgattrib "$kind" --no-wrap "$merged" 2>/dev/null | grep '^msgid' |
          grep -v '^msgid ""$' | head -40
      done
      ;;
    *" translated message"*) ;;
    *) failed=1 ;;
  esac
done

exit $failed
