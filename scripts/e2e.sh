#!/usr/bin/env bash
# Real-window end-to-end test: builds the app (UI embedded), then WebdriverIO drives it through
# tauri-driver + WebKitWebDriver under Xvfb. Screenshots land in tests/e2e/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f ui/dist/index.html ] || npm run build
# The whole workspace with every target, not `-p zhizhuan-app`: that selects the same features
# as `cargo test --workspace`, so after test.sh's test step only the binaries are linked
# (a lone `-p zhizhuan-app` resolves features differently and recompiles tauri and printpdf).
# `e2e-dialog` lets the suite answer the native dialogs (src-tauri/src/paths.rs); it changes
# only the app crate itself, so nothing else is rebuilt. A release build never has it.
cargo build --workspace --all-targets --locked --features zhizhuan-app/e2e-dialog
export ZHIZHUAN_E2E_APP="$PWD/target/debug/zhizhuan-app"
export PATH="$HOME/.cargo/bin:$PATH"
xvfb-run -a -s "-screen 0 1920x1200x24" npx wdio run tests/e2e/wdio.conf.mjs
