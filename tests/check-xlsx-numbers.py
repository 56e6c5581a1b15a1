#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that a workbook reads the same in every locale (FORMATS.md §6).

    check-xlsx-numbers.py FILE.xlsx
    check-xlsx-numbers.py FILE.zip MEMBER.xlsx     (a workbook inside a zip)

Fails when a number in the workbook's XML is written with a decimal comma
(a cell value <v>89,574</v>, an attribute such as width="6,71") or when
openpyxl cannot load it. Exit 0 when the workbook is sound.
"""
import io
import re
import sys
import zipfile

import openpyxl

COMMA_NUMBER = re.compile(r'<v>-?[0-9]+,[0-9]+</v>|="-?[0-9]+,[0-9]+"')


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    data = open(sys.argv[1], 'rb').read()
    if len(sys.argv) == 3:
        data = zipfile.ZipFile(io.BytesIO(data)).read(sys.argv[2])
    workbook = zipfile.ZipFile(io.BytesIO(data))
    for name in workbook.namelist():
        if name.endswith('.xml') or name.endswith('.rels'):
            found = COMMA_NUMBER.search(workbook.read(name).decode('utf-8'))
            if found:
                sys.exit(f'{name}: a number with a decimal comma: {found.group(0)}')
    openpyxl.load_workbook(io.BytesIO(data))


if __name__ == '__main__':
    main()
