#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent check of the printed annexes (a PDF from parindex-cli export
--out FILE.pdf, or from the window's print operation).

Reads the PDF with poppler-utils (pdfinfo, pdftotext) and compares what a
reader of the paper sees with `parindex-cli results --format json`: every
page A4, the headings of each annex (issuing body, national motto, "PHỤ LỤC
…", the title in capitals, the decision in words), the header rows repeated
on every page of a table, "Trang k/N" on every page, the fingerprint in
every footer, each unit's points, index, rank and class on one line with
the decimal comma, and the Vietnamese text intact. Exit status 0 when the
pages are right, 1 with every problem listed.

  check-annex-pdf.py --cli PARINDEX-CLI --workspace W --year Y --pdf FILE
                     [--units A,B] [--decision-number T] [--decision-date D]
                     [--issuer T] [--fingerprint HEX]
"""

import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from annex_expected import (MOTTO, NATION, block_caps,  # noqa: E402
                            decision_line, shown_index, shown_points, unit_label)

A4 = (595.3, 841.9)

problems = []


def problem(where, message):
    problems.append(f"{where}: {message}")


def die(message):
    print("check-annex-pdf: " + message, file=sys.stderr)
    sys.exit(1)


def run(argv):
    try:
        done = subprocess.run(argv, capture_output=True, text=True)
    except FileNotFoundError:
        die(f"{argv[0]} is missing: install poppler-utils (apt-get install poppler-utils)")
    if done.returncode != 0:
        die(f"{' '.join(argv)} failed: {done.stderr}")
    return done.stdout


def comma(text):
    return text.replace(".", ",")


def flat(text):
    """The text with every run of white space as one space, NFC."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def page_sizes(pdf, n_pages):
    sizes = []
    info = run(["pdfinfo", "-f", "1", "-l", str(n_pages), pdf])
    for match in re.finditer(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M):
        sizes.append((float(match.group(1)), float(match.group(2))))
    return sizes


def main():
    parser = argparse.ArgumentParser(description="Check printed annexes independently.")
    parser.add_argument("--cli", required=True)
    parser.add_argument("--workspace", required=True)
    parser.add_argument("--year", required=True, type=int)
    parser.add_argument("--pdf", required=True)
    parser.add_argument("--units")
    parser.add_argument("--decision-number")
    parser.add_argument("--decision-date")
    parser.add_argument("--issuer")
    parser.add_argument("--fingerprint")
    args = parser.parse_args()

    results = json.loads(run([args.cli, "results", args.workspace, str(args.year),
                              "--format", "json"]))
    units = results["units"]
    blocks = []
    for unit in units:
        if unit["block"] not in blocks:
            blocks.append(unit["block"])
    if args.units is None:
        selected = units
    else:
        wanted = {code.strip() for code in args.units.split(",")}
        selected = [u for u in units if u["code"] in wanted]

    info = run(["pdfinfo", args.pdf])
    n_pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    for number, (width, height) in enumerate(page_sizes(args.pdf, n_pages), 1):
        if sorted((round(width, 1), round(height, 1))) != sorted(A4):
            problem(f"page {number}", f"{width} x {height} pt is not A4")

    text = run(["pdftotext", "-layout", "-enc", "UTF-8", args.pdf, "-"])
    pages = [unicodedata.normalize("NFC", page) for page in text.split("\f")][:n_pages]
    if len(pages) != n_pages:
        die(f"pdftotext gave {len(pages)} pages of {n_pages}")

    # Footers: "Trang k/N" counting the pages of each annex; the fingerprint.
    annexes = []  # (first page index, number of pages)
    expected_k = 1
    for i, page in enumerate(pages):
        match = re.search(r"Trang (\d+)/(\d+)\s*$", page.rstrip())
        if match is None:
            problem(f"page {i + 1}", "no “Trang k/N” at the foot")
            continue
        k, of = int(match.group(1)), int(match.group(2))
        if k != expected_k:
            problem(f"page {i + 1}", f"numbered {k}/{of}, expected {expected_k}")
        if k == 1:
            annexes.append((i, of))
        expected_k = 1 if k >= of else k + 1
        if args.fingerprint and f"Mã kiểm tra: {args.fingerprint}" not in page:
            problem(f"page {i + 1}", "the fingerprint is not in the footer")

    n_annexes = 1 + len(blocks) + 1 + len(selected)
    if len(annexes) != n_annexes:
        problem("annexes", f"{len(annexes)} annexes printed, expected {n_annexes}")
        report()

    def annex_text(n):
        first, count = annexes[n]
        return pages[first:first + count]

    reference = decision_line(args)
    issuer = (args.issuer or "").strip().upper()
    caps_year = f"CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {args.year}"
    titles = [("I", "KẾT QUẢ XẾP HẠNG " + caps_year)]
    for block in blocks:
        caps = block_caps(block)
        titles.append(("II", "ĐIỂM CÁC LĨNH VỰC CỦA " + caps_year + (f" - {caps}" if caps else "")))
    titles.append(("III", "TỔNG HỢP XẾP LOẠI " + caps_year))
    titles += [("IV", "BẢNG ĐIỂM " + caps_year)] * len(selected)

    for n, (numeral, title) in enumerate(titles):
        first = flat(annex_text(n)[0])
        where = f"annex {n + 1} (PHỤ LỤC {numeral})"
        for wanted in (NATION, MOTTO, f"PHỤ LỤC {numeral}", title, reference) + \
                      ((issuer,) if issuer else ()):
            if flat(wanted) not in first:
                problem(where, f"the first page lacks “{wanted}”")
        # The header rows come again at the top of every further page.
        for number, page in enumerate(annex_text(n)[1:], 2):
            header = ("STT", "Tên đơn vị") if numeral in ("I", "II") else \
                     ("Xếp loại", "Số đơn vị") if numeral == "III" else \
                     ("Tiêu chí, tiêu chí thành phần", "Ghi chú, giải trình")
            head = flat("\n".join(page.splitlines()[:12]))
            for wanted in header:
                if wanted not in head:
                    problem(where, f"page {number} does not repeat the header “{wanted}”")

    # PL I: each unit's row shows its points, index, rank and class on one
    # line, numbers with the decimal comma; the names with their diacritics.
    ranking = "\n".join(annex_text(0))
    ranking_flat = flat(ranking)
    lines = ranking.splitlines()
    for unit in units:
        label = unit_label(unit)
        if flat(label) not in ranking_flat and flat(unit["name"]) not in ranking_flat:
            problem(unit["code"], f"“{label}” is not in PHỤ LỤC I")
        cells = [comma(shown_points(unit["points"]))]
        if unit["index"] is not None:
            cells += [comma(shown_index(unit["index"])), str(unit["rank"]), unit["band"]]
        pattern = r"\s+".join(re.escape(cell) for cell in cells)
        if not any(re.search(r"(^|\s)" + pattern + r"(\s|$)", line) for line in lines):
            problem(unit["code"], f"no line of PHỤ LỤC I shows {' '.join(cells)}")

    # PL II: each unit's total points and index, in its block's table.
    for b, block in enumerate(blocks):
        table = "\n".join(annex_text(1 + b))
        for unit in (u for u in units if u["block"] == block):
            for field in unit["fields"]:
                if comma(shown_points(field["points"])) not in table:
                    problem(unit["code"], f"field {field['code']} points not in PHỤ LỤC II")

    # PL IV: one score sheet per selected unit, its name and code, the total.
    for n, unit in enumerate(selected):
        sheet = flat("\n".join(annex_text(2 + len(blocks) + n)))
        line = flat(f"Đơn vị: {unit['name']} - Mã: {unit['code']}")
        if line not in sheet:
            problem(unit["code"], f"the score sheet lacks “{line}”")
        if "TỔNG CỘNG" not in sheet:
            problem(unit["code"], "the score sheet lacks its total row")
        if comma(shown_points(unit["points"])) not in sheet:
            problem(unit["code"], "the score sheet lacks the unit's points")

    report()


def report():
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"check-annex-pdf: {len(problems)} problems", file=sys.stderr)
        sys.exit(1)
    print("check-annex-pdf: the printed annexes agree with the results")
    sys.exit(0)


if __name__ == "__main__":
    main()
