#!/usr/bin/env python3
"""Scores Frontline's reading against the gold corpus and holds it to a floor, so progress is never lost.

Runs the reference scorer (`../shared/tools/corpus_gold.py`, then `corpus_score.py`) on `../shared/corpus/dev`
with the given binary, prints its per-article lines and totals, then each region's figures as fractions, and
compares them with `scripts/eval-floor.json` (the figures reached so far). Exits 1 when a figure falls below
its floor, 0 otherwise; with `--update` it writes the figures reached as the new floor (on purpose only).
Where `../shared` is absent (a user's clone) it says so and exits 0: the corpus is test data CI has.

Usage: python3 scripts/eval.py [BINARY] [--update]   (default binary: .build/debug/frontline)
"""
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SHARED = os.path.join(ROOT, "..", "shared")
FLOOR = os.path.join(ROOT, "scripts", "eval-floor.json")
# The TOTAL line's counts, as the reference scorer prints them.
TOTAL = re.compile(
    r"TOTAL (\S+)\s+P (\d+)/(\d+) .*? prec=(\d+)/(\d+) \| C (\d+)/(\d+) .*? toolOK (\d+)/(\d+) .*? \| D (\d+)/(\d+)")


def figures(output):
    """Each region's figures from the scorer's TOTAL lines: place recall and precision, claim recall and
    precision, distance recall, as fractions (0 where nothing was counted)."""
    out = {}
    for m in TOTAL.finditer(output):
        region = m.group(1)
        n = [int(x) for x in m.groups()[1:]]
        frac = lambda a, b: round(a / b, 4) if b else 0.0  # noqa: E731
        out[region] = {
            "place recall": frac(n[0], n[1]), "place precision": frac(n[2], n[3]),
            "claim recall": frac(n[4], n[5]), "claim precision": frac(n[6], n[7]),
            "distance recall": frac(n[8], n[9]),
        }
    return out


def dates(corpus, out):
    """Each region's article dates read as the gold's ("YYYY-MM-DD", or null when the article gives none):
    (right, total, the wrong ones as 'article: read / gold'). The region is the scorer's: Syria and Iraq
    ('syria-iraq', stems starting sy- or iq-) or 'other'."""
    found = {}
    for name in sorted(os.listdir(corpus)):
        if not name.endswith(".gold.json"):
            continue
        stem = name[:-len(".gold.json")]
        gold = json.load(open(os.path.join(corpus, name))).get("date")
        path = os.path.join(out, stem + ".claims.json")
        read = json.load(open(path))["article"].get("date") if os.path.exists(path) else None
        region = "syria-iraq" if stem[:3] in ("sy-", "iq-") else "other"
        right, total, wrong = found.get(region, (0, 0, []))
        found[region] = (right + (read == gold), total + 1, wrong + ([] if read == gold else [f"{stem}: {read} / {gold}"]))
    return found


def verdicts(out):
    """Each region's distances found whose verdict is the gold's (consistent, inconsistent, cannot check), from
    the scorer's score.json: (right, found)."""
    found = {}
    path = os.path.join(out, "score.json")
    if not os.path.exists(path):
        return found
    for art in json.load(open(path)):
        region = art.get("region") or ("syria-iraq" if art["article"][:3] in ("sy-", "iq-") else "other")
        right, total = found.get(region, (0, 0))
        rows = [r for r in art["distances"]["rows"] if r["found"]]
        found[region] = (right + sum(r["verdict"] == r["expected"] for r in rows), total + len(rows))
    return found


def main():
    args = [a for a in sys.argv[1:] if a != "--update"]
    update = "--update" in sys.argv[1:]
    binary = os.path.abspath(args[0] if args else os.path.join(ROOT, ".build", "debug", "frontline"))
    corpus = os.path.join(SHARED, "corpus", "dev")
    tools = os.path.join(SHARED, "tools")
    if not os.path.isdir(corpus) or not os.path.isfile(os.path.join(tools, "corpus_score.py")):
        print(f"eval: skipped: {corpus} and the reference scorer are not here (only CI and the project's machines "
              "have ../shared)")
        return 0
    if not os.access(binary, os.X_OK):
        print(f"eval: {binary}: no such program (build it first: swift build)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as gold:
        subprocess.run([sys.executable, os.path.join(tools, "corpus_gold.py"), corpus, gold], check=True,
                       stdout=subprocess.DEVNULL)
        out = os.path.join(gold, "out")
        run = subprocess.run([sys.executable, os.path.join(tools, "corpus_score.py"), gold, binary, "--gold", gold,
                              "--out", out], capture_output=True, text=True, cwd=ROOT)
        dated = dates(corpus, out)
        judged = verdicts(out)
    print(run.stdout, end="")
    if run.returncode != 0:
        print(run.stderr, end="", file=sys.stderr)
        print(f"eval: the scorer failed (exit {run.returncode})", file=sys.stderr)
        return 1
    reached = figures(run.stdout)
    if not reached:
        print("eval: no TOTAL lines in the scorer's output", file=sys.stderr)
        return 1
    for region, (right, total) in sorted(judged.items()):
        if region in reached:
            reached[region]["distance verdict"] = round(right / total, 4) if total else 0.0
    for region, (right, total, wrong) in sorted(dated.items()):
        print(f"DATES {region}: {right}/{total} read as the gold date" + ("; " if wrong else "") + "; ".join(wrong))
        if region in reached:
            reached[region]["date accuracy"] = round(right / total, 4) if total else 0.0
    if update:
        with open(FLOOR, "w") as f:
            json.dump(reached, f, indent=2, sort_keys=True)
            f.write("\n")
        print(f"eval: floor written to {os.path.relpath(FLOOR, ROOT)}")
        return 0
    floor = json.load(open(FLOOR)) if os.path.exists(FLOOR) else {}
    below = []
    for region, figs in sorted(reached.items()):
        for name, value in sorted(figs.items()):
            least = floor.get(region, {}).get(name)
            mark = "" if least is None or value >= least else f"   BELOW the floor {least:.4f}"
            if mark:
                below.append(f"{region} {name}")
            print(f"eval: {region:12} {name:16} {value:.4f}" + ("" if least is None else f" (floor {least:.4f})")
                  + mark)
    if below:
        print("eval: below the floor: " + ", ".join(below), file=sys.stderr)
        return 1
    print("eval: every figure at or above its floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
