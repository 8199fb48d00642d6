#!/usr/bin/env bash
# Seeds fuzz/corpus/parse (git-ignored) with the example programs in
# shared/seed-programs and a deterministic sample of small test262 files:
# every 150th file under 4 KB of test/language and test/built-ins, taken in
# sorted order (valid scripts, modules and syntax-error tests alike).
# Usage: fuzz/seed-corpus.sh [SHARED_DIR]   (default: ../shared from the workspace root)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shared="${1:-$here/../../shared}"
out="$here/corpus/parse"
mkdir -p "$out"
for f in "$shared"/seed-programs/*.js; do
  cp "$f" "$out/seed-$(basename "$f")"
done
cd "$shared/test262"
find test/language test/built-ins -name '*.js' -size -4k | LC_ALL=C sort | awk 'NR % 150 == 0' |
  while read -r f; do cp "$f" "$out/t262-$(echo "$f" | tr '/' '_')"; done
echo "$(ls "$out" | wc -l) files in $out"
