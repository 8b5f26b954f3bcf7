#!/usr/bin/env bash
# Development: Vite dev server with hot reload, and the app pointed at it.
set -euo pipefail
cd "$(dirname "$0")/.."
npx vite --config ui/vite.config.ts &
vite_pid=$!
trap 'kill $vite_pid' EXIT
cargo run -p zhizhuan-app --no-default-features
