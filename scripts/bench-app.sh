#!/usr/bin/env bash
# Desktop-shell figures for BENCHMARKS.md: release binary size, cold start to the first
# interactive screen under Xvfb (median of N runs), and resident memory of the whole process
# tree (app + WebKit web and network processes) two seconds after that.
# Usage: bash scripts/bench-app.sh [runs]   (default 7; ZHIZHUAN_BENCH_BIN=path skips the build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
bin=${ZHIZHUAN_BENCH_BIN:-target/release/zhizhuan-app}
if [ -z "${ZHIZHUAN_BENCH_BIN:-}" ]; then
  [ -f ui/dist/index.html ] || npm run build
  cargo build --release -p zhizhuan-app --locked --quiet
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr)"
echo "release binary: $(stat -c %s "$bin" | awk '{printf "%.1f MiB (%d bytes)", $1/1048576, $1}')"

data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
# Start Xvfb once so each run measures the app, not the X server.
Xvfb :97 -screen 0 1280x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$data"' EXIT
sleep 1

tree_rss_kib() { # sum of VmRSS of a pid and all its descendants
  local pids=$1 all=$1
  while [ -n "$pids" ]; do
    pids=$(for p in $pids; do pgrep -P "$p" || true; done | tr '\n' ' ')
    all="$all $pids"
  done
  for p in $all; do awk '/VmRSS/{print $2}' "/proc/$p/status" 2>/dev/null; done | awk '{s+=$1} END {print s+0}'
}
tree_pss_kib() { # proportional set size: shared library pages are split between the processes
  local pids=$1 all=$1
  while [ -n "$pids" ]; do
    pids=$(for p in $pids; do pgrep -P "$p" || true; done | tr '\n' ' ')
    all="$all $pids"
  done
  for p in $all; do awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null; done | awk '{s+=$1} END {print s+0}'
}

starts=() ; rss=() ; pss=() ; sock=()
for i in $(seq 1 "$runs"); do
  log=$(mktemp)
  t0=$(date +%s%N)
  DISPLAY=:97 ZHIZHUAN_DATA_DIR="$data" "$bin" 2>"$log" &
  pid=$!
  until grep -q "ui ready" "$log"; do
    sleep 0.01
    if ! kill -0 $pid 2>/dev/null; then echo "app exited early:"; cat "$log"; exit 1; fi
  done
  t1=$(date +%s%N)
  starts+=($(( (t1 - t0) / 1000000 )))
  sleep 2
  # The app must open no network socket: count TCP/UDP sockets held by its process tree.
  tree=$(echo $pid $(pgrep -P $pid) $(for c in $(pgrep -P $pid); do pgrep -P $c; done))
  sockets=$(ss -tunap 2>/dev/null | grep -cE "$(echo $tree | sed 's/ \+/|pid=/g; s/^/pid=/')" || true)
  sock+=($sockets)
  rss+=($(tree_rss_kib $pid))
  pss+=($(tree_pss_kib $pid))
  kill $pid; wait $pid 2>/dev/null || true
  rm -f "$log"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "cold start to first interactive screen (ms, $runs runs): ${starts[*]} -> median $(median "${starts[@]}") ms"
echo "resident memory (RSS summed), app + WebKit processes (KiB): ${rss[*]} -> median $(( $(median "${rss[@]}") / 1024 )) MiB"
echo "TCP/UDP sockets held by the app's processes (per run): ${sock[*]}"
echo "proportional memory (PSS summed), app + WebKit processes (KiB): ${pss[*]} -> median $(( $(median "${pss[@]}") / 1024 )) MiB"
