#!/usr/bin/env python3
"""Checks that FrontlineKit's stages depend one way: Text -> Places -> Claims -> Measures -> Scene -> Render.

Collects the types declared at the top level of each folder of Sources/FrontlineKit (struct, class, enum,
protocol, actor, typealias; not extensions, not private ones), then reports, as `file:line: Stage uses
LaterStage's Type`:
  - every use, in a stage's Swift files, of a type a later stage declares;
  - every use, in Basemap or Support (which stand beside the stages, usable by any of them), of a type
    any stage declares;
  - every use outside Basemap of a Basemap type that is not public (its layer cache is its own);
  - every use, in a stage, of a member that only a later stage's extension adds (`actor.fill` in Claims
    when Scene adds `fill` to Claims' Actor) and that no type of that stage, an earlier one or a shared
    folder declares;
  - every Swift file outside the stage and shared folders, except Pipeline.swift and Analysis.swift at the
    top of FrontlineKit, which run every stage and are not checked.
A use is a whole word outside comments and string literals (the code inside a string's interpolation
counts). Exits 1 when there is a violation, 2 when a folder is missing, else 0 with a one-line summary.

Usage: python3 scripts/check-stages.py [PACKAGE_ROOT]   (default: the folder above this script)
"""
import os
import re
import sys

STAGES = ["Text", "Places", "Claims", "Measures", "Scene", "Render"]
SHARED = ["Basemap", "Support"]

DECLARATION = re.compile(
    r"^(?:@\w+(?:\([^)]*\))?\s+)*"                       # attributes: @MainActor, @available(...)
    r"((?:public|internal|package|private|fileprivate|open|final|indirect|nonisolated)\s+)*"
    r"(?:struct|class|enum|protocol|actor|typealias)\s+([A-Z]\w*)")
WORD = re.compile(r"[A-Za-z_]\w*")


def code_only(text):
    """The text with comments and string literals blanked out (newlines kept, so line numbers hold);
    the code inside a string's interpolations `\\( ... )` is kept."""
    out = []
    i, n = 0, len(text)
    # A stack of what is open: ("string", hashes, multiline) or ("interp", parens).
    stack = []

    def blank(s):
        out.append("".join(c if c == "\n" else " " for c in s))

    while i < n:
        top = stack[-1] if stack else None
        if top is None or top[0] == "interp":
            c = text[i]
            if text.startswith("//", i):
                j = text.find("\n", i)
                j = n if j < 0 else j
                blank(text[i:j])
                i = j
            elif text.startswith("/*", i):
                depth, j = 1, i + 2
                while j < n and depth:
                    if text.startswith("/*", j):
                        depth, j = depth + 1, j + 2
                    elif text.startswith("*/", j):
                        depth, j = depth - 1, j + 2
                    else:
                        j += 1
                blank(text[i:j])
                i = j
            elif c == "#" or c == '"':
                m = re.match(r'(#*)("""|")', text[i:])
                if m is None:  # a #-directive (#if, #selector), not a raw string
                    out.append(c)
                    i += 1
                    continue
                stack.append(("string", len(m.group(1)), m.group(2) == '"""'))
                blank(m.group(0))
                i += len(m.group(0))
            elif top is not None and c == "(":
                stack[-1] = ("interp", top[1] + 1)
                out.append(c)
                i += 1
            elif top is not None and c == ")":
                if top[1] == 0:
                    stack.pop()
                    blank(c)
                else:
                    stack[-1] = ("interp", top[1] - 1)
                    out.append(c)
                i += 1
            else:
                out.append(c)
                i += 1
        else:
            _, hashes, multiline = top
            close = ('"""' if multiline else '"') + "#" * hashes
            escape = "\\" + "#" * hashes
            if text.startswith(escape + "(", i):
                stack.append(("interp", 0))
                blank(escape + "(")
                i += len(escape) + 1
            elif text.startswith(escape, i):
                blank(text[i:i + len(escape) + 1])
                i += len(escape) + 1
            elif text.startswith(close, i):
                stack.pop()
                blank(close)
                i += len(close)
            else:
                blank(text[i])
                i += 1
    return "".join(out)


MEMBER = re.compile(
    r"^(?:@\w+(?:\([^)]*\))?\s+)*"
    r"(?:(?:public|internal|package|private|fileprivate|open|final|static|class|override|mutating|nonisolated|lazy)\s+)*"
    r"(?:func|var|let|case)\s+`?([A-Za-z_]\w*)")
EXTENSION = re.compile(r"^(?:(?:public|internal|package|private|fileprivate)\s+)*extension\s+([A-Z]\w*)")
MEMBER_USE = re.compile(r"\.\s*([a-z_]\w*)\b")
EXEMPT = {"Pipeline.swift", "Analysis.swift"}  # at the top of FrontlineKit: they run every stage
OWN_INTERNALS = {"Basemap"}  # folders whose non-public types no other folder may use


def top_level_types(code):
    """The non-private types declared outside any braces, each with whether it is public (or open)."""
    names, depth = [], 0
    for line in code.split("\n"):
        if depth == 0:
            m = DECLARATION.match(line.strip())
            if m and not re.search(r"\b(private|fileprivate)\b", m.group(1) or ""):
                names.append((m.group(2), bool(re.search(r"\b(public|open)\b", m.group(1) or ""))))
        depth += line.count("{") - line.count("}")
    return names


def members(code):
    """The names of the members declared anywhere (func, var, let, case), and those declared straight
    inside a top-level extension, with the type it extends."""
    declared, added = set(), []
    depth, extending = 0, None
    for line in code.split("\n"):
        stripped = line.strip()
        if depth == 0:
            m = EXTENSION.match(stripped)
            extending = m.group(1) if m else None
        m = MEMBER.match(stripped)
        if m and depth >= 1:
            declared.add(m.group(1))
            if depth == 1 and extending:
                added.append((extending, m.group(1)))
        depth += line.count("{") - line.count("}")
        if depth == 0:
            extending = None
    return declared, added


def all_types(code):
    """The names of every type declared, at any depth (nested ones too)."""
    return {m.group(2) for m in (DECLARATION.match(line.strip()) for line in code.split("\n")) if m}


def swift_files(folder):
    for base, dirs, files in os.walk(folder):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".swift"):
                yield os.path.join(base, f)


def rank(folder):
    return STAGES.index(folder) if folder in STAGES else -1  # shared folders come first


def read_folders(kit):
    """Each checked file's folder and code, and the files outside the stage and shared folders."""
    code, strays = {}, []
    for path in swift_files(kit):
        rel = os.path.relpath(path, kit)
        folder = rel.split(os.sep)[0] if os.sep in rel else None
        if folder in STAGES or folder in SHARED:
            with open(path, encoding="utf-8") as f:
                code[path] = (folder, code_only(f.read()))
        elif not (folder is None and rel in EXEMPT):
            strays.append(path)
    return code, strays


def type_uses(code, declared, internal):
    """The uses of later stages' types (any stage's, in a shared folder) and of a folder's internals.
    A name the folder itself declares, nested in a type (WorkerPool.Batch), is its own."""
    problems = []
    own = {}
    for folder, text in code.values():
        own.setdefault(folder, set()).update(all_types(text))
    for path, (folder, text) in code.items():
        for number, line in enumerate(text.split("\n"), 1):
            for word in sorted(set(WORD.findall(line)), key=line.index):
                owners = declared.get(word)
                if not owners or word in own[folder]:
                    continue
                if word in internal and internal[word] != folder:
                    problems.append((path, number, f"{folder} uses {internal[word]}'s internal {word}"))
                    continue
                # A name this stage, an earlier one or a shared folder declares is theirs, not a later stage's.
                if folder in SHARED:
                    if all(o in SHARED for o in owners) or folder in owners:
                        continue
                elif any(rank(o) <= rank(folder) for o in owners):
                    continue
                later = min((o for o in owners if o in STAGES), key=rank)
                problems.append((path, number, f"{folder} uses {later}'s {word}"))
    return problems


def member_uses(code, declared_types):
    """The uses, in a stage, of members only a later stage's extensions add to a type."""
    declared_in, added_by = {}, {}  # member -> folders declaring it; member -> folders adding it by extension
    for folder, text in code.values():
        names, added = members(text)
        for n in names:
            declared_in.setdefault(n, set()).add(folder)
        for extended, n in added:
            owners = declared_types.get(extended, set())
            if folder in STAGES and any(rank(o) < rank(folder) for o in owners):
                added_by.setdefault(n, set()).add(folder)
    problems = []
    for path, (folder, text) in code.items():
        if folder not in STAGES:
            continue
        for number, line in enumerate(text.split("\n"), 1):
            for name in sorted(set(MEMBER_USE.findall(line)), key=line.index):
                adders = {a for a in added_by.get(name, ()) if rank(a) > rank(folder)}
                if not adders or any(rank(o) <= rank(folder) for o in declared_in.get(name, ())):
                    continue
                problems.append((path, number, f"{folder} uses .{name}, which {min(adders, key=rank)} adds"))
    return problems


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    kit = os.path.join(root, "Sources", "FrontlineKit")
    missing = [s for s in STAGES + SHARED if not os.path.isdir(os.path.join(kit, s))]
    if missing:
        print("check-stages: no folder for " + ", ".join(missing) + " in " + kit, file=sys.stderr)
        return 2
    code, strays = read_folders(kit)
    declared, internal = {}, {}  # type name -> the folders that declare it; a folder's non-public types
    for folder, text in code.values():
        for name, public in top_level_types(text):
            declared.setdefault(name, set()).add(folder)
            if folder in OWN_INTERNALS and not public:
                internal[name] = folder
    problems = type_uses(code, declared, internal) + member_uses(code, declared)
    problems += [(path, 1, "outside the stage folders (only " + " and ".join(sorted(EXEMPT))
                  + " at the top of FrontlineKit run every stage)") for path in strays]
    for path, number, what in sorted(problems):
        print(f"{os.path.relpath(path, root)}:{number}: {what}")
    if problems:
        print(f"check-stages: {len(problems)} violation(s) of the stage order", file=sys.stderr)
        return 1
    files = sum(1 for folder, _ in code.values() if folder in STAGES)
    print(f"check-stages: {files} files in {len(STAGES)} stages ({' -> '.join(STAGES)}) and "
          f"{len(code) - files} in {' and '.join(SHARED)}, {len(declared)} types: each stage uses only its own, "
          "earlier stages', Basemap's and Support's types and members")
    return 0


if __name__ == "__main__":
    sys.exit(main())
