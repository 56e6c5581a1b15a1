#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent check of an annex workbook (parindex-cli export).

Reads the workbook back with openpyxl (Debian's python3-openpyxl) and with
LibreOffice headless (converted to CSV, as a spreadsheet program shows it),
and compares it with `parindex-cli results --format json` for the same
workspace and with the criteria sets: sheet names, every value, merged
heading ranges, fonts, page setup, repeated rows, frozen panes, number
formats, cached formula values, footers, diacritics.

Nothing here reuses the C code: the Vietnamese date, the decision line,
sheet names, band ranges and the displayed numbers are worked out again.
Exit status 0 when the workbook is right, 1 with every problem listed.
Missing tools are a failure, not a skip: CI installs them.

  check-annex.py --cli PARINDEX-CLI --workspace W --year Y --xlsx FILE
                 --criteria BLOCK=FILE.criteria.json ... [--units A,B]
                 [--decision-number T] [--decision-date D] [--issuer T]
                 [--signer T] [--fingerprint HEX]
"""

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from annex_expected import (MOTTO, NATION, ROMAN, block_caps,  # noqa: E402
                            decision_line, shown_change, shown_index, shown_points,
                            shown_rank_change, unit_label)

TNR = "Times New Roman"
PORTRAIT_MAX_WIDTH = 88.0
NOT_APPLICABLE = "Không áp dụng"
DEFAULT_BANDS = [("Xuất sắc", 90), ("Tốt", 80), ("Khá", 70), ("Trung bình", 50), ("Yếu", 0)]

FORMAT_POINTS = "0.00#"
FORMAT_INDEX = "0.00"
FORMAT_INTEGER = "0"
FORMAT_INDEX_CHANGE = "+0.00;-0.00;0.00"
FORMAT_RANK_CHANGE = "+0;-0;0"

problems = []


def die(message):
    print("check-annex: " + message, file=sys.stderr)
    sys.exit(1)


def problem(where, message):
    problems.append(f"{where}: {message}")


def expect(where, got, want):
    if got != want:
        problem(where, f"got {got!r}, expected {want!r}")


try:
    import openpyxl
    from openpyxl.utils import get_column_letter
except ImportError:
    die("python3-openpyxl is missing: install it (apt-get install python3-openpyxl); "
        "the annex cannot be checked without it")


# --- What the workbook should say --------------------------------------------------------------


def sheet_name(wanted, used):
    text = unicodedata.normalize("NFC", wanted)
    text = "".join(" " if ord(c) < 0x20 or c == "\x7f" else "-" if c in "[]:*?/\\" else c
                   for c in text)[:31]
    n = 1
    while True:
        suffix = f" ({n})" if n > 1 else ""
        stem = text[:31 - len(suffix)].strip().strip("'") or "Trang"
        candidate = stem + suffix
        if candidate.casefold() not in used:
            used.add(candidate.casefold())
            return candidate
        n += 1


def number(text):
    return float(Decimal(str(text)))


def percent_text(value):
    text = format(Decimal(value) / 100, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


class Criteria:
    """A criteria set file: the tree with each node's maximum, and the bands."""

    def __init__(self, path):
        with open(path, encoding="utf-8-sig") as f:
            data = json.load(f)
        self.nodes = []
        self.fields = []
        for node in data["nodes"]:
            self.fields.append(self._walk(node, 0))
        bands = [(b["label"], Decimal(str(b["min"]))) for b in data.get("bands", [])] or \
            [(label, Decimal(m)) for label, m in DEFAULT_BANDS]
        self.bands = sorted(bands, key=lambda b: b[1], reverse=True)
        self.total = sum((f["max"] for f in self.fields), Decimal(0))

    def _walk(self, node, depth):
        entry = {"code": node["code"], "title": unicodedata.normalize("NFC", node["title"]),
                 "depth": depth, "children": []}
        self.nodes.append(entry)
        if node.get("children"):
            entry["children"] = [self._walk(child, depth + 1) for child in node["children"]]
            entry["max"] = sum((c["max"] for c in entry["children"]), Decimal(0))
        else:
            entry["max"] = Decimal(str(node["max"]))
        return entry


# --- Reading the workbook ----------------------------------------------------------------------

def text_of(cell):
    return "" if cell.value is None else str(cell.value)


def find_row(ws, first_column_text, start=7):
    for row in range(start, ws.max_row + 1):
        if ws.cell(row, 1).value == first_column_text:
            return row
    return None


def check_fonts(ws, name, table_first, table_last, table_size):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            where = f"{name}!{cell.coordinate}"
            if cell.font.name != TNR:
                problem(where, f"font {cell.font.name!r}, expected {TNR}")
            if table_first <= cell.row <= table_last and cell.font.sz != table_size:
                problem(where, f"font size {cell.font.sz}, expected {table_size}")
            if cell.font.sz not in (12, 13, 14):
                problem(where, f"font size {cell.font.sz} is not 12–14 pt")


def check_heading(ws, name, args, reference, numeral, n_columns, line=None):
    merged = {str(r) for r in ws.merged_cells.ranges}
    last = get_column_letter(n_columns)
    split = None
    for col in range(1, n_columns + 1):
        if ws.cell(1, col).value == NATION:
            split = col
    if split is None or split == 1:
        problem(name, f"no “{NATION}” at the top right")
        return
    letter = get_column_letter(split)
    for row, text in ((1, NATION), (2, MOTTO)):
        if f"{letter}{row}:{last}{row}" not in merged:
            problem(name, f"the motto is not merged over {letter}{row}:{last}{row}")
        cell = ws.cell(row, split)
        expect(f"{name}!{cell.coordinate}", cell.value, text)
        if not cell.font.b:
            problem(f"{name}!{cell.coordinate}", "the motto is not bold")
    if ws.cell(2, split).font.u != "single":
        problem(name, "“Độc lập - Tự do - Hạnh phúc” is not underlined")
    issuer = (args.issuer or "").strip()
    if issuer:
        expect(f"{name}!A1", ws["A1"].value, issuer.upper())
        if not ws["A1"].font.b:
            problem(f"{name}!A1", "the issuing body is not bold")
        if split > 2 and f"A1:{get_column_letter(split - 1)}1" not in merged:
            problem(name, "the issuing body is not merged over the left half")
    expect(f"{name}!A4", ws["A4"].value, f"PHỤ LỤC {numeral}")
    title = text_of(ws["A5"])
    if title != title.upper() or f"NĂM {args.year}" not in title:
        problem(f"{name}!A5", f"title {title!r} is not in capitals with the year")
    if not ws["A4"].font.b or not ws["A5"].font.b:
        problem(name, "the annex heading is not bold")
    expect(f"{name}!A6", ws["A6"].value, reference)
    if not ws["A6"].font.i:
        problem(f"{name}!A6", "the decision line is not in italics")
    for row in (4, 5, 6) + ((7,) if line else ()):
        if f"A{row}:{last}{row}" not in merged:
            problem(name, f"row {row} is not merged across A:{last}")
    if line:
        expect(f"{name}!A7", ws["A7"].value, line)


def check_page(ws, name, header_first, header_last, freeze, fingerprint):
    setup = ws.page_setup
    if str(setup.paperSize) != "9":
        problem(name, f"paper size {setup.paperSize}, expected 9 (A4)")
    if not ws.sheet_properties.pageSetUpPr.fitToPage or setup.fitToWidth not in (None, 1) \
            or setup.fitToHeight != 0:
        problem(name, "not printed to fit the page width")
    widths = [d.width for d in ws.column_dimensions.values() if d.width]
    if len(widths) < ws.max_column:
        problem(name, "some column has no computed width")
    # The file stores a width plus 5 pixels of padding (5/7 of a character).
    width = sum(w - 5 / 7 for w in widths)
    if abs(width - PORTRAIT_MAX_WIDTH) > 0.5:
        expect(f"{name} orientation ({width:.1f} characters wide)", setup.orientation,
               "landscape" if width > PORTRAIT_MAX_WIDTH else "portrait")
    expect(f"{name} repeated rows", ws.print_title_rows, f"${header_first}:${header_last}")
    expect(f"{name} frozen panes", ws.freeze_panes, freeze)
    margins = ws.page_margins
    for side, want in (("left", 1.18), ("right", 0.59), ("top", 0.79), ("bottom", 0.79)):
        if abs(getattr(margins, side) - want) > 0.01:
            problem(name, f"{side} margin {getattr(margins, side)}, expected {want}")
    if "&P" not in (ws.oddFooter.right.text or ""):
        problem(name, "no page number in the footer")
    if fingerprint:
        left = ws.oddFooter.left
        if fingerprint not in (left.text or "") or (left.size or 99) > 8:
            problem(name, "the fingerprint is not in small type in the footer")
    elif ws.oddFooter.left.text:
        problem(name, "a fingerprint in the footer though none was given")
    for row in range(header_first, ws.max_row + 1):
        height = ws.row_dimensions[row].height
        if ws.cell(row, 1).value is not None and (height is None or height < 12):
            problem(name, f"row {row} has no height for its text")


def check_cell(where, cell, value, number_format=None):
    if value is None:
        if cell.value not in (None, ""):
            problem(where, f"got {cell.value!r}, expected an empty cell")
        return
    if isinstance(value, float):
        if not isinstance(cell.value, (int, float)) or isinstance(cell.value, bool):
            problem(where, f"got {cell.value!r} ({type(cell.value).__name__}), "
                    f"expected the number {value}")
        elif float(cell.value) != value:
            problem(where, f"got {cell.value!r}, expected {value!r}")
    else:
        expect(where, cell.value, value)
    if number_format is not None:
        expect(f"{where} number format", cell.number_format, number_format)


def check_ranking(ws, name, blocks, units_by_block, year):
    header = find_row(ws, "STT")
    if header is None:
        problem(name, "no table header")
        return
    expect(f"{name}!G{header}", ws.cell(header, 7).value, f"So với năm {year - 1}")
    check_page(ws, name, header, header + 1, f"A{header + 2}", ARGS.fingerprint)
    row = header + 2
    for nth, block in enumerate(blocks, 1):
        caps = block_caps(block)
        if caps is not None:
            expect(f"{name}!A{row}", ws.cell(row, 1).value, f"{ROMAN[nth - 1]}. {caps}")
            row += 1
        for stt, unit in enumerate(units_by_block[block], 1):
            where = f"{name} row {row} ({unit['code']})"
            check_cell(where + " STT", ws.cell(row, 1), float(stt))
            check_cell(where + " name", ws.cell(row, 2), unit_label(unit))
            check_cell(where + " points", ws.cell(row, 3), number(unit["points"]), FORMAT_POINTS)
            index = None if unit["index"] is None else number(unit["index"])
            check_cell(where + " index", ws.cell(row, 4), index, FORMAT_INDEX)
            rank = None if unit["rank"] is None else float(unit["rank"])
            check_cell(where + " rank", ws.cell(row, 5), rank, FORMAT_INTEGER)
            check_cell(where + " class", ws.cell(row, 6), unit["band"])
            previous = unit["previous"]
            change = None
            places = None
            if previous is not None and previous["index_change"] is not None:
                change = number(previous["index_change"])
                places = float(previous["rank_change"])
            check_cell(where + " ± index", ws.cell(row, 7), change, FORMAT_INDEX_CHANGE)
            check_cell(where + " ± places", ws.cell(row, 8), places, FORMAT_RANK_CHANGE)
            row += 1
    check_fonts(ws, name, header + 2, row - 1, 13)


def check_fields(ws, name, block, units, criteria):
    fields = criteria.fields
    n = len(fields)
    header = find_row(ws, "STT")
    if header is None:
        problem(name, "no table header")
        return
    check_page(ws, name, header, header + 1, f"C{header + 2}", ARGS.fingerprint)
    for f, field in enumerate(fields):
        where = f"{name} field {field['code']} header"
        check_cell(where, ws.cell(header, 3 + f), f"{field['code']}. {field['title']}")
        check_cell(where + " max", ws.cell(header + 1, 3 + f), float(field["max"]), FORMAT_POINTS)
    check_cell(f"{name} total header", ws.cell(header, 3 + n), "Tổng điểm")
    check_cell(f"{name} total max", ws.cell(header + 1, 3 + n), float(criteria.total),
               FORMAT_POINTS)
    for i, unit in enumerate(units):
        row = header + 2 + i
        where = f"{name} row {row} ({unit['code']})"
        check_cell(where + " STT", ws.cell(row, 1), float(i + 1))
        check_cell(where + " name", ws.cell(row, 2), unit_label(unit))
        if [fr["code"] for fr in unit["fields"]] != [f["code"] for f in fields]:
            problem(where, "the results' fields differ from the criteria set's")
            continue
        for f, field in enumerate(unit["fields"]):
            check_cell(f"{where} field {field['code']}", ws.cell(row, 3 + f),
                       number(field["points"]), FORMAT_POINTS)
        check_cell(where + " total", ws.cell(row, 3 + n), number(unit["points"]), FORMAT_POINTS)
        index = None if unit["index"] is None else number(unit["index"])
        check_cell(where + " index", ws.cell(row, 4 + n), index, FORMAT_INDEX)
        rank = None if unit["rank"] is None else float(unit["rank"])
        check_cell(where + " rank", ws.cell(row, 5 + n), rank, FORMAT_INTEGER)
        check_cell(where + " class", ws.cell(row, 6 + n), unit["band"])
    check_fonts(ws, name, header + 2, header + 1 + len(units), 12)


def band_range(bands, k):
    label, low = bands[k]
    if k == 0:
        return f"Từ {percent_text(low * 100)}% trở lên"
    upper = percent_text(bands[k - 1][1] * 100)
    if low <= 0:
        return f"Dưới {upper}%"
    return f"Từ {percent_text(low * 100)}% đến dưới {upper}%"


def share(count, of):
    if of == 0:
        return None
    return float((Decimal(count * 10000) / of).quantize(Decimal(1), rounding="ROUND_HALF_UP") / 100)


def band_counts(units):
    """Per block: the ranked units, their classes, and the moves against last year."""
    ranked = [u for u in units if u["index"] is not None]
    counts = {"ranked": len(ranked), "unranked": len(units) - len(ranked), "rose": 0, "fell": 0,
              "same": 0, "new": 0, "bands": {}}
    for unit in ranked:
        counts["bands"][unit["band"]] = counts["bands"].get(unit["band"], 0) + 1
        previous = unit["previous"]
        if previous is None:
            counts["new"] += 1
        else:
            change = Decimal(str(previous["index_change"]))
            counts["rose" if change > 0 else "fell" if change < 0 else "same"] += 1
    return counts


def check_bands(ws, ws_cached, name, blocks, units_by_block, criteria_by_block, year):
    header = find_row(ws, "STT")
    if header is None:
        problem(name, "no table header")
        return
    check_page(ws, name, header, header, f"A{header + 1}", ARGS.fingerprint)
    row = header + 1
    for nth, block in enumerate(blocks, 1):
        bands = criteria_by_block[block].bands
        counts = band_counts(units_by_block[block])
        caps = block_caps(block)
        if caps is not None:
            expect(f"{name}!A{row}", ws.cell(row, 1).value, f"{ROMAN[nth - 1]}. {caps}")
            row += 1
        first = row
        for k, (label, _low) in enumerate(bands):
            where = f"{name} row {row} ({block}, {label})"
            check_cell(where + " STT", ws.cell(row, 1), float(k + 1))
            check_cell(where + " class", ws.cell(row, 2), label)
            check_cell(where + " range", ws.cell(row, 3), band_range(bands, k))
            count = counts["bands"].get(label, 0)
            check_cell(where + " count", ws.cell(row, 4), float(count), FORMAT_INTEGER)
            check_cell(where + " share", ws.cell(row, 5), share(count, counts["ranked"]),
                       FORMAT_INDEX)
            row += 1
        where = f"{name} row {row} ({block}, total)"
        check_cell(where, ws.cell(row, 2), "Tổng số đơn vị được xếp loại")
        expect(where + " formula", ws.cell(row, 4).value, f"=SUM(D{first}:D{row - 1})")
        check_cell(where + " cached value", ws_cached.cell(row, 4), float(counts["ranked"]))
        TOTALS.append((block, counts["ranked"]))
        row += 1
        if counts["unranked"]:
            check_cell(f"{name} row {row} ({block}, without index)", ws.cell(row, 4),
                       float(counts["unranked"]))
            row += 1
        for key, label in (("rose", f"Chỉ số tăng so với năm {year - 1}"),
                           ("fell", f"Chỉ số giảm so với năm {year - 1}"),
                           ("same", f"Chỉ số không đổi so với năm {year - 1}"),
                           ("new", f"Không có chỉ số năm {year - 1} để so sánh")):
            where = f"{name} row {row} ({block}, {key})"
            check_cell(where, ws.cell(row, 2), label)
            check_cell(where + " count", ws.cell(row, 4), float(counts[key]), FORMAT_INTEGER)
            check_cell(where + " share", ws.cell(row, 5), share(counts[key], counts["ranked"]),
                       FORMAT_INDEX)
            row += 1
    check_fonts(ws, name, header + 1, row - 1, 13)


def check_unit(ws, name, unit, criteria, of):
    header = find_row(ws, "Mã")
    if header is None:
        problem(name, "no table header")
        return
    check_page(ws, name, header, header, f"A{header + 1}", ARGS.fingerprint)
    row = header + 1
    values = {}
    for node in criteria.nodes:
        where = f"{name} row {row} ({node['code']})"
        code_cell, title_cell = ws.cell(row, 1), ws.cell(row, 2)
        check_cell(where + " code", code_cell, node["code"])
        check_cell(where + " title", title_cell, node["title"])
        check_cell(where + " max", ws.cell(row, 3), float(node["max"]), FORMAT_POINTS)
        group = bool(node["children"])
        if bool(code_cell.font.b) != group or bool(title_cell.font.b) != group:
            problem(where, "group rows, and only they, are bold")
        expect(where + " indent", int(title_cell.alignment.indent or 0), min(node["depth"], 4))
        values[node["code"]] = (ws.cell(row, 4).value, ws.cell(row, 5).value)
        if not group:
            check_cell(where + " evidence", ws.cell(row, 7),
                       float(EVIDENCE.get((unit["code"], node["code"]), 0)), FORMAT_INTEGER)
        node["evidence"] = ws.cell(row, 7).value
        for col in (4, 5):
            value = ws.cell(row, col).value
            if value is not None and value != NOT_APPLICABLE:
                expect(where + " number format", ws.cell(row, col).number_format, FORMAT_POINTS)
        node["row"] = row
        row += 1

    def leaves_sum(node, col):
        if not node["children"]:
            value = values[node["code"]][col]
            return (Decimal(str(value)), True) if isinstance(value, (int, float)) else \
                (Decimal(0), value == NOT_APPLICABLE)
        total, seen = Decimal(0), False
        for child in node["children"]:
            value, present = leaves_sum(child, col)
            total += value
            seen |= present
        return total, seen

    def evidence_sum(node):
        if not node["children"]:
            return node["evidence"] or 0
        return sum(evidence_sum(child) for child in node["children"])

    for node in criteria.nodes:
        if node["children"]:
            if node["evidence"] != evidence_sum(node):
                problem(f"{name} {node['code']}", f"group evidence {node['evidence']!r}, expected "
                        f"{evidence_sum(node)}")
            for col in (0, 1):
                total, seen = leaves_sum(node, col)
                got = values[node["code"]][col]
                if (got is None) == seen or (seen and Decimal(str(got)) != total):
                    problem(f"{name} {node['code']}", f"group sum {got!r}, expected {total}")

    where = f"{name} row {row} (total)"
    check_cell(where, ws.cell(row, 1), "TỔNG CỘNG")
    check_cell(where + " max", ws.cell(row, 3), float(criteria.total), FORMAT_POINTS)
    check_cell(where + " evidence", ws.cell(row, 7),
               float(sum(evidence_sum(field) for field in criteria.fields)), FORMAT_INTEGER)
    self_total, self_seen = Decimal(0), False
    appraisal_total, appraisal_seen = Decimal(0), False
    for field in criteria.fields:
        value, seen = leaves_sum(field, 0)
        self_total += value
        self_seen |= seen
        value, seen = leaves_sum(field, 1)
        appraisal_total += value
        appraisal_seen |= seen
    check_cell(where + " self", ws.cell(row, 4),
               number(unit["self_points"]) if self_seen else None,
               FORMAT_POINTS if self_seen else None)
    if self_seen and Decimal(str(unit["self_points"])) != self_total:
        problem(where, f"the self-assessed leaves sum to {self_total}, "
                f"results say {unit['self_points']}")
    if not unit["provisional"] and unit["index"] is not None:
        # Fully appraised: the appraised column is what the index is computed from.
        check_cell(where + " appraised", ws.cell(row, 5), number(unit["points"]))
        for field, result in zip(criteria.fields, unit["fields"]):
            check_cell(f"{name} field {field['code']} appraised", ws.cell(field["row"], 5),
                       number(result["points"]))
    row += 2
    rank = None if unit["rank"] is None else f"{unit['rank']}/{of}"
    for label, value, fmt in (
            ("Tổng điểm đạt được", number(unit["points"]), FORMAT_POINTS),
            ("Tổng điểm tối đa của các tiêu chí áp dụng", number(unit["max"]), FORMAT_POINTS),
            ("Chỉ số CCHC (%)", None if unit["index"] is None else number(unit["index"]),
             FORMAT_INDEX),
            ("Xếp loại", unit["band"], None),
            ("Xếp hạng trong khối", rank, None)):
        check_cell(f"{name} row {row}", ws.cell(row, 1), label)
        check_cell(f"{name} row {row} value", ws.cell(row, 4), value, fmt)
        row += 1
    check_fonts(ws, name, header + 1, header + len(criteria.nodes), 12)


# --- What LibreOffice shows --------------------------------------------------------------------

RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def libreoffice_csv(path, tmp):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        die("LibreOffice is missing: install it (apt-get install libreoffice-calc-nogui); "
            "the annex cannot be checked without it")
    profile = os.path.join(tmp, "profile")
    os.makedirs(os.path.join(profile, "user"))
    # Recalculate formulas on load, so the totals shown are LibreOffice's own.
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
        f.write(RECALC)
    out = os.path.join(tmp, "csv")
    # Token 76: UTF-8; 9th: cells as shown; 12th, -1: every sheet to its own file.
    filter_options = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
    env = dict(os.environ, HOME=tmp, LC_ALL="C.UTF-8", LANG="C.UTF-8")
    run = subprocess.run([soffice, "--headless", "--norestore", "--nolockcheck",
                          f"-env:UserInstallation=file://{profile}", "--convert-to", filter_options,
                          "--outdir", out, path],
                         capture_output=True, text=True, env=env, timeout=240)
    sheets = {}
    for line in run.stdout.splitlines():
        match = re.match(r"Writing sheet (.*) -> (.*\.csv)$", line.strip())
        if match:
            with open(match.group(2), encoding="utf-8", newline="") as f:
                sheets[match.group(1)] = list(csv.reader(f))
    if run.returncode != 0 or not sheets:
        die(f"LibreOffice could not convert {path}: {run.stdout} {run.stderr}")
    return sheets


def check_shown(shown, expected_names, blocks, units_by_block, reference, selected, ranked_of):
    for name in expected_names:
        if name not in shown:
            problem("LibreOffice", f"no sheet “{name}”")
    ranking = shown.get(expected_names[0], [])
    flat = [cell for row in ranking for cell in row]
    for text in (NATION, MOTTO, reference, "PHỤ LỤC I"):
        if text not in flat:
            problem("LibreOffice ranking", f"does not show “{text}”")
    rows = {row[1]: row for row in ranking if len(row) >= 8}
    for block in blocks:
        for unit in units_by_block[block]:
            row = rows.get(unit_label(unit))
            where = f"LibreOffice ranking ({unit['code']})"
            if row is None:
                problem(where, f"no row for “{unit_label(unit)}” (diacritics lost?)")
                continue
            previous = unit["previous"]
            has_change = previous is not None and previous["index_change"] is not None
            want = [shown_points(unit["points"]),
                    "" if unit["index"] is None else shown_index(unit["index"]),
                    "" if unit["rank"] is None else str(unit["rank"]),
                    unit["band"] or "",
                    shown_change(Decimal(str(previous["index_change"]))) if has_change else "",
                    shown_rank_change(previous["rank_change"]) if has_change else ""]
            expect(where, row[2:8], want)
    bands = shown.get("PL III - Phân loại", [])
    totals = [row[3] for row in bands if len(row) > 3 and row[1] == "Tổng số đơn vị được xếp loại"]
    expect("LibreOffice classes: totals (recalculated)", totals, [str(n) for _b, n in TOTALS])
    for unit, name in selected:
        rows = shown.get(name, [])
        summary = {row[0]: row[3] for row in rows if len(row) > 3}
        where = f"LibreOffice {name}"
        expect(where + " points", summary.get("Tổng điểm đạt được"), shown_points(unit["points"]))
        expect(where + " index", summary.get("Chỉ số CCHC (%)"),
               "" if unit["index"] is None else shown_index(unit["index"]))
        expect(where + " rank", summary.get("Xếp hạng trong khối"),
               "" if unit["rank"] is None else f"{unit['rank']}/{ranked_of[unit['block']]}")


# --- Main --------------------------------------------------------------------------------------

TOTALS = []
ARGS = None
EVIDENCE = {}


def main():
    global ARGS
    parser = argparse.ArgumentParser(description="Check an annex workbook independently.")
    parser.add_argument("--cli", required=True)
    parser.add_argument("--workspace", required=True)
    parser.add_argument("--year", required=True, type=int)
    parser.add_argument("--xlsx", required=True)
    parser.add_argument("--criteria", action="append", default=[], metavar="BLOCK=FILE")
    parser.add_argument("--units")
    parser.add_argument("--decision-number")
    parser.add_argument("--decision-date")
    parser.add_argument("--issuer")
    parser.add_argument("--signer")
    parser.add_argument("--fingerprint")
    parser.add_argument("--evidence", action="append", default=[], metavar="UNIT:CRITERION=N",
                        help="documents linked to a sub-criterion (others have none)")
    ARGS = args = parser.parse_args()
    for item in args.evidence:
        key, count = item.rsplit("=", 1)
        unit_code, criterion = key.rsplit(":", 1)
        EVIDENCE[(unit_code, criterion)] = int(count)

    run = subprocess.run([args.cli, "results", args.workspace, str(args.year), "--format", "json"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        die(f"parindex-cli results failed: {run.stderr}")
    results = json.loads(run.stdout)
    criteria_by_block = {}
    for item in args.criteria:
        block, path = item.split("=", 1)
        criteria_by_block[block] = Criteria(path)

    units = results["units"]
    blocks = []
    units_by_block = {}
    for unit in units:
        if unit["block"] not in units_by_block:
            blocks.append(unit["block"])
            units_by_block[unit["block"]] = []
        units_by_block[unit["block"]].append(unit)
    for block in blocks:
        if block not in criteria_by_block:
            die(f"no --criteria for the block “{block}”")
    ranked_of = {b: sum(1 for u in units_by_block[b] if u["index"] is not None) for b in blocks}
    for unit in units:
        if unit["of"] != ranked_of[unit["block"]]:
            problem(unit["code"], "results: “of” is not the number of ranked units")

    if args.units is None:
        selected_units = units
    else:
        wanted = {code.strip() for code in args.units.split(",")}
        selected_units = [u for u in units if u["code"] in wanted]

    used = {"history"}
    names = [sheet_name("PL I - Xếp hạng", used)]
    field_names = [sheet_name(f"PL II - {b if block_caps(b) else 'Lĩnh vực'}", used)
                   for b in blocks]
    names += field_names
    names.append(sheet_name("PL III - Phân loại", used))
    selected = [(u, sheet_name(f"{u['code']} - {u['name']}", used)) for u in selected_units]
    names += [name for _u, name in selected]

    workbook = openpyxl.load_workbook(args.xlsx)
    cached = openpyxl.load_workbook(args.xlsx, data_only=True)
    expect("sheet names", workbook.sheetnames, names)
    folded = set()
    for name in workbook.sheetnames:
        if len(name) > 31 or any(c in name for c in "[]:*?/\\") or name.casefold() in folded:
            problem(name, "not a valid, unique sheet name")
        folded.add(name.casefold())
    if workbook.sheetnames != names:
        report()

    reference = decision_line(args)
    ws = workbook[names[0]]
    check_heading(ws, names[0], args, reference, "I", 8)
    check_ranking(ws, names[0], blocks, units_by_block, args.year)
    for block, name in zip(blocks, field_names):
        ws = workbook[name]
        check_heading(ws, name, args, reference, "II", len(criteria_by_block[block].fields) + 6)
        check_fields(ws, name, block, units_by_block[block], criteria_by_block[block])
    name = names[1 + len(blocks)]
    check_heading(workbook[name], name, args, reference, "III", 5)
    check_bands(workbook[name], cached[name], name, blocks, units_by_block, criteria_by_block,
                args.year)
    for unit, name in selected:
        line = f"Đơn vị: {unit['name']} - Mã: {unit['code']} - Khối: {unit['block']}"
        check_heading(workbook[name], name, args, reference, "IV", 7, line)
        check_unit(workbook[name], name, unit, criteria_by_block[unit["block"]],
                   ranked_of[unit["block"]])

    signer = (args.signer or "").strip()
    if signer:
        for name in names[:2 + len(blocks)]:
            ws = workbook[name]
            if not any(cell.value == signer for row in ws.iter_rows() for cell in row):
                problem(name, "no signature block with the signer's name")

    with tempfile.TemporaryDirectory(prefix="check-annex-") as tmp:
        shown = libreoffice_csv(os.path.abspath(args.xlsx), tmp)
    check_shown(shown, names, blocks, units_by_block, reference, selected, ranked_of)
    report()


def report():
    if problems:
        for line in problems[:200]:
            print("check-annex: " + line, file=sys.stderr)
        if len(problems) > 200:
            print(f"check-annex: … and {len(problems) - 200} more", file=sys.stderr)
        sys.exit(1)
    print("check-annex: the workbook is right")
    sys.exit(0)


if __name__ == "__main__":
    main()
