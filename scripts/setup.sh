#!/usr/bin/env bash
# One command from a fresh Debian/Ubuntu machine to a rendered example map:
# installs the system packages that are missing, builds frontline (release), and renders
# Examples/manbij-marea-falluja-2016.txt to output/ as PNG, SVG and PDF.
#
# With --prefix DIR it installs instead of rendering: DIR/bin/frontline and its basemap in
# DIR/share/frontline/Shapes (where the binary looks for it), then checks the installed binary
# finds it from another folder. Example: bash scripts/setup.sh --prefix ~/.local
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "setup.sh: --prefix needs a folder" >&2; exit 2; }; prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup.sh: unknown argument '$1' (use --prefix DIR)" >&2; exit 2 ;;
  esac
done
if [ -n "$prefix" ] && [ "${prefix#/}" = "$prefix" ]; then prefix="$PWD/$prefix"; fi

packages=(libcairo2-dev libfreetype-dev libpng-dev libdeflate-dev libshp-dev libproj-dev fonts-dejavu-core pkg-config curl)
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

if [ -z "$prefix" ]; then
  mkdir -p output
  .build/release/frontline render Examples/manbij-marea-falluja-2016.txt --format png,svg,pdf
  exit 0
fi

# The basemap goes in whole or not at all: copied beside, then moved into place. Its build scripts stay here.
share="$prefix/share/frontline"
mkdir -p "$prefix/bin" "$share"
rm -rf "$share/Shapes.new"
mkdir "$share/Shapes.new"
tar -C Shapes --exclude=./build --exclude=./rebuild.sh --exclude='*.lock' -cf - . | tar -C "$share/Shapes.new" -xf -
rm -rf "$share/Shapes"
mv "$share/Shapes.new" "$share/Shapes"
install -m 755 .build/release/frontline "$prefix/bin/frontline"
echo "installed $prefix/bin/frontline and $share/Shapes"

# The check: run from another folder, with no FRONTLINE_SHAPES, it must find that basemap.
article="$PWD/Examples/manbij-marea-falluja-2016.txt"
(cd / && env -u FRONTLINE_SHAPES "$prefix/bin/frontline" places "$article" >/dev/null)
echo "checked: $prefix/bin/frontline finds its basemap from /"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "add $prefix/bin to PATH to run it as 'frontline'" ;;
esac
