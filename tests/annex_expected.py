# SPDX-License-Identifier: GPL-3.0-or-later
"""What an annex says, worked out again from the results and the decision,
independently of the C code: shared by check-annex.py (the workbook) and
check-annex-pdf.py (the printed pages)."""

from decimal import Decimal

MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def vietnamese_date(iso):
    """Nghị định 30/2020: a leading zero for days below 10 and the months 1 and 2."""
    year, month, day = (int(part) for part in iso.split("-"))
    month_text = f"{month:02d}" if month <= 2 else str(month)
    return f"ngày {day:02d} tháng {month_text} năm {year}"


def decision_line(args):
    number = (args.decision_number or "").strip()
    if not number:
        number = "…/QĐ-UBND"
    elif "/" not in number:
        number += "/QĐ-UBND"
    date = vietnamese_date(args.decision_date) if args.decision_date else "ngày … tháng … năm …"
    issuer = (args.issuer or "").strip() or "…"
    return f"(Kèm theo Quyết định số {number} {date} của {issuer})"


def block_caps(block):
    if block == "all":
        return None
    caps = block.upper()
    return caps if block.casefold().startswith("khối") else "KHỐI " + caps


def shown_points(value):
    """How "0.00#" shows a number: two decimals, a third when it is not 0."""
    text = f"{Decimal(str(value)):.3f}"
    return text[:-1] if text.endswith("0") else text


def shown_index(value):
    return f"{Decimal(str(value)):.2f}"


def shown_change(value):
    text = f"{abs(Decimal(str(value))):.2f}"
    return text if Decimal(str(value)) == 0 else ("+" if value > 0 else "-") + text


def shown_rank_change(value):
    return str(value) if value == 0 else ("+" if value > 0 else "-") + str(abs(value))


def unit_label(unit):
    return unit["name"] + (" (*)" if unit["provisional"] else "")
