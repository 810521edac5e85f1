#!/usr/bin/env bash
# Writes N article variants (the project's own example articles under new headlines) and one corrupt
# file into DIR, for exercising `frontline batch`. Usage: bash scripts/make-batch-corpus.sh DIR [N]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: make-batch-corpus.sh DIR [N]}
n=${2:-200}
mkdir -p "$dir"
sources=(Examples/*.txt Examples/claims/*.txt)
for i in $(seq 1 $((n - 1))); do
  src=${sources[$(( (i - 1) % ${#sources[@]} ))]}
  { printf 'Variant %03d: ' "$i"; cat "$src"; } > "$dir/article-$(printf %03d "$i").txt"
done
# One corrupt file: binary bytes with NULs, as a broken download would leave.
head -c 2048 /dev/urandom | tr -d '\n' > "$dir/article-corrupt.txt"
printf '\0\0\0' >> "$dir/article-corrupt.txt"
echo "wrote $n files to $dir"
