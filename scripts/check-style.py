#!/usr/bin/env python3
"""Checks the two limits swift-format does not: no line over 120 columns and no function over 80 lines.

A function is counted from the line of its `func`, `init` or `subscript` to the line of its closing
brace, found by counting braces outside comments and string literals (a literal's `\\( ... )` code
counts). Reports `file:line: ...` for each breach and exits 1 if there is one, else 0 with a summary.

Usage: python3 scripts/check-style.py [PACKAGE_ROOT]   (default: the folder above this script)
"""
import os
import re
import sys

MAX_COLUMNS = 120
MAX_FUNCTION_LINES = 80
START = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:[a-z]+\s+)*(?:func\s+[^\s(<]+|init[?!]?|subscript)\s*[(<]")


def braces(line, state):
    """Net `{` minus `}` on a line outside comments and strings. `state` carries an open block
    comment or multi-line string from one line to the next: a dict with 'block' and 'multi'."""
    depth, i, n = 0, 0, len(line)
    while i < n:
        if state["block"]:
            j = line.find("*/", i)
            if j < 0:
                return depth
            state["block"], i = False, j + 2
        elif state["multi"]:
            j = line.find('"""', i)
            if j < 0:
                return depth
            state["multi"], i = False, j + 3
        elif line.startswith("//", i):
            return depth
        elif line.startswith("/*", i):
            state["block"], i = True, i + 2
        elif line.startswith('"""', i):
            state["multi"], i = True, i + 3
        elif line[i] == '"':
            i = skip_string(line, i + 1)
        else:
            depth += {"{": 1, "}": -1}.get(line[i], 0)
            i += 1
    return depth


def skip_string(line, i):
    """The index after the string literal that starts before `i`; interpolations skipped whole."""
    while i < len(line):
        if line.startswith("\\(", i):
            level, i = 1, i + 2
            while i < len(line) and level:
                level += {"(": 1, ")": -1}.get(line[i], 0)
                i += 1
        elif line[i] == "\\":
            i += 2
        elif line[i] == '"':
            return i + 1
        else:
            i += 1
    return i


def check(path, out):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for k, line in enumerate(lines):
        if len(line) > MAX_COLUMNS:
            out.append(f"{path}:{k + 1}: line is {len(line)} columns (at most {MAX_COLUMNS})")
    k = 0
    while k < len(lines):
        m = START.match(lines[k])
        if m and not lines[k].lstrip().startswith("//"):
            state, depth, opened, j = {"block": False, "multi": False}, 0, False, k
            while j < len(lines):
                d = braces(lines[j], state)
                opened = opened or "{" in lines[j]
                depth += d
                if opened and depth <= 0:
                    break
                j += 1
            if j - k + 1 > MAX_FUNCTION_LINES:
                name = lines[k].strip()[:60]
                out.append(f"{path}:{k + 1}: function is {j - k + 1} lines (at most {MAX_FUNCTION_LINES}): {name}")
        k += 1


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    out, files = [], 0
    for folder in ("Sources", "Tests"):
        for base, _, names in sorted(os.walk(os.path.join(root, folder))):
            for name in sorted(names):
                if name.endswith(".swift"):
                    files += 1
                    check(os.path.relpath(os.path.join(base, name), root), out)
    for line in out:
        print(line)
    if out:
        print(f"check-style: {len(out)} problem(s) in {files} Swift files", file=sys.stderr)
        return 1
    print(f"check-style: {files} Swift files, no line over {MAX_COLUMNS} columns, no function over {MAX_FUNCTION_LINES} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
