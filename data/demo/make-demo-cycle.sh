#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The cycle between desks in the demo (FORMATS.md §8), played through parindex-cli as the clerks
# would play it, on the office's workspace being built:
#
#   make-demo-cycle.sh PARINDEX-CLI PYTHON OFFICE.parindex SOURCE-DIR OUTPUT-DIR
#
# - UBND xã Tân Lập (XA-TAN-LAP) submits round 1; the office reviews it and returns its appraisal;
#   the commune answers (an explanation, a corrected entry, one more document) and submits round 2,
#   which the office receives.
# - UBND phường Bắc Lam (PH-BAC-LAM) submits round 1 and gets the appraisal back.
# - Sở Nội vụ (SNV) submits round 1, not yet reviewed.
# - UBND xã Đông Xuân (XA-DONG-XUAN) has its own workspace, demo-unit.parindex, ready to send:
#   the README's round trip starts there.
#
# OUTPUT-DIR receives demo-unit.parindex and the packages (*.parpkg).
set -eu

cli=$1
python=$2
office=$3
src=$4
out=$5
criteria=$src/../criteria
work=$out/demo-cycle.tmp

rm -rf "$work"
mkdir -p "$work"

pdf () {
  "$python" "$src/make-demo-pdf.py" "$work/$1" "$2" "$3" "$4" "Trang noi dung tai lieu kiem chung"
}

# The own workspace of a unit: the year, its block and criteria set, the unit and its self entries.
unit_workspace () {
  code=$1 block=$2 set=$3 path=$4
  rm -f "$path"
  "$cli" init "$path" >/dev/null 2>&1
  "$cli" add-year "$path" 2025 --criteria "$criteria/$set" --block "$block" 2>/dev/null
  { head -n 1 "$src/units-2025.csv"; grep "^$code," "$src/units-2025.csv"; } > "$work/$code.units.csv"
  "$cli" add-units "$path" 2025 "$work/$code.units.csv" 2>/dev/null
  { head -n 1 "$src/scores-2025.csv"; grep "^$code,[^,]*,self," "$src/scores-2025.csv"; } \
    > "$work/$code.scores.csv"
  "$cli" import-scores "$path" 2025 "$work/$code.scores.csv" 2>/dev/null
}

attach () {
  "$cli" attach "$@" >/dev/null 2>&1
}

# UBND xã Tân Lập: the whole round trip.
unit=$work/XA-TAN-LAP.parindex
unit_workspace XA-TAN-LAP "UBND cấp xã" commune.criteria.json "$unit"
pdf tan-lap-ke-hoach.pdf 2 "UBND xa Tan Lap" "KE HOACH Cai cach hanh chinh nam 2025 (so 08/KH-UBND)"
pdf tan-lap-bao-cao.pdf 3 "UBND xa Tan Lap" "BAO CAO CCHC quy I, 6 thang nam 2025"
pdf tan-lap-bao-cao-q3.pdf 2 "UBND xa Tan Lap" "BAO CAO CCHC 9 thang nam 2025"
attach "$unit" 2025 XA-TAN-LAP 1.1.1 "$work/tan-lap-ke-hoach.pdf" --title "Kế hoạch CCHC năm 2025" \
  --number "08/KH-UBND" --date 2025-01-06 --issuer "UBND xã Tân Lập"
attach "$unit" 2025 XA-TAN-LAP 1.3.1 "$work/tan-lap-ke-hoach.pdf" --pages "Mục III, tr. 2"
attach "$unit" 2025 XA-TAN-LAP 1.2 "$work/tan-lap-bao-cao.pdf" --title "Báo cáo CCHC quý I và 6 tháng năm 2025" \
  --number "41/BC-UBND" --date 2025-06-20 --issuer "UBND xã Tân Lập"
"$cli" explain "$unit" 2025 XA-TAN-LAP 1.3.3 "Tin bài trên trang thông tin điện tử của xã; ảnh chụp gửi kèm ở vòng sau" 2>/dev/null
"$cli" submit "$unit" 2025 XA-TAN-LAP --out "$out/XA-TAN-LAP-2025-round1.parpkg" >/dev/null 2>&1
"$cli" receive "$office" "$out/XA-TAN-LAP-2025-round1.parpkg" 2>/dev/null
"$cli" review "$office" 2025 XA-TAN-LAP 1.1.1 --verdict accepted 2>/dev/null
"$cli" review "$office" 2025 XA-TAN-LAP 1.2 --verdict insufficient \
  --comment "Thiếu báo cáo 9 tháng" \
  --request-explanation "Giải trình việc chưa gửi báo cáo CCHC 9 tháng; bổ sung báo cáo nếu đã có" 2>/dev/null
report=$(sha256sum "$work/tan-lap-bao-cao.pdf" | cut -c1-12)
"$cli" review "$office" 2025 XA-TAN-LAP 1.2 --document "$report" --verdict insufficient \
  --comment "Chỉ có báo cáo quý I và 6 tháng" 2>/dev/null
"$cli" review "$office" 2025 XA-TAN-LAP 1.3.3 --verdict insufficient \
  --comment "Chưa có ảnh chụp tin bài" --request-explanation "Bổ sung ảnh chụp tin bài tuyên truyền" 2>/dev/null
"$cli" return "$office" 2025 XA-TAN-LAP --out "$out/XA-TAN-LAP-2025-appraisal1.parpkg" >/dev/null 2>&1
"$cli" receive "$unit" "$out/XA-TAN-LAP-2025-appraisal1.parpkg" 2>/dev/null
"$cli" explain "$unit" 2025 XA-TAN-LAP 1.2 "Báo cáo 9 tháng đã gửi ngày 25/9/2025, nay gửi kèm bản chụp" 2>/dev/null
attach "$unit" 2025 XA-TAN-LAP 1.2 "$work/tan-lap-bao-cao-q3.pdf" --title "Báo cáo CCHC 9 tháng năm 2025" \
  --number "67/BC-UBND" --date 2025-09-25 --issuer "UBND xã Tân Lập"
printf 'unit,criterion,stage,value\nXA-TAN-LAP,1.2,self,0\n' > "$work/tan-lap.round2.csv"
"$cli" import-scores "$unit" 2025 "$work/tan-lap.round2.csv" 2>/dev/null
"$cli" submit "$unit" 2025 XA-TAN-LAP --out "$out/XA-TAN-LAP-2025-round2.parpkg" >/dev/null 2>&1
"$cli" receive "$office" "$out/XA-TAN-LAP-2025-round2.parpkg" 2>/dev/null

# UBND phường Bắc Lam: round 1, appraised and returned.
unit=$work/PH-BAC-LAM.parindex
unit_workspace PH-BAC-LAM "UBND cấp xã" commune.criteria.json "$unit"
pdf bac-lam-ke-hoach.pdf 2 "UBND phuong Bac Lam" "KE HOACH Cai cach hanh chinh nam 2025 (so 03/KH-UBND)"
attach "$unit" 2025 PH-BAC-LAM 1.1.1 "$work/bac-lam-ke-hoach.pdf" --title "Kế hoạch CCHC năm 2025" \
  --number "03/KH-UBND" --date 2025-01-03 --issuer "UBND phường Bắc Lam"
"$cli" submit "$unit" 2025 PH-BAC-LAM --out "$out/PH-BAC-LAM-2025-round1.parpkg" >/dev/null 2>&1
"$cli" receive "$office" "$out/PH-BAC-LAM-2025-round1.parpkg" 2>/dev/null
"$cli" review "$office" 2025 PH-BAC-LAM 1.1.1 --verdict accepted 2>/dev/null
"$cli" review "$office" 2025 PH-BAC-LAM 1.1.2 --verdict insufficient --comment "Tỷ lệ 100% chưa có số liệu chứng minh" \
  --request-explanation "Gửi bảng tổng hợp tiến độ thực hiện kế hoạch" 2>/dev/null
"$cli" return "$office" 2025 PH-BAC-LAM --out "$out/PH-BAC-LAM-2025-appraisal1.parpkg" >/dev/null 2>&1

# Sở Nội vụ: round 1 received, not yet reviewed.
unit=$work/SNV.parindex
unit_workspace SNV "Sở, ban, ngành" department.criteria.json "$unit"
pdf snv-ke-hoach.pdf 3 "So Noi vu tinh Song Lam" "KE HOACH Cai cach hanh chinh nam 2025 (so 15/KH-SNV)"
attach "$unit" 2025 SNV 1.1.1 "$work/snv-ke-hoach.pdf" --title "Kế hoạch CCHC năm 2025 của Sở Nội vụ" \
  --number "15/KH-SNV" --date 2025-01-10 --issuer "Sở Nội vụ"
"$cli" submit "$unit" 2025 SNV --out "$out/SNV-2025-round1.parpkg" >/dev/null 2>&1
"$cli" receive "$office" "$out/SNV-2025-round1.parpkg" 2>/dev/null

# UBND xã Đông Xuân: its own workspace, ready to send.
unit=$work/demo-unit.parindex
unit_workspace XA-DONG-XUAN "UBND cấp xã" commune.criteria.json "$unit"
pdf dong-xuan-ke-hoach.pdf 2 "UBND xa Dong Xuan" "KE HOACH Cai cach hanh chinh nam 2025 (so 05/KH-UBND)"
pdf dong-xuan-bao-cao.pdf 4 "UBND xa Dong Xuan" "BAO CAO CCHC quy I, 6 thang, 9 thang nam 2025"
attach "$unit" 2025 XA-DONG-XUAN 1.1.1 "$work/dong-xuan-ke-hoach.pdf" --title "Kế hoạch CCHC năm 2025" \
  --number "05/KH-UBND" --date 2025-01-08 --issuer "UBND xã Đông Xuân"
attach "$unit" 2025 XA-DONG-XUAN 1.2 "$work/dong-xuan-bao-cao.pdf" --title "Báo cáo CCHC định kỳ năm 2025" \
  --number "52/BC-UBND" --date 2025-10-02 --issuer "UBND xã Đông Xuân" --pages "tr. 1–4"
"$cli" explain "$unit" 2025 XA-DONG-XUAN 1.3.3 "Tuyên truyền qua loa truyền thanh, chưa lưu được ảnh chụp" 2>/dev/null
mv "$unit" "$out/demo-unit.parindex"

rm -rf "$work"
