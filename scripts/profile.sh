#!/usr/bin/env bash
# Instruction counts of one render (valgrind's callgrind: repeatable where wall time is not), with the
# pipeline's functions by inclusive cost. Usage: bash scripts/profile.sh [ARTICLE]   (needs valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "profile.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
article=${1:-../shared/seeds/reuters-2016-isis-loses-ground.txt}
[ -f "$article" ] || article=Examples/manbij-marea-falluja-2016.txt
swift build -c release --static-swift-stdlib --product frontline >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" .build/release/frontline render "$article" \
  -o "$tmp/map" --format png,svg 2>&1 | grep -E "refs" | sed 's/^==[0-9]*== */total instructions: /'
echo "by function (inclusive):"
callgrind_annotate --inclusive=yes "$tmp/cg.out" 2>/dev/null | grep -E "Sources/FrontlineKit/[A-Za-z]+/" \
  | sed -E 's|^ *([0-9,]+) *\( *([0-9.]+%)\) *[^:]*:|\1 \2 |; s| \[.*||' | swift demangle --simplified \
  | awk '!seen[$3 $4 $5]++' | head -25 | cut -c1-150
