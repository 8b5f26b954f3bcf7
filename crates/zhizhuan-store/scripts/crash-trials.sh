#!/bin/sh
# The crash test at benchmark scale: 100 SIGKILL trials against the release `zhizhuan`
# binary; prints how many answers were acknowledged and that all of them survived.
#
#   crates/zhizhuan-store/scripts/crash-trials.sh            # 100 trials
#   TRIALS=500 SEED=42 crates/zhizhuan-store/scripts/crash-trials.sh
set -eu
cd "$(dirname "$0")/../../.."
env ZHIZHUAN_CRASH_TRIALS="${TRIALS:-100}" ${SEED:+ZHIZHUAN_CRASH_SEED="$SEED"} \
  cargo test -p zhizhuan-cli --release --test store_crash -- --nocapture 2>&1 | grep -E "crash trials|test result|panicked"
