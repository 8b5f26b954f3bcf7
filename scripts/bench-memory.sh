#!/usr/bin/env bash
# Memory and frames as a user feels them: the keyboard journey (tests/e2e/specs/keyboard.mjs)
# in the real window under Xvfb, recording PSS summed over the app and its WebKit processes
# after start, after the whole MIIT questionnaire, after the PDF, Word and xlsx exports and after
# five more questionnaires (growth that repeats is a leak, growth that stops a high-water mark),
# and the intervals between painted frames after each answer. Prints a summary; the figures
# go to BENCHMARKS.md. Usage: bash scripts/bench-memory.sh   (ZHIZHUAN_E2E_APP=bin to reuse one)
#        bash scripts/bench-memory.sh --summary FILE   (the summary of an earlier run's figures)
#        ZHIZHUAN_BENCH_ROUNDS=N: N questionnaires after the third (3 unless set), their PSS and
#          each answer's frames measured, without the controls unless ZHIZHUAN_BENCH_CONTROLS=all
#        bash scripts/bench-memory.sh --engine chromium   (the same journey and figures with the
#          page in Debian's Chromium, the engine of WebView2 on Windows, its commands served by
#          src-tauri/examples/browser_bridge.rs; apt-get install chromium chromium-driver first;
#          ZHIZHUAN_BENCH_LIVE_HEAP=1 adds the heap left after a full collection at each reading)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --summary ]; then
  out="$2"
else
  [ -f ui/dist/index.html ] || npm run build
  conf=tests/e2e/wdio.conf.mjs
  if [ "${1:-}" = --engine ] && [ "${2:-}" = chromium ]; then
    conf=tests/e2e/wdio.chromium.conf.mjs
    if [ -z "${ZHIZHUAN_BRIDGE_BIN:-}" ]; then
      cargo build --release --locked -p zhizhuan-app --features e2e-dialog --example browser_bridge
      export ZHIZHUAN_BRIDGE_BIN="$PWD/target/release/examples/browser_bridge"
    fi
    export ZHIZHUAN_BENCH_ENGINE=chromium ZHIZHUAN_E2E_APP="$ZHIZHUAN_BRIDGE_BIN"
  elif [ -z "${ZHIZHUAN_E2E_APP:-}" ]; then
    cargo build --workspace --all-targets --locked --features zhizhuan-app/e2e-dialog
    export ZHIZHUAN_E2E_APP="$PWD/target/debug/zhizhuan-app"
  fi
  out="$(mktemp --suffix=.json)"
  echo "figures: $out"
  export ZHIZHUAN_BENCH_MEMORY="$out" PATH="$HOME/.cargo/bin:$PATH"
  xvfb-run -a -s "-screen 0 1280x900x24" npx wdio run "$conf" --spec tests/e2e/specs/keyboard.mjs
fi
node -e '
  const f = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const mib = (k) => (k / 1024).toFixed(0) + " MiB";
  console.log("binary:", process.env.ZHIZHUAN_E2E_APP);
  for (const [when, k] of Object.entries(f.pssKiB)) {
    const parts = Object.entries(k).filter(([n]) => n !== "total").map(([n, v]) => `${n} ${mib(v)}`);
    console.log("PSS", when.padEnd(20), mib(k.total), " (" + parts.join(", ") + ")");
  }
  for (const [when, k] of Object.entries(f.liveHeapKiB ?? {})) console.log("live JS heap after a full collection", when.padEnd(20), (k / 1024).toFixed(1) + " MiB");
  console.log("font faces loaded after the questionnaire:", f.fontFacesLoaded);
  // what the web process grew by, mapping by mapping (anonymous memory is the engine heaps)
  const growth = (a, b) => {
    const before = new Map(a);
    return b.map(([n, k]) => [n, k - (before.get(n) ?? 0)]).filter(([, d]) => Math.abs(d) >= 1024)
      .sort((x, y) => y[1] - x[1]).map(([n, d]) => `${n} ${d > 0 ? "+" : ""}${mib(d)}`).join("; ");
  };
  console.log("web process growth, start → first questionnaire:", growth(f.webMappingsAtStart, f.webMappingsAfterQuestionnaire));
  console.log("web process growth, first → third questionnaire:", growth(f.webMappingsAfterQuestionnaire, f.webMappingsAfterThird));
  console.log("web process growth, third → last questionnaire:", growth(f.webMappingsAfterThird, f.webMappingsAfterLast));
  const slow = f.slowestFramePerAnswerMs;
  const over = (xs) => `${xs.filter((x) => x > 50).length} of ${xs.length}`;
  const first = slow.slice(0, f.answersWithControls ?? slow.length);
  console.log(`answers followed by a frame over 50 ms: ${over(slow)} (those with the controls before them: ${over(first)}); the twelve slowest: ${[...slow].sort((a, b) => a - b).slice(-12).join(" ")}`);
  const six = (label, xs) => console.log(`${label}: ${over(xs)} over 50 ms; the six slowest: ${[...xs].sort((a, b) => a - b).slice(-6).join(" ")}`);
  six("floor, 500 ms without input", f.slowestFrameIdleMs ?? []);
  six("control, an ignored key (F7) through the same driver", f.slowestFrameAfterIgnoredKeyMs);
  six("control, one IPC round trip (app_info)", f.slowestFrameAfterIpcMs);
  six("control, one durable save the page does not show", f.slowestFrameAfterHiddenSaveMs);
  const probes = f.scriptAndLayoutAfterKeyMs;
  console.log(`script plus forced layout after an option key (second half): ${probes.map(([a, b]) => a + b).sort((a, b) => a - b).join(" ")} ms`);
  const g = [...f.frameGapsMs].sort((a, b) => a - b);
  const p = (q) => g[Math.min(g.length - 1, Math.floor(q * g.length))];
  console.log(`frames after answers: ${g.length} intervals, median ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${g[g.length - 1]} ms, over 50 ms: ${g.filter((x) => x > 50).length}`);
' "$out"
