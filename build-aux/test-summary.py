#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Print the one line the continuous-integration runner reads: 'N passed, N failed'.

Counts the test cases of every TAP test in meson's testlog.json files (the
main build's, the sanitized build's; a test that crashed or timed out before
reporting counts as one failure), and plain tests as one case each. A file
that does not exist (its build failed) counts as one failure.
"""
import json
import sys

passed = failed = skipped = 0


def count(log):
    global passed, failed, skipped
    for line in log:
        test = json.loads(line)
        result = test.get("result")
        if result in ("SKIP",):
            skipped += 1
            continue
        cases = [l for l in (test.get("stdout") or "").splitlines()
                 if l.startswith(("ok ", "not ok "))]
        if test.get("protocol") == "tap" or cases:
            ok = sum(1 for l in cases if l.startswith("ok ") and "# SKIP" not in l)
            bad = sum(1 for l in cases if l.startswith("not ok ") and "# TODO" not in l)
            skipped += sum(1 for l in cases if "# SKIP" in l)
            if result not in ("OK", "EXPECTEDFAIL") and bad == 0:
                bad = 1
            passed += ok
            failed += bad
        elif result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        else:
            failed += 1


for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as log:
            count(log)
    except FileNotFoundError:
        failed += 1

line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
