#!/usr/bin/env python3
"""Writes the time-bounded hardening cases of issue 17 into a folder, one input each, and a list of
them: `cases.tsv`, one case a line, its name and the frontline arguments (tab-separated, paths relative
to the folder; OUT is where the case may write).

Usage: python3 scripts/hardening-cases.py DIR [--scale S]   (S < 1 makes smaller cases, for tests)

The text is made up here (place names from the basemap's region, invented village names); no real
article is copied.
"""
import json
import os
import sys

HEAD = "Fighting in northern Syria\n\nJune 2, 2016\n\n"
MIB = 1_048_576


def village(i):
    """A capitalised name no gazetteer holds: syllables from the number, never a real word."""
    syllables = ["qar", "zul", "bim", "tek", "vor", "nax", "plu", "gri", "dov", "wes"]
    name = "".join(syllables[int(d)] for d in f"{i:06d}")
    return name.capitalize() + "ix"


def exact_line(unit, size):
    """`unit` repeated and cut to exactly `size` bytes (ASCII), ending in a full stop."""
    line = (unit * (size // len(unit) + 1))[: size - 1]
    return line + "."


def cases(scale):
    n = lambda count: max(1, int(count * scale))  # noqa: E731
    size = lambda count: max(64, int(count * scale))  # noqa: E731
    out = {}
    filler = "Rebels near Manbij said the fighting went on through the night and "
    out["line-1mib"] = HEAD + exact_line(filler, size(MIB)) + "\n"
    out["title-no-spaces"] = "A" * size(1_000_000) + "\n\nRebels captured Manbij.\n"
    body = "Rebels captured Manbij, " * (size(1_000_000) // 24)
    out["captures-sentence"] = HEAD + body + "and Jarabulus.\n"
    phrases = ["Rebels hold the last %d km of the border near Jarabulus." % (i + 1) for i in range(n(10_000))]
    out["border-phrases"] = HEAD + "\n\n".join(" ".join(phrases[i : i + 100]) for i in range(0, len(phrases), 100))
    kms = ", ".join("%d km" % (i % 500 + 1) for i in range(n(100_000)))
    out["km-sentence"] = HEAD + "Manbij lies " + kms + " from Jarabulus.\n"
    out["paragraphs"] = HEAD + "".join("Fighting near Manbij went on, day %d.\n\n" % i for i in range(n(20_000)))
    names = [village(i) for i in range(n(100_000))]
    sentences = [
        "Rebels captured the village of %s and the village of %s near Manbij." % (names[i], names[i + 1])
        for i in range(0, len(names) - 1, 2)
    ]
    out["unknown-villages"] = HEAD + "\n\n".join(" ".join(sentences[i : i + 50]) for i in range(0, len(sentences), 50))
    return out


def write(folder, scale):
    os.makedirs(folder, exist_ok=True)
    rows = []
    for name, text in cases(scale).items():
        with open(os.path.join(folder, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        rows.append([name, "render", name + ".txt", "-o", "OUT/" + name, "--format", "png"])
    example = "article.txt"
    with open(os.path.join(folder, example), "w", encoding="utf-8") as f:
        f.write(HEAD + "Rebels captured Manbij and Jarabulus. Kurdish forces entered Tabqa.\n")
    # A million rows is past the 250,000 rows user gazetteers may hold: refused (exit 1) before parsing.
    # The 250,000 rows at the limit are read and used.
    for rows_n, label in ((1_000_000, "gazetteer-1m-rows-refused"), (250_000, "gazetteer-250k-rows")):
        name = label + ".csv"
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write("name,lat,lon,country,kind\n")
            for i in range(max(1, int(rows_n * scale))):
                f.write("%s,%.3f,%.3f,SY,village\n" % (village(i), 33 + i // 1000 / 1000, 36 + i % 1000 / 1000))
        rows.append([label, "places", example, "--gazetteer", name])
    actors = []
    for i in range(max(1, int(10_000 * scale))):
        actors.append({"id": "actor%d" % i, "label": "Actor %d" % i, "colour": "#%06x" % (i * 2654435761 % 0xFFFFFF),
                       "outline": "#ffffff", "shape": "circle", "role": "combatant",
                       "names": [village(i) + " Brigade", "the " + village(i) + " militia"]})
    with open(os.path.join(folder, "actors.json"), "w", encoding="utf-8") as f:
        json.dump({"actors": actors}, f)
    with open(os.path.join(folder, "actors-article.txt"), "w", encoding="utf-8") as f:
        f.write(HEAD + "".join("The %s captured Manbij.\n\n" % a["names"][0] for a in actors[: max(1, len(actors) // 10)]))
    rows.append(["actors-10k", "claims", "actors-article.txt", "--actors", "actors.json"])
    with open(os.path.join(folder, "cases.tsv"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write("\t".join(r) + "\n")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 4) or (len(sys.argv) == 4 and sys.argv[2] != "--scale"):
        sys.exit(__doc__)
    write(sys.argv[1], float(sys.argv[3]) if len(sys.argv) == 4 else 1.0)
