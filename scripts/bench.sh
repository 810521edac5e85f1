#!/usr/bin/env bash
# Benchmarks on a release build, printing `name: median ms (min–max)` over repeated runs, the median
# CPU time (user + system, summed over the cores: the work done) and the peak RSS of each, and, where
# GMT is installed, GMT drawing the region's full-resolution basemap in the same run with the ratio.
# Usage: bash scripts/bench.sh [RUNS]   (default 5)
# The basemap is $FRONTLINE_SHAPES when set (e.g. FRONTLINE_SHAPES=/tmp/wshapes for a world basemap not yet
# committed), else the package's Shapes; every command below reads the same one.
# Issue 18's six boxes (Syria-Iraq, Donbas, Darfur, Gaza-Lebanon, northern Myanmar, the Kivus): our whole
# render of the seed article with --bbox of each box and GMT's `coast -Df` of the same box at about the same
# width, in turns, with each ratio of the medians (target: ours at most 1/5 of GMT's).
# With FRONTLINE_BENCH_BEFORE=BINARY (an earlier build of frontline), that binary's render of the same
# article takes turns with this one's, and the ratio of the medians is printed. It reads the Shapes
# folder of its own package (BINARY/../../../Shapes, beside its .build) when there is one, as its data may be older.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
# The same build as scripts/setup.sh: release, Swift runtime linked in (faster start-up).
swift build -c release --static-swift-stdlib --product frontline >/dev/null
swift build -c release --static-swift-stdlib --product frontline-bench >/dev/null
bin=$PWD/.build/release/frontline
seed=../shared/seeds/reuters-2016-isis-loses-ground.txt
[ -f "$seed" ] || seed=Examples/manbij-marea-falluja-2016.txt
before_shapes=
if [ -n "${FRONTLINE_BENCH_BEFORE:-}" ]; then
  d=$(cd "$(dirname "$FRONTLINE_BENCH_BEFORE")/../.." && pwd)/Shapes
  [ -d "$d" ] && before_shapes=$d
fi
# GMT writes PNG through Ghostscript: without gs, `gmt end` fails, so GMT counts as missing.
have_gmt() { command -v gmt >/dev/null && command -v gs >/dev/null; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export FRONTLINE_SHAPES=${FRONTLINE_SHAPES:-$PWD/Shapes}
echo "basemap: $FRONTLINE_SHAPES"

# In-process stages, then one cold render of the seed stage by stage.
.build/release/frontline-bench Examples/manbij-marea-falluja-2016.txt "$seed"
.build/release/frontline-bench --stages "$seed"

# Whole commands: wall time, CPU time and peak RSS of each run (`frontline-bench --time`, from wait4).
once() {  # name, command...: one timed run, appended to $tmp/name.times as "seconds KiB cpu-seconds"
  local name=$1; shift
  .build/release/frontline-bench --time "$@" >> "$tmp/$name.times"
}
report() {  # name: median (min–max) wall time, median CPU time (user + system, all cores) and peak RSS
  local cpu
  cpu=$(sort -n -k3 "$tmp/$1.times" | awk '{ c[NR] = $3 * 1000 } END { printf "%.0f", c[int((NR + 1) / 2)] }')
  sort -n "$tmp/$1.times" | awk -v name="$1" -v cpu="$cpu" '{ t[NR] = $1 * 1000; if ($2 > m) m = $2 } END {
    printf "%s: %.1f ms (%.1f–%.1f), CPU %s ms, peak RSS %.1f MiB\n", name, t[int((NR + 1) / 2)], t[1], t[NR], cpu, m / 1024 }'
}
median() { sort -n "$tmp/$1.times" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'; }
measure() {  # name, command...
  local name=$1; shift
  for _ in $(seq "$runs"); do once "$name" "$@"; done
  report "$name"
}

# GMT (modern mode, as the issue's anchor): the full-resolution basemap of lon 35–49, lat 29–39 with
# one label, to PNG. Each run starts in a fresh folder, as a user's first map would.
cat > "$tmp/gmt.sh" <<'GMT'
set -e
d=$(mktemp -d) && cd "$d"
gmt begin map png
gmt coast -R35/49/29/39 -JM16c -Df -W0.25p -N1 -I1 -Gbeige -Sazure -Ba
echo "44.4 33.3 Baghdad" | gmt text -F+f10p
gmt end
test -s map.png
cd / && rm -rf "$d"
GMT

# The render and GMT's command take turns, run after run, so that the shared machine's slower and
# faster minutes fall on both alike; the ratio is that of the medians.
for _ in $(seq "$runs"); do
  once render "$bin" render "$seed" -o "$tmp/seed" --format png,svg --width 1600
  if have_gmt; then once gmt bash "$tmp/gmt.sh"; fi
  if [ -n "${FRONTLINE_BENCH_BEFORE:-}" ]; then
    once before "$FRONTLINE_BENCH_BEFORE" render "$seed" -o "$tmp/before" --format png,svg --width 1600 \
      ${before_shapes:+--shapes "$before_shapes"}
  fi
done
[ -s "$tmp/seed.png" ] && [ -s "$tmp/seed.svg" ] || { echo "bench: render wrote no map: figures invalid" >&2; exit 1; }
report render
if have_gmt; then
  report gmt
  awk -v r="$(median render)" -v g="$(median gmt)" 'BEGIN { printf "render / gmt: %.3f (target at most 0.10)\n", r / g }'
else
  echo "gmt: not installed (apt-get install gmt gmt-gshhg-full ghostscript to compare)"
fi
if [ -n "${FRONTLINE_BENCH_BEFORE:-}" ]; then
  report before
  awk -v r="$(sort -n "$tmp/render.times" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')" \
      -v b="$(sort -n "$tmp/before.times" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')" \
      'BEGIN { printf "render / before: %.3f\n", r / b }'
fi
# The six boxes: name, west, east, south, north (degrees). Ours: the seed article's whole render (text,
# places, claims, measures, PNG) with --bbox of the box, 1600 px wide; GMT: coast -Df of the box in
# Mercator 15 cm wide at 254 dpi (1500 px of map, about 1620 px with its frame), coastline, borders,
# rivers, land and sea, to PNG.
boxes='syria-iraq 35 49 29 39
donbas 36.5 40.5 46.8 49.8
darfur 21.8 27.5 10 16.5
gaza-lebanon 34 36.7 31 34.7
northern-myanmar 94 99 21 27.5
kivus 26.8 29.9 -4.9 0.9'
if have_gmt; then
  while read -r -u 3 name w e s n; do
    cat > "$tmp/gmt-$name.sh" <<GMT
set -e
d=\$(mktemp -d) && cd "\$d"
gmt begin map png E254
gmt coast -R$w/$e/$s/$n -JM15c -Df -W0.25p -N1 -I1 -Gbeige -Sazure -Ba
gmt end
test -s map.png
cd / && rm -rf "\$d"
GMT
    for _ in $(seq "$runs"); do
      once "box-$name" "$bin" render "$seed" --bbox "$w,$s,$e,$n" -o "$tmp/box-$name" --format png --width 1600
      once "gmt-$name" bash "$tmp/gmt-$name.sh"
    done
    [ -s "$tmp/box-$name.png" ] || { echo "bench: render of $name wrote no map: figures invalid" >&2; exit 1; }
    report "box-$name"
    report "gmt-$name"
    awk -v name="$name" -v r="$(median "box-$name")" -v g="$(median "gmt-$name")" \
      'BEGIN { printf "%s: render / gmt coast -Df: %.3f (target at most 0.20)\n", name, r / g }'
  done 3<<< "$boxes"
else
  echo "boxes: gmt not installed (apt-get install gmt gmt-gshhg-full ghostscript to compare)"
fi
measure compare "$bin" compare "$seed" -o "$tmp/cmp" --format png
[ -s "$tmp/cmp.png" ] || { echo "bench: compare wrote no image: figures invalid" >&2; exit 1; }
bash scripts/make-batch-corpus.sh "$tmp/corpus" 200 >/dev/null
mkdir -p "$tmp/batch"
# (The batch exits 1 for the corpus's one corrupt file, as it should; its 199 articles must each give a map.)
.build/release/frontline-bench --time "$bin" batch "$tmp/corpus" -o "$tmp/batch" --width 1200 > "$tmp/batchtime" || true
maps=$(find "$tmp/batch" -name '*.png' | wc -l)
[ "$maps" -eq 199 ] || { echo "bench: batch wrote $maps maps for 199 articles: figures invalid" >&2; exit 1; }
awk '{ printf "batch of 200 articles: %.1f s, %.1f articles/s, CPU %.1f s, peak RSS %.1f MiB\n", $1, 200 / $1, $3, $2 / 1024 }' "$tmp/batchtime"


# Hardening cases (issue 17): inputs at and past the stated limits (scripts/hardening-cases.py), each
# run once with a 120 s timeout; every one must finish in under 5 s.
python3 scripts/hardening-cases.py "$tmp/hard"
mkdir -p "$tmp/hard/OUT"
root=$PWD
while IFS=$'\t' read -r name args; do
  IFS=$'\t' read -ra a <<< "$args"
  (cd "$tmp/hard" && "$root/.build/release/frontline-bench" --time \
    timeout 120 "$bin" "${a[@]}" > "$name.time") ||
    echo "$name: exit code $? (1: refused, as the README documents; 124: timed out)"
  awk -v name="$name" '{ printf "%s: %.2f s, peak RSS %.1f MiB\n", name, $1, $2 / 1024 }' "$tmp/hard/$name.time"
  awk -v name="$name" '{ print name, $1 }' "$tmp/hard/$name.time" >> "$tmp/hard/all"
done < "$tmp/hard/cases.tsv"
sort -k2 -n "$tmp/hard/all" | tail -1 | awk '{ printf "slowest hardening case: %s %.2f s (limit 5 s)\n", $1, $2 }'

# Issue 18's target over our commands timed above (the seed's render, the boxes, compare and the batch;
# not GMT's, the build before's or the hardening cases at their limits): the largest peak RSS.
find "$tmp" -maxdepth 1 \( -name render.times -o -name 'box-*.times' -o -name compare.times -o -name batchtime \) \
  -exec cat {} + |
  awk '$2 > m { m = $2 } END { printf "largest peak RSS of our commands: %.1f MiB (target < 150)\n", m / 1024 }'
