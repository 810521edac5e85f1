#!/usr/bin/env bash
# Benchmarks on a release build: prints `name: median ms (min–max)` for each stage and the peak RSS.
# Usage: bash scripts/bench.sh [ARTICLE...]   (default: the example article, plus the seed article if present)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product frontline-bench >/dev/null
articles=("$@")
if [ ${#articles[@]} -eq 0 ]; then
  articles=(Examples/manbij-marea-falluja-2016.txt)
  [ -f ../shared/seeds/reuters-2016-isis-loses-ground.txt ] && articles+=(../shared/seeds/reuters-2016-isis-loses-ground.txt)
fi
.build/release/frontline-bench "${articles[@]}"
