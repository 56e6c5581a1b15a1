#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks a zip with Python's zipfile, independently of the writer:
reads every member (which checks its CRC-32 against the central directory
and raises on a mismatch), checks that the local header names the same
file, and prints the names in order, one a line.

    check-zip.py FILE.zip

Exits 1, saying why, when a member is damaged. (`python3 -m zipfile -t`
is not enough: it prints a damaged member's name but exits 0.)
"""

import sys
import zipfile


def main():
    try:
        with zipfile.ZipFile(sys.argv[1]) as archive:
            for info in archive.infolist():
                with archive.open(info) as member:
                    while member.read(1 << 20):
                        pass
                print(info.filename)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        print(f"{sys.argv[1]}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
