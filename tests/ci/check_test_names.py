#!/usr/bin/env python3
"""Every Catch2 test case can run under CTest.

catch_discover_tests registers each test case by its name, and CTest takes `;` as a list
separator: a name holding one became two CTest tests, each with a filter matching no test case,
and Catch2 passed them having run nothing. A name starting with `-` is read as an option.
Usage: check_test_names.py REPO
"""
import glob
import os
import re
import sys

NAME = re.compile(r'TEST_CASE\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)')
PIECE = re.compile(r'"((?:[^"\\]|\\.)*)"')


def main() -> int:
    root = sys.argv[1]
    bad = []
    for path in sorted(glob.glob(os.path.join(root, "tests", "**", "*.cpp"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for m in NAME.finditer(text):
            name = "".join(PIECE.findall(m.group(1)))
            line = text.count("\n", 0, m.start()) + 1
            if ";" in name:
                bad.append(f"{path}:{line}: test name holds `;`, which CTest splits: {name}")
            elif name.startswith("-"):
                bad.append(f"{path}:{line}: test name starts with `-`, read as an option: {name}")
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
