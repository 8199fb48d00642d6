#!/usr/bin/env bash
# Runs each workload in bench/js under spindle and node --jitless (and qjs,
# boa when found on PATH), checks they print the same, and prints each
# engine's CPU time (needs /usr/bin/time) and its ratio to node --jitless, all from one run.
# Timings are noisy: compare ratios from one run, never absolute numbers
# across runs. Usage: bench/compare.sh [workload.js ...]
set -uo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p spindle-runtime -q || exit 1
spindle=target/release/spindle
files=("$@")
[ ${#files[@]} -eq 0 ] && files=(bench/js/*.js)

engines=("spindle" "node")
command -v qjs >/dev/null && engines+=("qjs")
command -v boa >/dev/null && engines+=("boa")

run() { # engine file -> prints seconds (user+sys) or FAIL
  local e=$1 f=$2 out
  case $e in
    spindle) cmd=("$spindle" run "$f") ;;
    node) cmd=(node --jitless "$f") ;;
    qjs) cmd=(qjs "$f") ;;
    boa) cmd=(boa "$f") ;;
  esac
  local tf; tf=$(mktemp)
  # CPU time (user + system), less sensitive than wall time to other load.
  out=$(/usr/bin/time -f '%U %S' -o "$tf" "${cmd[@]}" 2>/dev/null) || { echo "FAIL"; rm -f "$tf"; return; }
  read -r u s <"$tf"; rm -f "$tf"
  echo "$(echo "$u + $s" | bc) $(echo "$out" | md5sum | cut -c1-8)"
}

printf '%-18s' workload; for e in "${engines[@]}"; do printf '%14s' "$e"; done; printf '%14s\n' "spindle/node"
for f in "${files[@]}"; do
  name=$(basename "$f" .js)
  declare -A secs=() sums=()
  for e in "${engines[@]}"; do
    read -r s sum <<<"$(run "$e" "$f")"
    secs[$e]=$s; sums[$e]=${sum:-}
  done
  printf '%-18s' "$name"
  for e in "${engines[@]}"; do printf '%14s' "${secs[$e]}"; done
  if [[ ${secs[spindle]} != FAIL && ${secs[node]} != FAIL ]]; then
    ratio=$(echo "scale=2; ${secs[spindle]} / ${secs[node]}" | bc)
    [[ ${sums[spindle]} != "${sums[node]}" ]] && ratio="$ratio (output differs!)"
    printf '%14s\n' "$ratio"
  else
    printf '%14s\n' "-"
  fi
  unset secs sums
done
