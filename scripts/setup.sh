#!/usr/bin/env bash
# One command from a fresh Debian/Ubuntu machine to a rendered example map:
# installs the system packages that are missing, builds frontline (release), and renders
# Examples/manbij-marea-falluja-2016.txt to output/ as PNG, SVG and PDF.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libcairo2-dev libfreetype-dev libpng-dev libdeflate-dev libshp-dev libproj-dev fonts-dejavu-core pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

swift build -c release --static-swift-stdlib --product frontline
mkdir -p output
.build/release/frontline render Examples/manbij-marea-falluja-2016.txt --format png,svg,pdf
