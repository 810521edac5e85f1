#!/usr/bin/env python3
"""Write Shapes/english-words.txt: the common English words (all lower case, letters only) of a SCOWL
word list as Debian's wamerican ships it, sorted bytewise, one per line, under a header naming the source.
A capitalised word of the article that is one of these ("Center", "Alliance", "Sake") is a place only with
evidence beyond its spelling; the resolver bisects the file's lines (no set is built at start-up)."""
import re
import sys


def main(source, out, version):
    words = set()
    with open(source, encoding='utf-8') as f:
        for line in f:
            w = line.strip()
            if re.fullmatch(r'[a-z]{3,}', w):
                words.add(w)
    write_list(out, 'frontline-english-words 1 (SCOWL via Debian wamerican %s)' % version, words)
    print('english-words.txt: %d words' % len(words))


def write_list(out, header, words):
    """The words sorted bytewise, one per line, under the header line (the format SortedWords reads)."""
    with open(out, 'w', encoding='utf-8', newline='\n') as f:
        f.write(header + '\n')
        for w in sorted(words, key=lambda s: s.encode()):
            f.write(w + '\n')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3])
