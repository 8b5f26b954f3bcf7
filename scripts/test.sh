#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls this). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh

# A clean CI build gains nothing from incremental compilation, and its caches were a large share
# of target/ on a CI machine that ran out of disk; debug info for our own crates is kept to line
# tables (a panic still names file and line).
if [ -n "${CI:-}" ]; then
  export CARGO_INCREMENTAL=0
  export CARGO_PROFILE_DEV_DEBUG=line-tables-only
  export CARGO_PROFILE_TEST_DEBUG=line-tables-only
fi

step() {
  local name=$1; shift
  echo
  echo "==> $name"
  local t0=$SECONDS
  "$@"
  echo "    ($name: $((SECONDS - t0)) s)"
}

# The UI must exist before any cargo step on src-tauri (it is embedded in the binary).
step "UI build (vite)" npm run build
step "rustfmt" cargo fmt --all -- --check
step "clippy (warnings are errors)" cargo clippy --workspace --all-targets --locked -- -D warnings
step "cargo test (all crates, bindings freshness, invariants)" cargo test --workspace --locked
# Packages the debug binary cargo test just built (no second build), installs, launches,
# uninstalls it: about 30 s.
step "deb check (dpkg -i, launch under Xvfb, dpkg -r)" bash scripts/deb-check.sh --fast
step "svelte-check" npm run check:ui
step "vitest" npm run test:ui
step "e2e (real window, Xvfb)" bash scripts/e2e.sh
echo
echo "All checks passed."
