#!/usr/bin/env bash
# Builds the libFuzzer targets (with AddressSanitizer) and runs each for SECONDS (default 600),
# two at a time, from the committed seed corpora in Fuzz/corpus. A crash or a hang (an input that
# takes over 10 s) stops that target and leaves the input in Fuzz/findings/<target>/.
# Usage: bash scripts/fuzz.sh [SECONDS] [TARGET...]
#   targets: fuzz-article fuzz-claims fuzz-shapefile fuzz-claims-render fuzz-numbers
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
all=(fuzz-article fuzz-claims fuzz-shapefile fuzz-claims-render fuzz-numbers)
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
export FRONTLINE_FUZZ=1 FRONTLINE_SHAPES="$PWD/Shapes"
scratch=.build-fuzz
for t in "${targets[@]}"; do
  swift build --scratch-path "$scratch" --product "$t" -Xswiftc -sanitize=fuzzer,address \
    -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld >/dev/null
done
bin="$scratch/debug"
run() {
  local target=$1 corpus=$2
  local work; work=$(mktemp -d)
  mkdir -p "Fuzz/findings/$target"
  cp -r "Fuzz/corpus/$corpus/." "$work/"
  set +e
  "$bin/$target" "$work" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="Fuzz/findings/$target/" -print_final_stats=1 > "Fuzz/findings/$target.log" 2>&1
  local rc=$?
  set -e
  local runs; runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "Fuzz/findings/$target.log" | grep -o '[0-9]*$' || echo "?")
  if [ $rc -eq 0 ]; then echo "$target: ${seconds} s, $runs runs, no crash, no hang"; else echo "$target: FAILED (exit $rc), see Fuzz/findings/$target.log"; fi
  rm -rf "$work"
  return $rc
}
status=0
corpus() {
  case $1 in
    fuzz-article) echo article ;; fuzz-claims | fuzz-claims-render) echo claims ;;
    fuzz-numbers) echo numbers ;; *) echo shapefile ;;
  esac
}
# Two at a time (two cores).
pids=()
for t in "${targets[@]}"; do
  run "$t" "$(corpus "$t")" & pids+=($!)
  if [ ${#pids[@]} -eq 2 ]; then wait "${pids[0]}" || status=1; pids=("${pids[1]}"); fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done
exit $status
