#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Tries the Windows build made by cross-build.sh under Wine (Debian's wine64), in a fresh Wine
# prefix and an Xvfb display of its own:
#
#   build-aux/windows/test-wine.sh OUTDIR
#
# 1. parindex-cli.exe from the zip: `results --format json` (and csv) of the demo workspace are
#    byte for byte those of the Linux build; then every command in a folder with a Vietnamese name
#    (init, add-year, add-units, import-scores, results, export xlsx/pdf, attach, dossier pdf/zip,
#    settings, publish, verify, reopen), with their exit statuses checked and their files read by
#    independent tools (openpyxl, pdfinfo, Python's zipfile); the Linux build verifies the
#    workspace that the Windows build made.
# 2. The installer: silent install, Start-menu entry, .parindex association, the installed
#    program runs, silent uninstall removes it all.
# 3. parindex.exe opens the demo workspace; a screenshot; the annex workbook (Ctrl+E) and a
#    unit's evidence dossier are exported from the window through Wine's save dialog.
#
# Writes OUTDIR/wine-test/{transcript.txt,window.png,…}; exits non-zero on the first failure.
# The Linux parindex-cli to compare with: $PARINDEX_LINUX_CLI, else the one cross-build.sh built
# in its cache ($PARINDEX_WIN_CACHE, default OUTDIR/cache).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$(cd "$1" && pwd)
cache=${PARINDEX_WIN_CACHE:-$out/cache}
linux_cli=${PARINDEX_LINUX_CLI:-$cache/native/src/cli/parindex-cli}
zip=$(ls -t "$out"/ParIndex-*-windows-x86_64.zip 2>/dev/null | head -n 1 || true)
setup=$(ls -t "$out"/ParIndex-*-windows-x86_64-setup.exe 2>/dev/null | head -n 1 || true)
[ -n "$zip" ] || { echo "no ParIndex-*-windows-x86_64.zip in $out: run cross-build.sh first" >&2; exit 1; }
[ -x "$linux_cli" ] || { echo "no Linux parindex-cli at $linux_cli (set PARINDEX_LINUX_CLI)" >&2; exit 1; }

packages=(wine wine64 fonts-wine fonts-liberation2 fonts-dejavu-core xvfb xauth xdotool imagemagick
  poppler-utils unzip jq python3-openpyxl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "install first: apt-get install -y --no-install-recommends ${missing[*]}" >&2; exit 1; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

work=$out/wine-test
rm -rf "$work"
mkdir -p "$work"
transcript=$work/transcript.txt
: > "$transcript"

export WINEPREFIX=$work/prefix WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko download prompts in a fresh prefix; a crash ends the program (no debugger).
export WINEDLLOVERRIDES="mscoree,mshtml=;winedbg.exe=d"
# Wine turns the Unix arguments into UTF-16 through the locale: it must be a UTF-8 one.
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset LANGUAGE || true
export GSK_RENDERER=cairo GTK_A11Y=none

log () { printf '%s\n' "$*" | tee -a "$transcript" >&2; }
fail () { log "FAILED: $*"; exit 1; }
passed=0
ok () { passed=$((passed + 1)); log "  ok: $*"; }

# pdf_text PDF: the PDF's text is set in an embedded font (pages without any text were what
# Pango's Windows backend made when Times New Roman was missing, as it is under Wine).
pdf_text () {
  local fonts
  fonts=$(pdffonts "$1" 2>/dev/null | tail -n +3 | awk '{ print $1 }' | sort -u | tr '\n' ' ')
  [ -n "$fonts" ] || fail "$(basename "$1") has no text (no font in it)"
  pdftotext -l 1 "$1" - | grep -q '[[:alpha:]]' || fail "$(basename "$1"): no text on its first page"
  ok "$(basename "$1"): text set in $fonts"
}

# Xvfb for the whole run: Wine's explorer and the window want a display.
display=:$((70 + RANDOM % 20))
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
cleanup () {
  wineserver -k >/dev/null 2>&1 || true
  kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT
sleep 1

log "# ParIndex under Wine — $(date -u '+%Y-%m-%d %H:%M UTC')"
log "# $(wine --version); zip $(basename "$zip"); Linux CLI $linux_cli"
t0=$SECONDS
wineboot -i >/dev/null 2>&1
wineserver -w
log "# fresh Wine prefix in $((SECONDS - t0)) s"

# Fonts as Windows has them: files in C:\Windows\Fonts, registered (Pango 1.50 names every font
# through DirectWrite). And the interface font of Windows: GTK takes the system's message font,
# Segoe UI on Windows 10 and 11, which has the Vietnamese letters; Wine's is its own Tahoma,
# which has none of them beyond Latin-1 and Latin Extended-A (ư, ơ, ạ…ỹ come out as boxes), and
# Pango's Windows backend does not fall back per letter. Wine's message font becomes Liberation
# Sans, 10 points (a LOGFONTW: height -13, weight 400, the face name in UTF-16); at Segoe UI's 9
# Wine's hinting flattens the accents.
fonts=$WINEPREFIX/drive_c/windows/Fonts
logfont () {
  local face=$1 hex
  hex=$(printf 'f3ffffff000000000000000000000000900100000000000000000000' )
  hex+=$(printf '%s' "$face" | iconv -t UTF-16LE | od -An -tx1 -v | tr -d ' \n')
  while [ ${#hex} -lt 184 ]; do hex+=00; done
  printf '%s' "$hex" | sed 's/../&,/g; s/,$//'
}
{
  printf 'Windows Registry Editor Version 5.00\r\n\r\n'
  printf '[HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Fonts]\r\n'
  for font in /usr/share/fonts/truetype/liberation2/*.ttf /usr/share/fonts/truetype/dejavu/*.ttf; do
    [ -e "$font" ] || continue
    cp "$font" "$fonts/"
    printf '"%s (TrueType)"="%s"\r\n' "$(basename "$font" .ttf)" "$(basename "$font")"
  done
  printf '\r\n[HKEY_CURRENT_USER\\Control Panel\\Desktop\\WindowMetrics]\r\n'
  for metric in MessageFont CaptionFont SmCaptionFont MenuFont StatusFont IconFont; do
    printf '"%s"=hex:%s\r\n' "$metric" "$(logfont 'Liberation Sans')"
  done
} > "$work/fonts.reg"
wine regedit /S 'Z:'"$(printf '%s' "$work/fonts.reg" | tr '/' '\\')"
wineserver -w
log "# fonts installed in C:\\Windows\\Fonts: $(ls "$fonts" | wc -l) (Liberation, DejaVu); interface font Liberation Sans 10"

# C:\ParIndex from the zip.
drive_c=$WINEPREFIX/drive_c
unzip -q "$zip" -d "$drive_c"
[ -e "$drive_c/ParIndex/bin/parindex-cli.exe" ] || fail "the zip has no ParIndex\\bin\\parindex-cli.exe"
cli='C:\ParIndex\bin\parindex-cli.exe'

# run_win EXPECTED NAME ARGS…: runs parindex-cli.exe, stdout to $work/NAME.out, stderr to
# $work/NAME.err; checks the exit status.
run_win () {
  local expected=$1 name=$2 status=0
  shift 2
  log "\$ parindex-cli.exe $*"
  wine "$cli" "$@" >"$work/$name.out" 2>"$work/$name.err" || status=$?
  sed 's/^/    /' "$work/$name.err" | head -n 8 | tee -a "$transcript" >&2
  [ "$status" -eq "$expected" ] || fail "$name: exit status $status, expected $expected"
  ok "$name (exit $status)"
}

# --- 1. The command line ---------------------------------------------------------------------

log ""
log "## 1. parindex-cli.exe"
demo_linux=$work/demo-linux.parindex
cp "$drive_c/ParIndex/share/parindex/demo/demo.parindex" "$demo_linux"
cp "$demo_linux" "$drive_c/demo.parindex"

"$linux_cli" results "$demo_linux" 2025 --format json > "$work/results-linux.json"
"$linux_cli" results "$demo_linux" 2025 --format csv > "$work/results-linux.csv"
run_win 0 results-json results 'C:\demo.parindex' 2025 --format json
cmp "$work/results-linux.json" "$work/results-json.out" \
  || fail "results --format json differs from the Linux build's"
ok "results --format json: byte for byte the Linux build's ($(wc -c < "$work/results-json.out") bytes, sha256 $(sha256sum < "$work/results-json.out" | cut -c1-16)…)"
run_win 0 results-csv results 'C:\demo.parindex' 2025 --format csv
cmp "$work/results-linux.csv" "$work/results-csv.out" || fail "results --format csv differs"
ok "results --format csv: byte for byte the Linux build's"
run_win 1 usage bogus-command

# Everything again from the start, in folders and files with Vietnamese names.
dir_unix="$drive_c/Dữ liệu CCHC/Quảng Nam"
dir='C:\Dữ liệu CCHC\Quảng Nam'
mkdir -p "$dir_unix"
cp "$top/data/criteria/commune.criteria.json" "$dir_unix/Bộ tiêu chí cấp xã.json"
cp "$top/data/criteria/department.criteria.json" "$dir_unix/Bộ tiêu chí sở ngành.json"
for year in 2024 2025; do
  cp "$top/data/demo/units-$year.csv" "$dir_unix/Đơn vị $year.csv"
  cp "$top/data/demo/scores-$year.csv" "$dir_unix/Điểm chấm $year.csv"
done
ws="$dir\\Chỉ số CCHC.parindex"
ws_unix="$dir_unix/Chỉ số CCHC.parindex"

run_win 0 init init "$ws"
for year in 2024 2025; do
  run_win 0 add-year-commune-$year add-year "$ws" $year --criteria "$dir\\Bộ tiêu chí cấp xã.json" --block "UBND cấp xã"
  run_win 0 add-year-department-$year add-year "$ws" $year --criteria "$dir\\Bộ tiêu chí sở ngành.json" --block "Sở, ban, ngành"
  run_win 0 add-units-$year add-units "$ws" $year "$dir\\Đơn vị $year.csv"
  run_win 0 import-scores-$year import-scores "$ws" $year "$dir\\Điểm chấm $year.csv"
done
# The same steps with the Linux build, for comparison.
linux_ws=$work/linux-steps.parindex
rm -f "$linux_ws"
"$linux_cli" init "$linux_ws" 2>/dev/null
for year in 2024 2025; do
  "$linux_cli" add-year "$linux_ws" $year --criteria "$top/data/criteria/commune.criteria.json" --block "UBND cấp xã" 2>/dev/null
  "$linux_cli" add-year "$linux_ws" $year --criteria "$top/data/criteria/department.criteria.json" --block "Sở, ban, ngành" 2>/dev/null
  "$linux_cli" add-units "$linux_ws" $year "$top/data/demo/units-$year.csv" 2>/dev/null
  "$linux_cli" import-scores "$linux_ws" $year "$top/data/demo/scores-$year.csv" 2>/dev/null
done
"$linux_cli" results "$linux_ws" 2025 --format json > "$work/results-linux-steps.json"
run_win 0 results-new-json results "$ws" 2025 --format json
cmp "$work/results-linux-steps.json" "$work/results-new-json.out" \
  || fail "the workspace made by parindex-cli.exe gives other results than the same steps on Linux"
ok "the workspace that parindex-cli.exe made gives byte for byte the results of the same steps on Linux"
run_win 0 results-text results "$ws" 2025 --format text
grep -q 'PH-BAC-LAM' "$work/results-text.out" || fail "results --format text lists no unit"
ok "results --format text lists the units"

run_win 0 settings-issuer settings "$ws" --issuer "UBND tỉnh Quảng Nam"
run_win 0 settings settings "$ws"
grep -q 'UBND tỉnh Quảng Nam' "$work/settings.out" || fail "settings does not print the issuer"
ok "settings prints the issuer in UTF-8"

run_win 0 export-xlsx export "$ws" 2025 --out "$dir\\Phụ lục kết quả 2025.xlsx"
/usr/bin/python3 - "$dir_unix/Phụ lục kết quả 2025.xlsx" >>"$transcript" <<'EOF' || fail "openpyxl cannot read the workbook"
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
print("    openpyxl: sheets", ", ".join(book.sheetnames))
EOF
ok "export xlsx: openpyxl reads the workbook"
run_win 0 export-pdf export "$ws" 2025 --out "$dir\\Phụ lục kết quả 2025.pdf"
pdfinfo "$dir_unix/Phụ lục kết quả 2025.pdf" > "$work/annex.pdfinfo" || fail "pdfinfo cannot read the annex"
ok "export pdf: pdfinfo reads it ($(awk '/^Pages:/ { print $2 }' "$work/annex.pdfinfo") pages)"
pdf_text "$dir_unix/Phụ lục kết quả 2025.pdf"

cp "$dir_unix/Phụ lục kết quả 2025.pdf" "$dir_unix/Biên bản thẩm định.pdf"
/usr/bin/convert -size 320x200 xc:white -fill black -draw 'rectangle 20,20 300,180' \
  "$dir_unix/Ảnh minh chứng.png"
run_win 0 attach-pdf attach "$ws" 2025 PH-BAC-LAM 1.1.1 "$dir\\Biên bản thẩm định.pdf" --title "Biên bản thẩm định" --number "12/BB-UBND" --date 2025-03-01
run_win 0 attach-png attach "$ws" 2025 PH-BAC-LAM 1.1.1 "$dir\\Ảnh minh chứng.png" --title "Ảnh chụp"
run_win 0 dossier-pdf dossier "$ws" 2025 PH-BAC-LAM --out "$dir\\Hồ sơ minh chứng.pdf"
pdfinfo "$dir_unix/Hồ sơ minh chứng.pdf" > "$work/dossier.pdfinfo" || fail "pdfinfo cannot read the dossier"
ok "dossier pdf: pdfinfo reads it ($(awk '/^Pages:/ { print $2 }' "$work/dossier.pdfinfo") pages)"
pdf_text "$dir_unix/Hồ sơ minh chứng.pdf"
run_win 0 dossier-zip dossier "$ws" 2025 PH-BAC-LAM --out "$dir\\Hồ sơ minh chứng.zip"
/usr/bin/python3 - "$dir_unix/Hồ sơ minh chứng.zip" >>"$transcript" <<'EOF' || fail "the dossier zip is not a sound zip"
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    assert z.testzip() is None
    print("    zipfile:", ", ".join(z.namelist()))
EOF
ok "dossier zip: Python's zipfile reads every member"

run_win 0 publish publish "$ws" 2025 --decision-number "15/QĐ-UBND" --decision-date 2025-01-15 \
  --place "Quảng Nam" --authority "TM. ỦY BAN NHÂN DÂN" --authority "KT. CHỦ TỊCH" \
  --signer-title "PHÓ CHỦ TỊCH" --signer "Nguyễn Văn Bình"
run_win 0 verify verify "$ws"
run_win 0 verify-2025 verify "$ws" 2025
run_win 4 import-published import-scores "$ws" 2025 "$dir\\Điểm chấm 2025.csv"
run_win 0 reopen reopen "$ws" 2025 --reason "Sửa điểm theo kết luận thẩm định lại"
run_win 0 verify-reopened verify "$ws"

# The file is the same format on both systems: the Linux build reads what Windows wrote.
"$linux_cli" verify "$ws_unix" >"$work/linux-verify.out" 2>&1 \
  || { cat "$work/linux-verify.out" >&2; fail "the Linux build does not verify the Windows workspace"; }
ok "the Linux parindex-cli verifies the workspace parindex-cli.exe wrote"

# --- 1b. The commands parindex-cli.exe hands to parindex-cli-full.exe ---------------------------
# (export, dossier and attach above went that way too.) The cycle between desks on copies of the
# demo, in folders with Vietnamese names; then the same failing commands through both programs:
# the same exit status, standard output and standard error.

log ""
log "## 1b. parindex-cli.exe → parindex-cli-full.exe: the cycle between desks"
[ -e "$drive_c/ParIndex/bin/parindex-cli-full.exe" ] || fail "the zip has no ParIndex\\bin\\parindex-cli-full.exe"
cyc_unix="$drive_c/Dữ liệu CCHC/Vòng chấm"
cyc='C:\Dữ liệu CCHC\Vòng chấm'
mkdir -p "$cyc_unix"
cp "$drive_c/ParIndex/share/parindex/demo/demo.parindex" "$cyc_unix/Sở Nội vụ.parindex"
cp "$drive_c/ParIndex/share/parindex/demo/demo-unit.parindex" "$cyc_unix/Xã Đông Xuân.parindex"
office="$cyc\\Sở Nội vụ.parindex"
unit="$cyc\\Xã Đông Xuân.parindex"
run_win 0 submit-1 submit "$unit" 2025 XA-DONG-XUAN --out "$cyc\\Gửi vòng 1.parpkg"
[ -s "$cyc_unix/Gửi vòng 1.parpkg" ] || fail "submit wrote no package"
sh "$top/docs/check-package.sh" "$cyc_unix/Gửi vòng 1.parpkg" >>"$transcript" 2>&1 \
  || fail "docs/check-package.sh refuses the package parindex-cli.exe wrote"
ok "submit: docs/check-package.sh (unzip, sha256sum, jq) accepts the package"
run_win 0 receive-1 receive "$office" "$cyc\\Gửi vòng 1.parpkg"
run_win 0 status-office status "$office" 2025
grep -q 'XA-DONG-XUAN' "$work/status-office.out" || fail "the office's board does not list XA-DONG-XUAN"
ok "status: the office's board lists XA-DONG-XUAN"
run_win 0 review review "$office" 2025 XA-DONG-XUAN 1.2 --verdict insufficient \
  --comment "Thiếu báo cáo 9 tháng" --request-explanation "Giải trình, bổ sung báo cáo 9 tháng"
run_win 0 return return "$office" 2025 XA-DONG-XUAN --out "$cyc\\Kết quả thẩm định.parpkg"
run_win 0 receive-appraisal receive "$unit" "$cyc\\Kết quả thẩm định.parpkg"
run_win 0 explain explain "$unit" 2025 XA-DONG-XUAN 1.2 "Báo cáo 9 tháng đã gửi ngày 02/10/2025"
run_win 0 submit-2 submit "$unit" 2025 XA-DONG-XUAN --out "$cyc\\Gửi vòng 2.parpkg"
run_win 0 receive-2 receive "$office" "$cyc\\Gửi vòng 2.parpkg"
run_win 0 rounds rounds "$office" 2025 XA-DONG-XUAN --round 2
run_win 0 receive-again receive "$office" "$cyc\\Gửi vòng 2.parpkg"
"$linux_cli" verify "$cyc_unix/Sở Nội vụ.parindex" >"$work/linux-verify-office.out" 2>&1 \
  || { cat "$work/linux-verify-office.out" >&2; fail "the Linux build does not verify the office's workspace"; }
ok "the Linux parindex-cli verifies the office's workspace after the round trip"

# The same Linux commands on the same copies give the same package contents' results: the
# office's results after round 2, from Windows and from Linux.
run_win 0 results-office results "$office" 2025 --format json
"$linux_cli" results "$cyc_unix/Sở Nội vụ.parindex" 2025 --format json > "$work/results-office-linux.json"
cmp "$work/results-office.out" "$work/results-office-linux.json" \
  || fail "parindex-cli.exe and the Linux build read the office's workspace differently"
ok "results of the office after the round trip: byte for byte the Linux build's reading"

# Passed through unchanged: exit status, standard output, standard error (a refused package,
# a missing workspace, a bad option), parindex-cli.exe against parindex-cli-full.exe.
printf 'not a package' > "$cyc_unix/Hỏng.parpkg"
full='C:\ParIndex\bin\parindex-cli-full.exe'
same_through_forward () {
  local name=$1 expected=$2 a=0 b=0
  shift 2
  log "\$ parindex-cli.exe $* (and parindex-cli-full.exe)"
  wine "$cli" "$@" >"$work/$name.fwd.out" 2>"$work/$name.fwd.err" || a=$?
  wine "$full" "$@" >"$work/$name.full.out" 2>"$work/$name.full.err" || b=$?
  sed 's/^/    /' "$work/$name.fwd.err" | head -n 4 | tee -a "$transcript" >&2
  [ "$a" -eq "$expected" ] || fail "$name: exit status $a through parindex-cli.exe, expected $expected"
  [ "$a" -eq "$b" ] || fail "$name: exit status $a through parindex-cli.exe, $b from parindex-cli-full.exe"
  cmp -s "$work/$name.fwd.out" "$work/$name.full.out" || fail "$name: standard output differs"
  cmp -s "$work/$name.fwd.err" "$work/$name.full.err" || fail "$name: standard error differs"
  ok "$name: exit $a, standard output and error as parindex-cli-full.exe's"
}
same_through_forward receive-refused 2 receive "$office" "$cyc\\Hỏng.parpkg"
same_through_forward submit-missing 3 submit "$cyc\\Không có.parindex" 2025 XA-DONG-XUAN --out "$cyc\\x.parpkg"
same_through_forward export-usage 1 export "$office" 2025 --bogus-option
same_through_forward dossier-unknown-unit 2 dossier "$office" 2025 KHONG-CO --out "$cyc\\x.pdf"
[ ! -e "$cyc_unix/x.parpkg" ] && [ ! -e "$cyc_unix/x.pdf" ] || fail "a refused command left a file"
ok "the refused commands left no file"

# --- 2. The installer --------------------------------------------------------------------------

log ""
log "## 2. The installer"
if [ -n "$setup" ]; then
  cp "$setup" "$drive_c/setup.exe"
  log "\$ setup.exe /S"
  # setup.exe returns once it has installed. (No "wineserver -w" here: under load Wine's desktop
  # process has been seen to stay, and the wait with it.)
  wine 'C:\setup.exe' /S || fail "the installer failed"
  installed="$drive_c/Program Files/ParIndex"
  [ -e "$installed/bin/parindex.exe" ] && [ -e "$installed/bin/parindex-cli.exe" ] \
    && [ -e "$installed/uninstall.exe" ] || fail "the installer left no programs in Program Files\\ParIndex"
  ok "installed into C:\\Program Files\\ParIndex ($(du -sh "$installed" | cut -f1))"
  find "$drive_c/ProgramData" -name 'ParIndex.lnk' | grep -q . || fail "no Start-menu entry"
  ok "Start-menu entry ParIndex.lnk"
  wine reg query 'HKLM\Software\Classes\.parindex' > "$work/reg-ext.txt" 2>&1 \
    && grep -q 'ParIndex.Workspace' "$work/reg-ext.txt" || fail "no .parindex association"
  wine reg query 'HKLM\Software\Classes\ParIndex.Workspace\shell\open\command' > "$work/reg-open.txt" 2>&1 \
    && grep -q 'parindex.exe' "$work/reg-open.txt" || fail "no open command for .parindex"
  ok ".parindex opens with $(grep -o '"[^"]*parindex.exe" "%1"' "$work/reg-open.txt" | head -n 1)"
  wine 'C:\Program Files\ParIndex\bin\parindex-cli.exe' results 'C:\demo.parindex' 2025 --format json \
    > "$work/installed-results.json" 2>/dev/null || fail "the installed parindex-cli.exe failed"
  cmp "$work/results-linux.json" "$work/installed-results.json" || fail "the installed program differs"
  ok "the installed parindex-cli.exe gives the same results"
  log "\$ uninstall.exe /S"
  # NSIS's uninstaller copies itself to %TEMP% and returns at once: its copy removes the files.
  wine 'C:\Program Files\ParIndex\uninstall.exe' /S || fail "the uninstaller failed"
  for i in $(seq 1 240); do [ -e "$installed/bin" ] || break; sleep 0.5; done
  sleep 2
  [ ! -e "$installed/bin" ] || fail "the uninstaller left $installed/bin"
  ! find "$drive_c/ProgramData" -name 'ParIndex.lnk' | grep -q . || fail "the Start-menu entry is left"
  ! wine reg query 'HKLM\Software\Classes\.parindex' >/dev/null 2>&1 || fail "the association is left"
  ok "uninstalled: programs, Start-menu entry and association removed"
else
  log "no installer in $out: skipped"
fi

# --- 3. The window -----------------------------------------------------------------------------
# Driven with the mouse, at places in the window: without a window manager, Wine's windows get no
# keyboard focus from X for shortcuts (Ctrl+E is not seen); typing into Wine's own save dialog
# does work (ASCII only: xdotool's Vietnamese letters are dropped at random).

log ""
log "## 3. parindex.exe"
# The visible top-level windows of parindex.exe (Wine names their X class after the program).
visible_windows () {
  xdotool search --onlyvisible --class 'parindex.exe' 2>/dev/null || true
}

# wait_for_window OLD-LIST [SECONDS]: prints the id of a visible window not in OLD-LIST, within
# SECONDS (60).
wait_for_window () {
  local old=$1 i w
  for i in $(seq 1 $((2 * ${2:-60}))); do
    for w in $(visible_windows); do
      if ! grep -qx "$w" <<<"$old"; then
        echo "$w"
        return 0
      fi
    done
    sleep 0.5
  done
  return 1
}

wait_for_file () {
  local i
  for i in $(seq 1 240); do
    [ -s "$1" ] && { sleep 2; return 0; }
    sleep 0.5
  done
  return 1
}

# click WINDOW X Y: a click at X,Y inside WINDOW; negative X or Y count from its right or bottom.
click () {
  local X Y WINDOW WIDTH HEIGHT SCREEN x=$2 y=$3
  eval "$(xdotool getwindowgeometry --shell "$1")"
  [ "$x" -ge 0 ] || x=$((WIDTH + x))
  [ "$y" -ge 0 ] || y=$((HEIGHT + y))
  xdotool mousemove $((X + x)) $((Y + y)) click 1
}

# save_as DIALOG PATH SCREENSHOT: the file name of Wine's save dialog (its field 43 pixels above
# the dialog's bottom) becomes PATH; then its save button (100 from the right, 16 from the bottom).
save_as () {
  local dialog=$1 path=$2
  sleep 1
  click "$dialog" 380 -43
  sleep 0.5
  xdotool key End
  xdotool key --repeat 60 --delay 15 BackSpace
  xdotool type --delay 40 "$path"
  sleep 0.5
  import -window root "$work/$3"
  click "$dialog" -100 -16
}

# menu_item Y [SCREENSHOT]: the main menu (its button at 857,28 of the window), its item at 815,Y.
# The items are 32 pixels apart within a section and 45 across a separator: "Xuất phụ lục…"
# (Export Annexes) at 515 and "Hồ sơ tài liệu kiểm chứng…" (Evidence Dossier) at 297, as
# window-menu.png shows; a change to the menu means new places here. (Keys cannot reach the
# window: GTK under Wine does not load the keyboard layout xdotool's keys come through.)
menu_item () {
  click "$main_window" 857 28
  sleep 2
  [ -z "${2:-}" ] || import -window root "$work/$2"
  click "$main_window" 815 "$1"
}

# The demo workspace, under a Vietnamese name.
mkdir -p "$drive_c/gui"
cp "$drive_c/ParIndex/share/parindex/demo/demo.parindex" "$dir_unix/Tỉnh Sông Lam (demo).parindex"
demo_ws="$dir\\Tỉnh Sông Lam (demo).parindex"
LANGUAGE=vi wine 'C:\ParIndex\bin\parindex.exe' "$demo_ws" >"$work/window.log" 2>&1 &
window_pid=$!
# A first start in a fresh prefix on a loaded machine has taken more than a minute.
main_window=$(wait_for_window "" 240) || fail "parindex.exe shows no window in 4 minutes (log: $work/window.log)"
ok "parindex.exe opened \"$demo_ws\" in a window"
sleep 10
import -window root "$work/window.png"
log "  screenshot: $work/window.png"

# A unit: UBND phường Bắc Lam, the first row of the list.
click "$main_window" 115 152
sleep 4
import -window root "$work/window-unit.png"
log "  screenshot: $work/window-unit.png"

# The annex workbook: main menu, "Xuất phụ lục…", Wine's save dialog.
before=$(visible_windows)
menu_item 515 window-menu.png
dialog=$(wait_for_window "$before") || fail "the menu's export item opened no save dialog"
save_as "$dialog" 'C:\gui\Phu luc 2025.xlsx' window-export-dialog.png
wait_for_file "$drive_c/gui/Phu luc 2025.xlsx" || fail "the window wrote no annex workbook"
/usr/bin/python3 - "$drive_c/gui/Phu luc 2025.xlsx" >>"$transcript" <<'EOF' || fail "openpyxl cannot read the window's workbook"
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
print("    openpyxl: sheets", ", ".join(book.sheetnames))
EOF
ok "the window exported the annex workbook; openpyxl reads it"
sleep 2
import -window root "$work/window-exported.png"

# The evidence dossier of the selected unit: main menu, "Hồ sơ tài liệu kiểm chứng…".
before=$(visible_windows)
menu_item 297
dialog=$(wait_for_window "$before") || fail "the menu's dossier item opened no save dialog"
save_as "$dialog" 'C:\gui\Ho so minh chung.pdf' window-dossier-dialog.png
wait_for_file "$drive_c/gui/Ho so minh chung.pdf" || fail "the window wrote no dossier"
pdfinfo "$drive_c/gui/Ho so minh chung.pdf" > "$work/window-dossier.pdfinfo" \
  || fail "pdfinfo cannot read the window's dossier"
ok "the window made the evidence dossier ($(awk '/^Pages:/ { print $2 }' "$work/window-dossier.pdfinfo") pages); pdfinfo reads it"
pdf_text "$drive_c/gui/Ho so minh chung.pdf"
pdftoppm -png -r 60 -f 1 -l 1 "$drive_c/gui/Ho so minh chung.pdf" "$work/window-dossier-page"
# The window says it is done, in a dialog of its own ("Đã lập hồ sơ": Đóng, Mở).
done_dialog=$(wait_for_window "$before") || fail "the window said nothing once the dossier was made"
sleep 2
import -window root "$work/window-dossier.png"
click "$done_dialog" 88 -26
sleep 2

# Closed with its ✕ (at 971,28): the program ends by itself.
click "$main_window" 971 28
for i in $(seq 1 60); do kill -0 "$window_pid" 2>/dev/null || break; sleep 0.5; done
! kill -0 "$window_pid" 2>/dev/null || fail "parindex.exe is still running 30 s after its window was closed"
ok "closing the window ended parindex.exe"
wineserver -k >/dev/null 2>&1 || true

log ""
log "$passed passed, 0 failed"
