#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the demo units and scores of the fictional tỉnh Sông Lam (2024, 2025).

    python3 data/demo/make-demo-csv.py

Reads ../criteria/commune.criteria.json and ../criteria/department.criteria.json,
checks both sets against FORMATS.md §1, writes units-YYYY.csv and scores-YYYY.csv
beside this script, then computes the results exactly as FORMATS.md §4 says
(decimal arithmetic, half-up rounding) and prints one ranking table per year and
block. Standard library only; the output is the same on every run.
"""

import csv
import json
import random
import sys
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
CRITERIA_DIR = HERE.parent / "criteria"
YEARS = (2024, 2025)

COMMUNES = "UBND cấp xã"
DEPARTMENTS = "Sở, ban, ngành"
# In the order make-demo-workspace.sh adds the blocks to each year.
BLOCKS = ((COMMUNES, "commune.criteria.json"), (DEPARTMENTS, "department.criteria.json"))

MILLI = Decimal("0.001")
CENTI = Decimal("0.01")
HUNDRED = Decimal(100)
DEFAULT_BANDS = (("Xuất sắc", 90), ("Tốt", 80), ("Khá", 70), ("Trung bình", 50), ("Yếu", 0))
RULE_KINDS = ("manual", "binary", "options", "tiers", "ratio", "deduction", "survey")


class SetError(Exception):
    pass


# ---------------------------------------------------------------------------
# Criteria sets (FORMATS.md §1)
# ---------------------------------------------------------------------------

def decimals(d):
    return max(0, -d.normalize().as_tuple().exponent)


def is_number(x):
    return isinstance(x, Decimal)


def check_points(where, value, leaf_max, what):
    if not is_number(value) or value < 0:
        raise SetError(f"{where}: {what} must be a number ≥ 0")
    if value > leaf_max:
        raise SetError(f"{where}: {what} {value} is above the leaf's max {leaf_max}")


def check_rule(where, rule, leaf_max):
    if not isinstance(rule, dict) or rule.get("kind") not in RULE_KINDS:
        raise SetError(f"{where}: unknown rule kind {rule!r}")
    kind = rule["kind"]
    if kind == "options":
        opts = rule.get("options")
        if not isinstance(opts, list) or not opts:
            raise SetError(f"{where}: “options” must be a non-empty list")
        labels = set()
        for o in opts:
            label = o.get("label")
            if not isinstance(label, str) or not label.strip():
                raise SetError(f"{where}: an option has no label")
            folded = unicodedata.normalize("NFC", label).casefold()
            if folded in labels:
                raise SetError(f"{where}: option “{label}” is listed twice")
            labels.add(folded)
            check_points(where, o.get("points"), leaf_max, f"option “{label}” points")
    elif kind == "tiers":
        tiers = rule.get("tiers")
        if not isinstance(tiers, list) or not tiers:
            raise SetError(f"{where}: “tiers” must be a non-empty list")
        mins = set()
        for t in tiers:
            if not is_number(t.get("min")) or t["min"] < 0:
                raise SetError(f"{where}: a tier's “min” must be a number ≥ 0")
            if t["min"] in mins:
                raise SetError(f"{where}: two tiers have min {t['min']}")
            mins.add(t["min"])
            check_points(where, t.get("points"), leaf_max, f"tier ≥ {t['min']} points")
    elif kind == "ratio":
        full_at = rule.get("full_at", Decimal(100))
        if not is_number(full_at) or not 0 < full_at <= 100:
            raise SetError(f"{where}: “full_at” must be a percentage above 0 and at most 100")
    elif kind == "deduction":
        per = rule.get("per")
        if not is_number(per) or per <= 0:
            raise SetError(f"{where}: “per” must be a number > 0")
        check_points(where, per, leaf_max, "“per”")


def load_set(path):
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    if not unicodedata.is_normalized("NFC", text):
        raise SetError(f"{path.name}: text is not in Unicode NFC")
    data = json.loads(text, parse_float=Decimal, parse_int=Decimal)
    if data.get("format") != "parindex-criteria/1":
        raise SetError(f"{path.name}: “format” is not parindex-criteria/1")
    for key in ("title", "source"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise SetError(f"{path.name}: “{key}” is missing")

    leaves = []          # in tree order
    codes = set()

    def walk(nodes, parent_code, top):
        if not isinstance(nodes, list) or not nodes:
            where = parent_code or "nodes"
            raise SetError(f"{path.name}: {where}: children must be a non-empty list")
        total = Decimal(0)
        for n in nodes:
            code = n.get("code")
            if not isinstance(code, str) or not code:
                raise SetError(f"{path.name}: a node has no code")
            where = f"{path.name}: node {code}"
            if code in codes:
                raise SetError(f"{where}: the code is used twice")
            codes.add(code)
            # The project's convention (not a format rule): dotted codes under the parent's.
            if parent_code and not code.startswith(parent_code + "."):
                raise SetError(f"{where}: the code does not continue its parent's {parent_code}")
            if not isinstance(n.get("title"), str) or not n["title"].strip():
                raise SetError(f"{where}: no title")
            field = top or code
            if "children" in n:
                for key in ("rule", "not_arising"):
                    if key in n:
                        raise SetError(f"{where}: “{key}” belongs on leaves, not groups")
                sub = walk(n["children"], code, field)
                if "max" in n and n["max"] != sub:
                    raise SetError(f"{where}: max {n['max']} is not the sum of its children {sub}")
                total += sub
            else:
                mx = n.get("max")
                if not is_number(mx) or mx <= 0:
                    raise SetError(f"{where}: a leaf needs a max above 0")
                if decimals(mx) > 3:
                    raise SetError(f"{where}: max {mx} has more than 3 decimals")
                if mx % Decimal("0.25") != 0:
                    raise SetError(f"{where}: max {mx} is not a multiple of 0.25")
                rule = n.get("rule", {"kind": "manual"})
                check_rule(where, rule, mx)
                na = n.get("not_arising")
                if na is not None and na not in ("full", "na"):
                    raise SetError(f"{where}: “not_arising” must be “full” or “na”")
                leaves.append({"code": code, "title": n["title"], "max": mx, "rule": rule,
                               "not_arising": na, "field": field})
                total += mx
        return total

    total = walk(data.get("nodes"), "", None)
    if total != 100:
        raise SetError(f"{path.name}: the maxima add up to {total}, not 100")

    bands = data.get("bands")
    if bands is None:
        bands = [{"label": l, "min": Decimal(m)} for l, m in DEFAULT_BANDS]
    mins = set()
    for b in bands:
        if not isinstance(b.get("label"), str) or not is_number(b.get("min")):
            raise SetError(f"{path.name}: a band needs a label and a min")
        if b["min"] in mins:
            raise SetError(f"{path.name}: two bands have min {b['min']}")
        mins.add(b["min"])
    bands = sorted(((b["min"], b["label"]) for b in bands), reverse=True)

    fields = [(n["code"], n["title"]) for n in data["nodes"]]
    return {"title": data["title"], "leaves": leaves,
            "by_code": {l["code"]: l for l in leaves}, "bands": bands, "fields": fields}


# ---------------------------------------------------------------------------
# Evaluating an entry (FORMATS.md §3, §4)
# ---------------------------------------------------------------------------

def q3(x):
    return x.quantize(MILLI, rounding=ROUND_HALF_UP)


def evaluate(leaf, value):
    """Returns (applicable, points) for a value as written in the CSV."""
    rule, mx = leaf["rule"], leaf["max"]
    v = value.strip()
    if v.upper() == "NA":
        return False, Decimal(0)
    if v.upper() == "NONE":
        if leaf["not_arising"] is None:
            raise ValueError(f"{leaf['code']}: NONE on a leaf without not_arising")
        return (True, mx) if leaf["not_arising"] == "full" else (False, Decimal(0))
    kind = rule["kind"]
    if kind == "binary":
        lv = v.casefold()
        if lv in ("yes", "có", "1"):
            return True, mx
        if lv in ("no", "không", "0"):
            return True, Decimal(0)
        raise ValueError(f"{leaf['code']}: bad binary value {v!r}")
    if kind == "options":
        folded = unicodedata.normalize("NFC", v).casefold()
        for o in rule["options"]:
            if unicodedata.normalize("NFC", o["label"]).casefold() == folded:
                return True, o["points"]
        if v.isdigit() and 1 <= int(v) <= len(rule["options"]):
            return True, rule["options"][int(v) - 1]["points"]
        raise ValueError(f"{leaf['code']}: {v!r} is not an option")
    d = Decimal(v)
    if d < 0 or decimals(d) > 3:
        raise ValueError(f"{leaf['code']}: bad number {v!r}")
    if kind == "manual":
        if d > mx:
            raise ValueError(f"{leaf['code']}: {v} is above the max {mx}")
        return True, d
    if kind == "tiers":
        best = None
        for t in rule["tiers"]:
            if t["min"] <= d and (best is None or t["min"] > best["min"]):
                best = t
        return True, best["points"] if best else Decimal(0)
    if kind in ("ratio", "survey"):
        if d > 100:
            raise ValueError(f"{leaf['code']}: {v} is above 100%")
        full_at = rule.get("full_at", HUNDRED) if kind == "ratio" else HUNDRED
        return True, q3(mx * min(d, full_at) / full_at)
    if kind == "deduction":
        if d != d.to_integral_value():
            raise ValueError(f"{leaf['code']}: {v} is not a whole count")
        return True, max(Decimal(0), mx - d * rule["per"])
    raise AssertionError(kind)


# ---------------------------------------------------------------------------
# Results (FORMATS.md §4)
# ---------------------------------------------------------------------------

def band_of(bands, index):
    for lower, label in bands:
        if index >= lower:
            return label
    return None


def unit_result(cset, entries):
    """entries: {(criterion, stage): value}."""
    points = applicable = self_points = Decimal(0)
    provisional = False
    fields = {code: [Decimal(0), Decimal(0)] for code, _ in cset["fields"]}
    for leaf in cset["leaves"]:
        code = leaf["code"]
        self_value = entries.get((code, "self"))
        appraised = entries.get((code, "appraisal"))
        if self_value is not None:
            self_points += evaluate(leaf, self_value)[1]
        final = appraised if appraised is not None else self_value
        if final is None:
            is_applicable, p = True, Decimal(0)
        else:
            is_applicable, p = evaluate(leaf, final)
        if is_applicable:
            applicable += leaf["max"]
            fields[leaf["field"]][1] += leaf["max"]
            if appraised is None:
                provisional = True
        points += p
        fields[leaf["field"]][0] += p
    index = (points / applicable * HUNDRED).quantize(CENTI, ROUND_HALF_UP) if applicable else None
    return {"self_points": self_points, "points": points, "max": applicable, "index": index,
            "band": band_of(cset["bands"], index) if index is not None else None,
            "provisional": provisional, "fields": fields}


def rank_block(results):
    ranked = sorted((r for r in results if r["index"] is not None), key=lambda r: -r["index"])
    for r in ranked:
        r["rank"] = 1 + sum(1 for o in ranked if o["index"] > r["index"])
        r["of"] = len(ranked)


def compute_year(sets, units, scores):
    by_unit = {}
    for unit, criterion, stage, value, _note in scores:
        by_unit.setdefault(unit, {})[(criterion, stage)] = value
    results = {}
    for block, _ in BLOCKS:
        rows = []
        for u in units:
            if u["block"] != block:
                continue
            r = unit_result(sets[block], by_unit.get(u["code"], {}))
            r.update(code=u["code"], name=u["name"], block=block, rank=None, of=None)
            rows.append(r)
        rank_block(rows)
        results[block] = rows
    return results


# ---------------------------------------------------------------------------
# The province: units per year
# ---------------------------------------------------------------------------

# code, name, kind, quality 2024, quality 2025 (None: not a unit that year).
# The quality (0..1) steers the generated answers; the tables printed at the end
# are what the data actually give.
COMMUNE_UNITS = [
    ("PH-BAC-LAM", "UBND phường Bắc Lam", "phường", 0.96, 0.97),
    ("PH-NAM-LAM", "UBND phường Nam Lam", "phường", 0.88, 0.91),
    ("PH-HUNG-DONG", "UBND phường Hưng Đông", "phường", 0.83, 0.80),
    ("TT-LAM-SON", "UBND thị trấn Lam Sơn", "thị trấn", 0.90, 0.94),
    ("XA-AN-PHU", "UBND xã An Phú", "xã", 0.94, 0.90),
    ("XA-AN-HOA", "UBND xã An Hòa", "xã", 0.80, 0.70),
    ("XA-BINH-MINH", "UBND xã Bình Minh", "xã", 0.74, 0.82),
    ("XA-CAM-SON", "UBND xã Cẩm Sơn", "xã", 0.70, 0.74),
    ("XA-DONG-XUAN", "UBND xã Đông Xuân", "xã", 0.60, 0.66),
    ("XA-HOA-TIEN", "UBND xã Hòa Tiến", "xã", 0.86, 0.88),
    ("XA-HUONG-LAM", "UBND xã Hương Lâm", "xã", 0.66, 0.62),
    ("XA-MY-THANH", "UBND xã Mỹ Thành", "xã", 0.80, 0.86),
    ("XA-QUANG-TAN", "UBND xã Quảng Tân", "xã", 0.55, 0.76),
    ("XA-SON-THUY", "UBND xã Sơn Thủy", "xã", 0.72, 0.72),
    ("XA-TAN-LAP", "UBND xã Tân Lập", "xã", 0.77, 0.73),
    ("XA-TAN-HOA", "UBND xã Tân Hòa", "xã", 0.62, None),
    ("XA-THANH-LUONG", "UBND xã Thanh Lương", "xã", 0.28, 0.58),
    ("XA-YEN-HO", "UBND xã Yên Hồ", "xã", 0.50, 0.55),
]
# 1/7/2025: thị trấn Lam Sơn becomes phường Lam Sơn (same code); xã Tân Hòa is
# merged into xã Tân Lập, which keeps its name and code.
RENAMED_2025 = {"TT-LAM-SON": ("UBND phường Lam Sơn", "phường")}

DEPARTMENT_UNITS = [
    ("SNV", "Sở Nội vụ", "sở", 0.95, 0.96),
    ("STC", "Sở Tài chính", "sở", 0.90, 0.91),
    ("SKHDT", "Sở Kế hoạch và Đầu tư", "sở", 0.88, None),
    ("STP", "Sở Tư pháp", "sở", 0.92, 0.89),
    ("SXD", "Sở Xây dựng", "sở", 0.80, 0.84),
    ("SGTVT", "Sở Giao thông vận tải", "sở", 0.70, None),
    ("STNMT", "Sở Tài nguyên và Môi trường", "sở", 0.72, None),
    ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "sở", 0.78, None),
    ("SNNMT", "Sở Nông nghiệp và Môi trường", "sở", None, 0.80),
    ("SKHCN", "Sở Khoa học và Công nghệ", "sở", 0.84, 0.92),
    ("STTTT", "Sở Thông tin và Truyền thông", "sở", 0.93, None),
    ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "sở", 0.75, None),
    ("SCT", "Sở Công Thương", "sở", 0.82, 0.79),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "sở", 0.85, 0.88),
    ("SYT", "Sở Y tế", "sở", 0.77, 0.83),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "sở", 0.74, 0.71),
    ("TTT", "Thanh tra tỉnh", "cơ quan", 0.86, 0.87),
    ("BDT", "Ban Dân tộc", "ban", 0.50, 0.68),
]
# 1/3/2025: the departments are reorganised (Nghị định 45/2025/NĐ-CP): Nội vụ absorbs
# Lao động - TB&XH, Tài chính absorbs Kế hoạch và Đầu tư, Xây dựng absorbs Giao thông vận tải,
# Khoa học và Công nghệ absorbs Thông tin và Truyền thông, Nông nghiệp và PTNT and Tài nguyên
# và Môi trường become the new Sở Nông nghiệp và Môi trường (a new code), and Ban Dân tộc
# becomes Sở Dân tộc và Tôn giáo under its old code.
RENAMED_DEPT_2025 = {"BDT": ("Sở Dân tộc và Tôn giáo", "sở")}

# Leaves that stay without an appraisal entry in 2025 (appraisal still open).
NOT_YET_APPRAISED = {
    (2025, "XA-DONG-XUAN"): ("3.2.3", "5.5.2", "7.3"),
    (2025, "SVHTTDL"): ("1.7", "7.7"),
}


def units_of_year(year):
    units = []
    for block, table, renamed in ((COMMUNES, COMMUNE_UNITS, RENAMED_2025),
                                  (DEPARTMENTS, DEPARTMENT_UNITS, RENAMED_DEPT_2025)):
        for code, name, kind, q24, q25 in table:
            q = q24 if year == 2024 else q25
            if q is None:
                continue
            if year >= 2025 and code in renamed:
                name, kind = renamed[code]
            units.append({"code": code, "name": name, "block": block, "kind": kind, "q": q})
    return units


# ---------------------------------------------------------------------------
# Generating the answers
# ---------------------------------------------------------------------------

def clamp(x, lo=0.0, hi=1.0):
    return max(lo, min(hi, x))


def text(d):
    """A Decimal as written in the CSV: decimal point, no exponent, no trailing zeros."""
    return format(d.normalize(), "f")


def vi(d):
    """A number as a Vietnamese clerk writes it in a note: decimal comma."""
    return text(Decimal(d)).replace(".", ",")


def pct(rng, lo, hi):
    """A percentage with one decimal in [lo, hi)."""
    lo10, hi10 = int(Decimal(lo) * 10), int(Decimal(hi) * 10)
    return Decimal(rng.randrange(lo10, max(lo10 + 1, hi10))) / 10


class Answer:
    """One leaf's answer: a value text plus, for numbers, the number."""

    def __init__(self, value, number=None, option=None):
        self.value, self.number, self.option = value, number, option


def true_answer(rng, leaf, u):
    """The answer the appraisal finds, for a unit whose quality on this leaf is u."""
    rule, mx = leaf["rule"], leaf["max"]
    kind = rule["kind"]
    if kind == "manual":
        steps = int(mx / Decimal("0.25"))
        k = round(clamp(u * 1.08) * steps)
        return Answer(text(Decimal(k) * Decimal("0.25")), Decimal(k) * Decimal("0.25"))
    if kind == "binary":
        return Answer("yes" if u >= 0.3 else "no")
    if kind == "options":
        n = len(rule["options"])
        if n == 2:
            idx = 0 if u >= 0.3 else 1
        else:
            idx = 0 if u >= 0.62 else (1 if u >= 0.3 else n - 1)
        return Answer(rule["options"][idx]["label"], option=idx)
    if kind == "tiers":
        mins = sorted((t["min"] for t in rule["tiers"]), reverse=True)
        # Level 0 is the top tier; len(mins) is "below every tier".
        level = 0 if u >= 0.78 else (1 if u >= 0.6 else (2 if u >= 0.42 else 3))
        level = min(level, len(mins))
        return Answer(*tier_value(rng, mins, level))
    if kind == "ratio":
        full_at = rule.get("full_at", HUNDRED)
        if u >= 0.8 and full_at < 100:
            v = pct(rng, full_at, 100)
        elif u >= 0.8:
            v = HUNDRED if u >= 0.9 else pct(rng, 95, 100)
        else:
            v = (full_at * Decimal(str(0.55 + 0.5 * u))).quantize(Decimal("0.1"))
        return Answer(text(v), v)
    if kind == "deduction":
        n = 0 if u >= 0.55 else (1 if u >= 0.3 else 2)
        return Answer(str(n), Decimal(n))
    raise AssertionError(kind)


def tier_value(rng, mins, level):
    if level < len(mins):
        lo = mins[level]
        hi = mins[level - 1] if level > 0 else Decimal(100)
        v = lo if lo >= hi else pct(rng, lo, hi)
    else:
        lowest = mins[-1]
        v = pct(rng, max(Decimal(0), lowest - 12), lowest)
    return text(v), v


def better_answer(rng, leaf, a):
    """What a unit claims in its self-assessment when it rounds itself up; None if it cannot."""
    rule, mx = leaf["rule"], leaf["max"]
    kind = rule["kind"]
    if kind == "manual":
        if a.number >= mx:
            return None
        v = min(mx, a.number + Decimal("0.25") * rng.choice((1, 1, 2)))
        return Answer(text(v), v)
    if kind == "binary":
        return Answer("yes") if a.value == "no" else None
    if kind == "options":
        return None if a.option == 0 else Answer(rule["options"][a.option - 1]["label"],
                                                 option=a.option - 1)
    if kind == "tiers":
        mins = sorted((t["min"] for t in rule["tiers"]), reverse=True)
        level = sum(1 for m in mins if m > a.number)
        if level == 0:
            return None
        return Answer(*tier_value(rng, mins, level - 1))
    if kind == "ratio":
        if a.number >= 100:
            return None
        v = min(HUNDRED, a.number + Decimal(rng.randrange(30, 150)) / 10)
        return Answer(text(v), v)
    if kind == "deduction":
        return None if a.number == 0 else Answer(text(a.number - 1), a.number - 1)
    raise AssertionError(kind)


def worse_answer(rng, leaf, a):
    """A unit that undersells itself (the appraisal then gives more)."""
    rule = leaf["rule"]
    kind = rule["kind"]
    if kind == "manual" and a.number >= Decimal("0.25"):
        v = a.number - Decimal("0.25")
        return Answer(text(v), v)
    if kind == "options" and a.option < len(rule["options"]) - 1:
        return Answer(rule["options"][a.option + 1]["label"], option=a.option + 1)
    if kind == "binary" and a.value == "yes":
        return Answer("no")
    return None


# Notes on self rows for "not arising", by block and criterion.
NONE_NOTES = {
    COMMUNES: {
        "1.4.2": "Qua tự kiểm tra không phát hiện tồn tại, hạn chế",
        "2.1": "Trong năm {year} không ban hành văn bản QPPL",
        "2.2.2": "Không có văn bản phải xử lý sau rà soát",
        "3.2.2": "Không có hồ sơ quá hạn",
        "3.5.1": "Không phát sinh phản ánh, kiến nghị về TTHC",
        "3.5.2": "Không phát sinh phản ánh, kiến nghị về TTHC",
        "4.3.1": "Không được phân cấp, ủy quyền trong năm {year}",
        "4.3.2": "Không được phân cấp, ủy quyền trong năm {year}",
        "6.2": "Không được giao kế hoạch vốn đầu tư công năm {year}",
        "6.4": "Không có kiến nghị của thanh tra, kiểm toán",
    },
    DEPARTMENTS: {
        "1.3.2": "Qua kiểm tra không phát hiện tồn tại, hạn chế",
        "2.1.1": "Không được giao chủ trì soạn thảo văn bản QPPL năm {year}",
        "2.1.2": "Không được giao chủ trì soạn thảo văn bản QPPL năm {year}",
        "2.2.2": "Không có văn bản phải xử lý sau rà soát",
        "3.3": "Không có hồ sơ quá hạn",
        "3.5": "Không phát sinh phản ánh, kiến nghị về TTHC",
        "4.4.1": "Không được phân cấp, ủy quyền trong năm {year}",
        "4.4.2": "Không được phân cấp, ủy quyền trong năm {year}",
        "6.1": "Không được giao kế hoạch vốn đầu tư công năm {year}",
        "6.3": "Không có đơn vị sự nghiệp công lập trực thuộc",
        "6.5": "Không có kiến nghị của thanh tra, kiểm toán",
    },
}
# How often "not arising" is the true answer, per leaf (before the unit-specific rules below).
NONE_RATE = {
    COMMUNES: {"1.4.2": 0.3, "2.1": 0.6, "2.2.2": 0.5, "3.5.1": 0.45, "4.3.1": 0.3,
               "6.2": 0.2, "6.4": 0.4},
    DEPARTMENTS: {"1.3.2": 0.35, "2.1.1": 0.15, "2.2.2": 0.35, "3.5": 0.35, "4.4.1": 0.3,
                  "6.1": 0.25, "6.5": 0.4},
}
# Leaves answered together with another one (same "not arising" state).
NONE_FOLLOWS = {
    COMMUNES: {"3.5.2": "3.5.1", "4.3.2": "4.3.1"},
    DEPARTMENTS: {"2.1.2": "2.1.1", "4.4.2": "4.4.1"},
}
# "No late dossiers" follows from a 100% on-time rate.
NO_LATE = {COMMUNES: ("3.2.2", "3.2.1"), DEPARTMENTS: ("3.3", "3.2")}
# Units whose TTHC carry no fee or charge: online payment does not apply.
NO_FEES = {"TTT", "SNV"}

TTHC_SYSTEM = "Hệ thống thông tin giải quyết TTHC tỉnh"
SYSTEM_LEAVES = {
    COMMUNES: {"3.2.1": TTHC_SYSTEM, "3.3.1": TTHC_SYSTEM, "3.3.2": TTHC_SYSTEM,
               "3.4.1": "Cổng Dịch vụ công tỉnh", "3.4.2": "Cổng Dịch vụ công tỉnh",
               "3.6": TTHC_SYSTEM, "7.4": "Cổng Dịch vụ công quốc gia",
               "7.2.1": "Hệ thống quản lý văn bản và điều hành",
               "7.2.2": "Hệ thống quản lý văn bản và điều hành"},
    DEPARTMENTS: {"3.2": TTHC_SYSTEM, "3.4.1": "Cổng Dịch vụ công tỉnh",
                  "3.4.2": "Cổng Dịch vụ công tỉnh", "3.4.3": TTHC_SYSTEM,
                  "7.2.1": "Hệ thống quản lý văn bản và điều hành",
                  "7.2.2": "Hệ thống quản lý văn bản và điều hành",
                  "7.6": "Hệ thống thông tin báo cáo của tỉnh"},
}
LATE_PLAN = {COMMUNES: ("1.1.1",), DEPARTMENTS: ("1.1.1", "7.1")}


def lowered_note(rng, block, leaf, year, claimed, found):
    """Why the appraisal gives less than the unit claimed."""
    kind = leaf["rule"]["kind"]
    code = leaf["code"]
    if claimed.value.upper() == "NONE":
        return (f"Hệ thống ghi nhận có hồ sơ quá hạn; tỷ lệ hồ sơ quá hạn có văn bản xin lỗi "
                f"{vi(found.number)}%")
    if kind == "manual":
        d = vi(claimed.number - found.number)
        return rng.choice((f"Tài liệu kiểm chứng chưa đầy đủ, trừ {d} điểm",
                           f"Theo biên bản kiểm tra, một số nội dung chưa đạt; trừ {d} điểm",
                           f"Chưa có tài liệu chứng minh một số nội dung, trừ {d} điểm"))
    if kind == "binary":
        return rng.choice(("Không có tài liệu kiểm chứng",
                           f"Văn bản ban hành sau ngày 31/12/{year}, không được tính",
                           "Tài liệu kiểm chứng không đúng nội dung tiêu chí"))
    if kind == "options":
        if code in LATE_PLAN[block] and found.option == 1:
            day = rng.randrange(18, 29)
            return f"Kế hoạch ban hành ngày {day}/01/{year}, chậm so với thời hạn quy định"
        return f"Chấm lại theo tài liệu kiểm chứng: {found.value.lower()}"
    if kind in ("tiers", "ratio"):
        system = SYSTEM_LEAVES[block].get(code)
        if system:
            return f"Theo số liệu trên {system}, tỷ lệ đạt {vi(found.number)}%"
        return f"Số liệu thẩm định {vi(found.number)}% (đơn vị báo cáo {vi(claimed.number)}%)"
    if kind == "deduction":
        n = int(found.number)
        if code == "1.2":
            return f"{n:02d} báo cáo gửi chậm so với thời hạn"
        return f"Qua kiểm tra phát hiện {n:02d} trường hợp vi phạm"
    raise AssertionError(kind)


def unit_rows(cset, block, unit, year):
    """Rows (unit, criterion, stage, value, note) for one unit and year."""
    rng = random.Random(f"parindex-demo/{year}/{unit['code']}")
    q = unit["q"]
    code = unit["code"]
    # How each stage writes yes/no and whether options are sometimes typed as numbers.
    yes_no = {"self": rng.choice((("có", "không"), ("có", "không"), ("yes", "no"))),
              "appraisal": rng.choice((("có", "không"), ("yes", "no")))}
    p_over = 0.04 + 0.3 * (1 - q)
    urban = unit["kind"] in ("phường", "thị trấn")
    truth = {}
    rows = []

    def write(stage, leaf, a, note=""):
        value = a.value
        if leaf["rule"]["kind"] == "binary" and value in ("yes", "no"):
            value = yes_no[stage][0 if value == "yes" else 1]
        elif leaf["rule"]["kind"] == "options" and a.option is not None and rng.random() < 0.1:
            value = str(a.option + 1)
        rows.append((code, leaf["code"], stage, value, note))

    skipped = NOT_YET_APPRAISED.get((year, code), ())
    for leaf in cset["leaves"]:
        lc = leaf["code"]
        kind = leaf["rule"]["kind"]
        u = clamp(q - 0.14 + rng.gauss(0, 0.18))

        if kind == "survey":
            s = clamp(q + rng.gauss(0, 0.06))
            v = (Decimal(str(58 + 34 * s))).quantize(CENTI)
            note = f"Kết quả điều tra XHH năm {year}" if lc.endswith(".1.1") else ""
            rows.append((code, lc, "appraisal", text(v), note))
            continue

        # Special answers first.
        if block == COMMUNES and lc == "8.3.3" and urban:
            rows.append((code, lc, "self", "NA", "Phường, thị trấn không đánh giá tiêu chí này"))
            rows.append((code, lc, "appraisal", "NA", ""))
            continue
        if block == DEPARTMENTS and lc == "3.4.2" and code in NO_FEES:
            rows.append((code, lc, "self", "NA", "Các TTHC thuộc thẩm quyền không thu phí, lệ phí"))
            rows.append((code, lc, "appraisal", "NA", ""))
            continue
        none_rate = NONE_RATE[block].get(lc)
        follows = NONE_FOLLOWS[block].get(lc)
        late_leaf, rate_leaf = NO_LATE[block]
        arising = True
        if follows is not None:
            arising = truth[follows].value != "NONE"
        elif lc == late_leaf:
            arising = truth[rate_leaf].number != 100
        elif block == DEPARTMENTS and code == "TTT" and lc in ("2.1.1", "6.1", "6.3"):
            arising = False
        elif none_rate is not None:
            arising = rng.random() >= none_rate
        if not arising:
            note = NONE_NOTES[block][lc].format(year=year)
            truth[lc] = Answer("NONE")
            rows.append((code, lc, "self", "NONE", note))
            if lc not in skipped:
                rows.append((code, lc, "appraisal", "NONE", ""))
            continue

        found = true_answer(rng, leaf, u)
        truth[lc] = found
        claimed = found
        appraisal_note = ""
        self_note = ""
        r = rng.random()
        if lc == late_leaf and found.number < 100 and rng.random() < 0.35:
            # The unit reports no late dossiers; the system shows some.
            claimed = Answer("NONE")
            self_note = NONE_NOTES[block][lc].format(year=year)
        elif r < p_over:
            claimed = better_answer(rng, leaf, found) or found
        elif r > 0.985:
            worse = worse_answer(rng, leaf, found)
            if worse is not None:
                claimed = worse
                appraisal_note = "Đơn vị bổ sung tài liệu kiểm chứng sau giải trình, chấm lại"
        if claimed is not found and not appraisal_note:
            appraisal_note = lowered_note(rng, block, leaf, year, claimed, found)
        if claimed is found and kind == "binary" and found.value == "no" and rng.random() < 0.5:
            self_note = "Đơn vị giải trình: chưa thực hiện trong năm do thay đổi nhân sự phụ trách"
        write("self", leaf, claimed, self_note)
        if lc not in skipped:
            write("appraisal", leaf, found, appraisal_note)
    return rows


def special_rows(year, rows):
    """A few hand-written situations the clerks meet, on top of the generated answers."""
    def replace(unit, criterion, stage, value, note):
        for i, row in enumerate(rows):
            if row[0] == unit and row[1] == criterion and row[2] == stage:
                rows[i] = (unit, criterion, stage, value, note)
                return
        raise KeyError((unit, criterion, stage))

    if year == 2025:
        # The commune claims the criterion does not apply to it; the appraisal disagrees.
        replace("XA-SON-THUY", "4.4", "self", "NA",
                "Đã sáp nhập thôn, không còn bố trí người hoạt động không chuyên trách riêng")
        replace("XA-SON-THUY", "4.4", "appraisal", "0.75",
                "Tiêu chí áp dụng đối với tất cả các xã; chấm theo tài liệu kiểm chứng")
        replace("XA-TAN-LAP", "1.7", "self", "Tổ chức từ 02 cuộc trở lên",
                "Tính cả hội nghị đối thoại của xã Tân Hòa trước khi sáp nhập")
        replace("XA-TAN-LAP", "1.7", "appraisal", "Tổ chức từ 02 cuộc trở lên",
                "Chấp nhận: xã Tân Hòa đã sáp nhập vào xã Tân Lập từ 01/7/2025")
    if year == 2024:
        replace("XA-THANH-LUONG", "1.1.1", "self", "Ban hành chậm so với thời hạn",
                "Kế hoạch ban hành ngày 05/3/2024 do thay đổi Chủ tịch UBND xã")
        replace("XA-THANH-LUONG", "1.1.1", "appraisal", "Ban hành chậm so với thời hạn", "")
    return rows


def make_year(sets, year):
    units = units_of_year(year)
    rows = []
    for u in units:
        rows += unit_rows(sets[u["block"]], u["block"], u, year)
    return units, special_rows(year, rows)


# ---------------------------------------------------------------------------
# Ties: one shared rank per block and year
# ---------------------------------------------------------------------------

def make_tie(sets, year, block, units, rows):
    """Moves one survey percentage so that two neighbours in the ranking publish the same
    index: the closest pair, provisional units aside; the lower one moves up, or else the
    upper one moves down."""
    results = compute_year(sets, units, rows)[block]
    ranked = sorted((r for r in results if r["index"] is not None and not r["provisional"]),
                    key=lambda r: -r["index"])
    if any(a["index"] == b["index"] for a, b in zip(ranked, ranked[1:])):
        return
    pairs = sorted(zip(ranked, ranked[1:]),
                   key=lambda p: (p[0]["index"] - p[1]["index"], p[1]["code"]))
    cset = sets[block]
    surveys = sorted((l for l in cset["leaves"] if l["rule"]["kind"] == "survey"),
                     key=lambda l: (-l["max"], l["code"]))
    for upper, lower in pairs:
        for mover, target, sign in ((lower, upper["index"], 1), (upper, lower["index"], -1)):
            mine = [i for i, r in enumerate(rows) if r[0] == mover["code"]]
            for leaf in surveys:
                i = next(i for i in mine
                         if rows[i][1] == leaf["code"] and rows[i][2] == "appraisal")
                row = rows[i]
                base = Decimal(row[3])
                for step in range(1, 1501):
                    v = base + sign * Decimal(step) / 100
                    if not 0 <= v <= 100:
                        break
                    rows[i] = row[:3] + (text(v),) + row[4:]
                    entries = {(rows[j][1], rows[j][2]): rows[j][3] for j in mine}
                    if unit_result(cset, entries)["index"] == target:
                        return
                rows[i] = row
    raise SystemExit(f"{year} {block}: could not make a tie")


# ---------------------------------------------------------------------------
# Writing and printing
# ---------------------------------------------------------------------------

def write_csv(path, header, rows):
    for row in rows:
        for cell in row:
            if not unicodedata.is_normalized("NFC", str(cell)):
                raise SystemExit(f"{path.name}: {cell!r} is not NFC")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=",", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def check_rows(sets, units, rows):
    """Every row names a unit of the year and a leaf of its block's set, with a valid value."""
    block_of = {u["code"]: u["block"] for u in units}
    seen = set()
    for unit, criterion, stage, value, _ in rows:
        cset = sets[block_of[unit]]
        leaf = cset["by_code"][criterion]
        if stage == "self" and leaf["rule"]["kind"] == "survey":
            raise SystemExit(f"{unit} {criterion}: a self entry on a survey leaf")
        evaluate(leaf, value)
        key = (unit, criterion, stage)
        if key in seen:
            raise SystemExit(f"{key}: written twice")
        seen.add(key)


def fmt(d, places):
    return "—" if d is None else f"{d:.{places}f}"


def print_year(year, results, previous):
    for block, _ in BLOCKS:
        rows = sorted(results[block], key=lambda r: (r["rank"] is None, r["rank"] or 0, r["code"]))
        print(f"\n{year} — {block} ({len(rows)} đơn vị)")
        print(f"{'Hạng':>6}  {'Mã':<15}{'Tên đơn vị':<40}{'Tự chấm':>8}{'Điểm':>9}{'Tối đa':>8}"
              f"{'Chỉ số':>8}  {'Xếp loại':<11}{'Năm trước':>10}{'± chỉ số':>9}{'± hạng':>7}")
        changes = []
        for r in rows:
            prev = previous.get(r["code"])
            if prev and prev["index"] is not None and r["index"] is not None:
                changes.append(r["index"] - prev["index"])
                d_index = f"{r['index'] - prev['index']:+.2f}"
                d_rank = f"{prev['rank'] - r['rank']:+d}"
                prev_index = fmt(prev["index"], 2)
            else:
                d_index = d_rank = prev_index = "—"
            rank = f"{r['rank']}/{r['of']}" if r["rank"] else "—"
            name = r["name"] + (" *" if r["provisional"] else "")
            print(f"{rank:>6}  {r['code']:<15}{name:<40}{fmt(r['self_points'], 3):>8}"
                  f"{fmt(r['points'], 3):>9}{fmt(r['max'], 2):>8}{fmt(r['index'], 2):>8}  "
                  f"{r['band'] or '—':<11}{prev_index:>10}{d_index:>9}{d_rank:>7}")

        by_index, bands = {}, {}
        for r in rows:
            if r["index"] is not None:
                by_index.setdefault(r["index"], []).append(r)
            bands[r["band"]] = bands.get(r["band"], 0) + 1
        shared = [f"{', '.join(r['code'] for r in tied)} ({fmt(index, 2)}, hạng {tied[0]['rank']})"
                  for index, tied in by_index.items() if len(tied) > 1]
        print("  Đồng hạng: " + ("; ".join(shared) if shared else "không có"))
        print("  Xếp loại: " + ", ".join(f"{b} {n}" for b, n in bands.items()))
        if changes:
            up = sum(1 for c in changes if c > 0)
            down = sum(1 for c in changes if c < 0)
            print(f"  So với năm trước: {up:02d} đơn vị có chỉ số tăng, {down:02d} đơn vị giảm")
        if any(r["provisional"] for r in rows):
            print("  * tạm tính: còn tiêu chí chưa thẩm định")


def main():
    try:
        sets = {block: load_set(CRITERIA_DIR / name) for block, name in BLOCKS}
    except SetError as e:
        raise SystemExit(f"criteria set refused: {e}")
    for block, name in BLOCKS:
        kinds = {}
        for leaf in sets[block]["leaves"]:
            kinds[leaf["rule"]["kind"]] = kinds.get(leaf["rule"]["kind"], 0) + 1
        missing = [k for k in RULE_KINDS if k not in kinds]
        if missing:
            raise SystemExit(f"{name}: no leaf uses {', '.join(missing)}")
        print(f"{name}: {len(sets[block]['leaves'])} tiêu chí lá — "
              + ", ".join(f"{k} {kinds[k]}" for k in RULE_KINDS))

    previous = {}
    for year in YEARS:
        units, rows = make_year(sets, year)
        for block, _ in BLOCKS:
            make_tie(sets, year, block, units, rows)
        check_rows(sets, units, rows)
        write_csv(HERE / f"units-{year}.csv", ("code", "name", "block", "kind"),
                  [(u["code"], u["name"], u["block"], u["kind"]) for u in units])
        write_csv(HERE / f"scores-{year}.csv",
                  ("unit", "criterion", "stage", "value", "note"), rows)
        results = compute_year(sets, units, rows)
        print_year(year, results, previous)
        previous = {r["code"]: r for block in results.values() for r in block}


if __name__ == "__main__":
    sys.exit(main())
