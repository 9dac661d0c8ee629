#!/usr/bin/env python3
"""One line saying which tests were skipped and why (issue 14 §4), from CTest's LastTest.log.

A test skips itself with GTEST_SKIP() << reason; gtest prints "<file>:<line>: Skipped" and the reason
on the next line. Reasons are grouped so a whole absent corpus reads as one cause:
    skipped 45: 41 ../shared/corpus not present; 4 soffice not installed
Nothing is printed when no test was skipped.
"""
import re
import sys
from collections import Counter
from pathlib import Path

log = Path(sys.argv[1] if len(sys.argv) > 1 else "Testing/Temporary/LastTest.log")
if not log.is_file():
    sys.exit(0)
text = log.read_text(encoding="utf-8", errors="replace")
reasons = Counter()
for block in text.split("<end of output>"):
    if "[  SKIPPED ]" not in block:
        continue
    m = re.search(r":\d+: Skipped\s*\n(.*)", block)
    reason = m.group(1).strip() if m and m.group(1).strip() else "no reason given"
    reasons[reason] += 1
if reasons:
    total = sum(reasons.values())
    parts = [f"{n} {r}" for r, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))]
    print(f"skipped {total}: " + "; ".join(parts))
