#!/usr/bin/env python3
"""Gives each country row of a gazetteer the point GeoNames gives that country (Shapes/country-points.tsv).

A geoparser is scored against GeoNames' country points (the United States at 39.76 N 98.5 W), and no map
draws a country's point, so the gazetteer uses those, where the table has the country; the others keep
countryinfo's latlng.  world.py calls `apply`; run alone it rewrites an existing gazetteer.tsv in place
(same bytes as a full rebuild):

    python3 Shapes/build/country_points.py Shapes/country-points.tsv Shapes/gazetteer.tsv
"""
import sys

NOTE = '; point from GeoNames (country-points.tsv)'
OLD_NOTE = '; point from countryinfo'


def load(path):
    """ISO alpha-2 code -> (lat, lon), from the table's rows after its comments and header."""
    points = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or line.startswith('iso2\t') or not line.strip():
                continue
            iso, lat, lon = line.rstrip('\n').split('\t')[:3]
            points[iso] = (float(lat), float(lon))
    return points


def apply(rows, points):
    """Sets the lat, lon and source note of each country row whose code the table has."""
    for row in rows:
        if not row[0].startswith('country:') or row[4] not in points:
            continue
        lat, lon = points[row[4]]
        row[2], row[3] = '%.5f' % lat, '%.5f' % lon
        source = row[8].split(OLD_NOTE)[0].split(NOTE)[0]
        row[8] = source + NOTE
    return rows


def main():
    table, gazetteer = sys.argv[1], sys.argv[2]
    with open(gazetteer, encoding='utf-8', newline='') as f:
        lines = f.read().split('\n')
    header, body = lines[0], [l.split('\t') for l in lines[1:] if l]
    apply(body, load(table))
    with open(gazetteer, 'w', encoding='utf-8', newline='') as f:
        f.write('\n'.join([header] + ['\t'.join(r) for r in body]) + '\n')


if __name__ == '__main__':
    main()
