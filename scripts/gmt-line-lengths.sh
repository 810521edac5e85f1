#!/usr/bin/env bash
# Reference lengths along the basemap's rivers and borders, computed by GMT itself (not by frontline), for
# the tests of `measure --along` and `--border` (Tests/FrontlineKitTests/WorldMeasureTests.swift). For each
# pair of towns on a river: the river's line is dumped from SHAPES/rivers.shp with shapelib's shpdump (its
# vertices, which the world build traced from GSHHG/WDBII; a border: the first part of the pair's record in
# SHAPES/boundaries.shp, Natural Earth), each town's nearest point on it is found by
# `gmt mapproject -L<line>+p` (segment and fractional point number), the cumulative geodesic distance of
# every vertex by `gmt mapproject -G+uk -je` (WGS84 ellipsoid), and the length between the two nearest
# points is the difference of their chainages (interpolated within their segments).
# Usage: bash scripts/gmt-line-lengths.sh SHAPES > Tests/Data/gmt-line-lengths.tsv
# Towns are given by their GeoNames id; their coordinates are read from SHAPES/gazetteer.tsv.
set -euo pipefail
shapes=$(cd "${1:?usage: gmt-line-lengths.sh SHAPES}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# GMT's session files (gmt.history, gmt.conf) in a folder of this run's own, not shared with other GMT runs.
export GMT_TMPDIR=$tmp GMT_USERDIR=$tmp
cd "$tmp"
# river (or border CC-CC), from town, its GeoNames id, to town, its GeoNames id
pairs='Dnipro	Kyiv	703448	Kherson	706448
Dnipro	Zaporizhzhia	687700	Kherson	706448
Nile	Khartoum	379252	Cairo	360630
Nile	Aswan	359792	Cairo	360630
RU-UA	Vovchansk	689304	Hlukhiv	707758
SD-TD	El Geneina	379303	Adré	245669'
line_of() {  # river name or border pair -> its vertices, one "lon lat" a line, in $tmp/line.txt
  local rec layer=rivers
  case $1 in
    [A-Z][A-Z]-[A-Z][A-Z]) layer=boundaries
      rec=$(dbfdump "$shapes/boundaries.dbf" | awk -v a="${1%-*}" -v b="${1#*-}" 'NR > 1 {
        l = $(NF - 1); r = $NF; if ((l == a && r == b) || (l == b && r == a)) { print NR - 2; exit } }') ;;
    *) rec=$(dbfdump "$shapes/rivers.dbf" | awk -v n="$1" 'NR > 1 { name = substr($0, 1, 40); sub(/ +$/, "", name);
      if (name == n) { print NR - 2; exit } }') ;;
  esac
  [ -n "$rec" ] || { echo "no $1 in $shapes/$layer.dbf" >&2; exit 1; }
  # Vertex lines are "(lon,lat, 0)", a new part's first "+ (lon,lat, 0)": the first part only.
  shpdump "$shapes/$layer.shp" | awk -v r="Shape:$rec" '$1 == r { f = 1; next } /^Shape:/ { f = 0 }
    f && /^ *\+ *\(/ { f = 0 } f && /^ *\(/ { gsub(/[()]/, " "); split($1, a, ","); print a[1], a[2] }' \
    > "$tmp/line.txt"
}
town() {  # GeoNames id -> "lon lat"
  awk -F '\t' -v id="geonames:$1" '$1 == id { print $4, $3; exit }' "$shapes/gazetteer.tsv"
}
chainage() {  # "lon lat" -> km along $tmp/line.txt from its first vertex to the point's nearest point
  local seg
  seg=$(echo "$1" | gmt mapproject -L"$tmp/line.txt"+p -fg | awk '{ print $5 }')
  gmt mapproject "$tmp/line.txt" -G+uk -je 2>/dev/null | awk -v f="$seg" '
    { c[NR - 1] = $3 } END { i = int(f); t = f - i; if (i >= NR - 1) { print c[NR - 1]; exit }
      printf "%.3f\n", c[i] + t * (c[i + 1] - c[i]) }'
}
echo "# Made by: bash scripts/gmt-line-lengths.sh SHAPES (SHAPES: the world basemap)"
echo "# with $(gmt --version | sed 's/^/GMT /') (gmt mapproject -L<line>+p -fg for the nearest points; -G+uk -je for"
echo "# geodesic chainage on WGS84); gmt_km: along the line between the towns' nearest points; line_km: the whole line."
printf 'line\tfrom\tfrom_geonames\tto\tto_geonames\tgmt_km\tline_km\tvertices\n'
while IFS=$'\t' read -r river a aid b bid; do
  line_of "$river"
  pa=$(town "$aid"); pb=$(town "$bid")
  [ -n "$pa" ] && [ -n "$pb" ] || { echo "town $aid or $bid not in $shapes/gazetteer.tsv" >&2; exit 1; }
  ca=$(chainage "$pa"); cb=$(chainage "$pb")
  total=$(gmt mapproject "$tmp/line.txt" -G+uk -je 2>/dev/null | tail -1 | awk '{ printf "%.3f", $3 }')
  awk -v r="$river" -v a="$a" -v ai="$aid" -v b="$b" -v bi="$bid" -v ca="$ca" -v cb="$cb" -v t="$total" \
    -v n="$(wc -l < "$tmp/line.txt")" 'BEGIN { d = cb - ca; if (d < 0) d = -d
      printf "%s\t%s\t%s\t%s\t%s\t%.3f\t%s\t%d\n", r, a, ai, b, bi, d, t, n }'
done <<< "$pairs"
