#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes a small, valid PDF with a few lines of text per page, standard library only, so that the
# demo has evidence documents without binary files in the repository:
#
#   make-demo-pdf.py OUTPUT.pdf PAGES "LINE" ["LINE"...]
#
# The text is set in the standard Helvetica font, which has no Vietnamese letters: the lines are
# written without diacritics (the documents' titles in the workspace keep them). The same
# arguments give the same bytes.

import sys
import unicodedata


def ascii_text(line):
    line = line.replace('đ', 'd').replace('Đ', 'D')
    decomposed = unicodedata.normalize('NFD', line)
    plain = ''.join(c for c in decomposed if unicodedata.category(c) != 'Mn')
    plain = plain.encode('ascii', 'replace').decode('ascii')
    return plain.replace('\\', '\\\\').replace('(', '\\(').replace(')', '\\)')


def page_stream(lines, number, count):
    ops = ['BT', '/F1 16 Tf', '72 770 Td', '20 TL']
    for line in lines:
        ops.append('(%s) Tj T*' % ascii_text(line))
    ops.append('ET')
    ops.append('BT /F1 10 Tf 72 40 Td (Trang %d/%d) Tj ET' % (number, count))
    return '\n'.join(ops).encode('ascii')


def write_pdf(path, pages, lines):
    objects = [b'<< /Type /Catalog /Pages 2 0 R >>', None,
               b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>']
    kids = []
    for number in range(1, pages + 1):
        stream = page_stream(lines, number, pages)
        objects.append(b'<< /Length %d >>\nstream\n' % len(stream) + stream + b'\nendstream')
        content = len(objects)
        objects.append(b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R'
                       b' /Resources << /Font << /F1 3 0 R >> >> >>' % content)
        kids.append(len(objects))
    objects[1] = (b'<< /Type /Pages /Kids [%s] /Count %d >>'
                  % (b' '.join(b'%d 0 R' % k for k in kids), pages))

    out = bytearray(b'%PDF-1.4\n')
    offsets = []
    for index, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % index + body + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)
    for offset in offsets:
        out += b'%010d 00000 n \n' % offset
    out += (b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n'
            % (len(objects) + 1, xref))
    with open(path, 'wb') as f:
        f.write(out)


if __name__ == '__main__':
    if len(sys.argv) < 4:
        sys.exit('usage: make-demo-pdf.py OUTPUT.pdf PAGES LINE...')
    write_pdf(sys.argv[1], int(sys.argv[2]), sys.argv[3:])
