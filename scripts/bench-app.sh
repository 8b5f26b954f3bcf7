#!/usr/bin/env bash
# Desktop-shell figures for BENCHMARKS.md: release binary size, cold start to the first
# interactive screen under Xvfb (median of N runs), and memory of the whole process tree
# (app + WebKit web and network processes) two seconds after that.
# Usage: bash scripts/bench-app.sh [--vs-hello] [runs]   (default 7 runs)
#   ZHIZHUAN_BENCH_BIN=path skips building the app.
#   --vs-hello also builds benches/hello (the smallest Tauri 2 window: same tauri version and
#   release profile, one line of HTML) and measures it alternately with the app, run by run,
#   so both see the same machine load; the last line is `vs hello: start ×A, PSS ×B`
#   (ratios of the medians, app ÷ hello).
set -euo pipefail
cd "$(dirname "$0")/.."
vs_hello=0
if [ "${1:-}" = "--vs-hello" ]; then vs_hello=1; shift; fi
runs=${1:-7}
# Without a GPU render node the app paints with Skia's CPU painter (src-tauri/src/shell/
# engine.rs sets WEBKIT_SKIA_ENABLE_CPU_RENDERING=1 first thing in main); the hello
# window must paint the same way, or the comparison measures llvmpipe against the CPU painter.
if [ $vs_hello = 1 ] && ! compgen -G "/dev/dri/renderD*" >/dev/null; then
  export WEBKIT_SKIA_ENABLE_CPU_RENDERING=1
fi
bin=${ZHIZHUAN_BENCH_BIN:-target/release/zhizhuan-app}
hello=target/release/zhizhuan-hello
if [ -z "${ZHIZHUAN_BENCH_BIN:-}" ]; then
  [ -f ui/dist/index.html ] || npm run build
  cargo build --release -p zhizhuan-app --locked --quiet
fi
if [ $vs_hello = 1 ]; then
  # The workspace's lock pins the same tauri (and every shared dependency) for the hello app,
  # so its build reuses target/release's compiled crates.
  cp Cargo.lock benches/hello/Cargo.lock
  cargo build --release --quiet --manifest-path benches/hello/Cargo.toml --target-dir target
  rm -f benches/hello/Cargo.lock
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
size() { stat -c %s "$1" | awk '{printf "%.1f MiB (%d bytes)", $1/1048576, $1}'; }
echo "release binary: $(size "$bin")"
[ $vs_hello = 1 ] && echo "hello binary: $(size "$hello")"

data=$(mktemp -d)
Xvfb :97 -screen 0 1280x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$data"' EXIT
sleep 1

tree_pids() { # a pid and all its descendants
  local pids=$1 all=$1
  while [ -n "$pids" ]; do
    pids=$(for p in $pids; do pgrep -P "$p" || true; done | tr '\n' ' ')
    all="$all $pids"
  done
  echo $all
}
tree_sum() { # field file pids…: sum a /proc/<pid>/<file> field (kB) over the pids
  local field=$1 file=$2; shift 2
  for p in "$@"; do awk -v f="$field" '$1 == f {print $2}' "/proc/$p/$file" 2>/dev/null; done | awk '{s+=$1} END {print s+0}'
}

# measure BIN: prints "start_ms rss_kib pss_kib sockets"
measure() {
  local log t0 t1 pid tree sockets
  log=$(mktemp)
  t0=$(date +%s%N)
  DISPLAY=:97 ZHIZHUAN_DATA_DIR="$data" "$1" 2>"$log" &
  pid=$!
  until grep -q "ui ready" "$log"; do
    sleep 0.01
    if ! kill -0 $pid 2>/dev/null; then echo "$1 exited early:" >&2; cat "$log" >&2; exit 1; fi
  done
  t1=$(date +%s%N)
  sleep 2
  tree=$(tree_pids $pid)
  # The app must open no network socket: count TCP/UDP sockets held by its process tree.
  sockets=$(ss -tunap 2>/dev/null | grep -cE "$(echo $tree | sed 's/ \+/|pid=/g; s/^/pid=/')" || true)
  echo "$(( (t1 - t0) / 1000000 )) $(tree_sum VmRSS: status $tree) $(tree_sum Pss: smaps_rollup $tree) $sockets"
  kill $pid; wait $pid 2>/dev/null || true
  rm -f "$log"
}

starts=() ; rss=() ; pss=() ; sock=() ; h_starts=() ; h_pss=()
for i in $(seq 1 "$runs"); do
  read -r s r p k < <(measure "$bin")
  starts+=("$s"); rss+=("$r"); pss+=("$p"); sock+=("$k")
  if [ $vs_hello = 1 ]; then
    read -r s r p k < <(measure "$hello")
    h_starts+=("$s"); h_pss+=("$p")
  fi
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "cold start to first interactive screen (ms, $runs runs): ${starts[*]} -> median $(median "${starts[@]}") ms"
echo "resident memory (RSS summed), app + WebKit processes (KiB): ${rss[*]} -> median $(( $(median "${rss[@]}") / 1024 )) MiB"
echo "TCP/UDP sockets held by the app's processes (per run): ${sock[*]}"
echo "proportional memory (PSS summed), app + WebKit processes (KiB): ${pss[*]} -> median $(( $(median "${pss[@]}") / 1024 )) MiB"
if [ $vs_hello = 1 ]; then
  echo "hello: cold start to first painted frame (ms): ${h_starts[*]} -> median $(median "${h_starts[@]}") ms"
  echo "hello: PSS summed (KiB): ${h_pss[*]} -> median $(( $(median "${h_pss[@]}") / 1024 )) MiB"
  awk -v a="$(median "${starts[@]}")" -v b="$(median "${h_starts[@]}")" \
      -v c="$(median "${pss[@]}")" -v d="$(median "${h_pss[@]}")" \
      'BEGIN { printf "vs hello: start ×%.2f, PSS ×%.2f\n", a / b, c / d }'
fi
