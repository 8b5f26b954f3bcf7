#!/usr/bin/env bash
# Installs what is missing, builds the app and opens it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
npm run build
echo "==> building and starting ZhiZhuan (the first build takes several minutes)"
exec cargo run -p zhizhuan-app --locked
