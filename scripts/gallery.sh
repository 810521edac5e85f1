#!/usr/bin/env bash
# Rebuilds the README's gallery in output/: the single map, the before/after comparison, the HTML
# report and a screenshot of it (headless Chromium: apt-get install chromium), and the shell completions.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product frontline >/dev/null
bin=.build/release/frontline
ex=Examples/manbij-marea-falluja-2016.txt
$bin render "$ex" --format png,svg,pdf
$bin compare "$ex" -o output/manbij-marea-falluja-2016-compare
$bin report "$ex" -o output/report.html
if command -v chromium >/dev/null; then
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,1800 \
    --screenshot="$PWD/output/report-screenshot.png" "file://$PWD/output/report.html" 2>/dev/null
fi
mkdir -p completions
for sh in bash zsh fish; do $bin --generate-completion-script "$sh" > "completions/frontline.$sh"; done
