#!/usr/bin/env bash
# Runs each workload in bench/js under spindle and node --jitless (and qjs,
# boa when found on PATH), checks they print the same, and prints each
# engine's CPU time (user + system, from /usr/bin/time) and peak memory
# (maximum resident set), with spindle's ratio to node --jitless for both,
# all from one run. Timings are noisy: compare ratios from one run, never
# absolute numbers across runs. Usage: bench/compare.sh [workload.js ...]
set -uo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p spindle-runtime -q || exit 1
spindle=target/release/spindle
files=("$@")
[ ${#files[@]} -eq 0 ] && files=(bench/js/*.js)

engines=("spindle" "node")
command -v qjs >/dev/null && engines+=("qjs")
command -v boa >/dev/null && engines+=("boa")

run() { # engine file -> prints "seconds peak-MB output-hash", or FAIL
  local e=$1 f=$2 out
  case $e in
    spindle) cmd=("$spindle" run "$f") ;;
    node) cmd=(node --jitless "$f") ;;
    qjs) cmd=(qjs "$f") ;;
    boa) cmd=(boa "$f") ;;
  esac
  local tf; tf=$(mktemp)
  out=$(/usr/bin/time -f '%U %S %M' -o "$tf" "${cmd[@]}" 2>/dev/null) || { echo "FAIL"; rm -f "$tf"; return; }
  read -r u s m <"$tf"; rm -f "$tf"
  echo "$(echo "$u + $s" | bc) $(echo "scale=1; $m / 1024" | bc) $(echo "$out" | md5sum | cut -c1-8)"
}

ratio() { # a b -> a/b with two decimals, or -
  [[ $1 == FAIL || $2 == FAIL || $2 == 0 || $2 == .00 || $2 == 0.00 ]] && { echo "-"; return; }
  echo "scale=2; $1 / $2" | bc
}

printf '%-22s' workload
for e in "${engines[@]}"; do printf '%10s %8s' "$e s" "MB"; done
printf '%10s %10s\n' "time/node" "mem/node"
for f in "${files[@]}"; do
  name=$(basename "$f" .js)
  declare -A secs=() mems=() sums=()
  for e in "${engines[@]}"; do
    read -r s m sum <<<"$(run "$e" "$f")"
    secs[$e]=$s; mems[$e]=${m:-FAIL}; sums[$e]=${sum:-}
  done
  printf '%-22s' "$name"
  for e in "${engines[@]}"; do printf '%10s %8s' "${secs[$e]}" "${mems[$e]}"; done
  t=$(ratio "${secs[spindle]}" "${secs[node]}"); m=$(ratio "${mems[spindle]}" "${mems[node]}")
  [[ ${sums[spindle]} != "${sums[node]}" ]] && m="$m (output differs!)"
  printf '%10s %10s\n' "$t" "$m"
  unset secs mems sums
done
