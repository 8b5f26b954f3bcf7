#!/usr/bin/env bash
# Proves the Linux installer on this machine: builds the .deb, installs it with dpkg -i,
# starts the installed /usr/bin/zhizhuan-app under Xvfb with a fresh HOME, waits for the
# enterprise list (the UI's "ui ready"), takes a screenshot and checks it is not blank, checks
# that a second launch hands over to the first window (single instance) and exits, then
# dpkg -r and checks that the data folder survived the uninstall.
#
# Usage: bash scripts/deb-check.sh [--fast | --release]
#   --fast     (CI, default) packages the debug binary that `cargo test` already built
#              (`tauri bundle --debug`): no second full build, no release artefacts on disk.
#   --release  `tauri build --bundles deb`: the optimised .deb whose size BENCHMARKS.md quotes.
# The Tauri CLI comes from npm without touching package.json (npm install --no-save); its
# version is pinned here and in .github/workflows/release.yml.
# Screenshots: target/deb-check/*.png. Needs root (dpkg) and the packages of ensure-deps.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
TAURI_CLI_VERSION=2.11.5
mode=${1:---fast}
out=target/deb-check
mkdir -p "$out"
t0=$SECONDS

if [ "$(npx --no-install tauri --version 2>/dev/null)" != "tauri-cli $TAURI_CLI_VERSION" ]; then
  echo "==> npm install --no-save @tauri-apps/cli@$TAURI_CLI_VERSION"
  npm install --no-save --no-audit --no-fund --loglevel=error "@tauri-apps/cli@$TAURI_CLI_VERSION"
fi
[ -f ui/dist/index.html ] || npm run build

case $mode in
  --fast)
    # `cargo test --workspace` (scripts/test.sh) has just built this binary; building it
    # again with `-p` would recompile crates whose features differ without dev-dependencies.
    [ -x target/debug/zhizhuan-app ] || cargo build -p zhizhuan-app --locked --quiet
    echo "binary: target/debug/zhizhuan-app of $(date -r target/debug/zhizhuan-app '+%F %T')"
    npx tauri bundle --debug --bundles deb >"$out/bundle.log" 2>&1 || { cat "$out/bundle.log"; exit 1; }
    deb_dir=target/debug/bundle/deb ;;
  --release)
    npx tauri build --bundles deb >"$out/bundle.log" 2>&1 || { cat "$out/bundle.log"; exit 1; }
    deb_dir=target/release/bundle/deb ;;
  *) echo "usage: $0 [--fast | --release]" >&2; exit 2 ;;
esac
deb=$(ls -t "$deb_dir"/*.deb | head -1)
echo "deb: $deb ($(stat -c %s "$deb" | awk '{printf "%.1f MiB", $1/1048576}'), built in $((SECONDS - t0)) s)"

work=$(mktemp -d)
home=$work/home
mkdir -p "$home"
app_pid="" xvfb_pid="" dbus_pid="" pkg=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null
  [ -n "$dbus_pid" ] && kill "$dbus_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  if [ -n "$pkg" ] && dpkg -s "$pkg" >/dev/null 2>&1; then dpkg -r "$pkg" >/dev/null 2>&1; fi
  rm -rf "$work"
}
trap cleanup EXIT

dpkg -i "$deb" >/dev/null
pkg=$(dpkg-deb -f "$deb" Package)
echo "installed package $pkg: $(dpkg -L "$pkg" | grep -E '^/usr/bin/' | tr '\n' ' ')"
bin=/usr/bin/zhizhuan-app
test -x "$bin"
grep -q 'MimeType=.*zhizhuan' /usr/share/applications/*.desktop \
  || { echo "the .desktop file does not associate the bundle extension" >&2; exit 1; }
test -f /usr/share/mime/packages/zhizhuan.xml || { echo "no MIME type for *.zhizhuan" >&2; exit 1; }

display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x900x24 >/dev/null 2>&1 & xvfb_pid=$!
# A session bus of our own: single-instance talks over D-Bus on Linux.
# (two lines: the address, then the pid; `read` of one line each, so no read meets EOF)
{ read -r dbus_address; read -r dbus_pid; } < <(dbus-daemon --session --fork --print-address=1 --print-pid=1)
export DISPLAY=$display DBUS_SESSION_BUS_ADDRESS=$dbus_address HOME=$home
unset ZHIZHUAN_DATA_DIR XDG_DATA_HOME XDG_CONFIG_HOME
sleep 1

log=$work/app.log
"$bin" >"$log" 2>&1 & app_pid=$!
for _ in $(seq 1 600); do
  grep -q "ui ready" "$log" && break
  kill -0 "$app_pid" 2>/dev/null || { echo "the installed app exited:"; cat "$log"; exit 1; }
  sleep 0.1
done
grep -q "ui ready" "$log" || { echo "no 'ui ready' within 60 s:"; cat "$log"; exit 1; }
grep "ui ready" "$log"
sleep 1 # the first paint after the data arrived
shot=$out/installed-app.png
import -window root "$shot"
# A blank (or single-colour) screen has almost no spread; the enterprise list has text.
spread=$(convert "$shot" -colorspace Gray -format '%[fx:standard_deviation]' info:)
colours=$(convert "$shot" -format '%k' info:)
echo "screenshot $shot: grey standard deviation $spread, $colours colours"
awk -v s="$spread" -v c="$colours" 'BEGIN { exit !(s > 0.05 && c > 64) }' \
  || { echo "the screenshot looks blank" >&2; exit 1; }
xdotool search --name "智转" >/dev/null || { echo "no window titled 智转" >&2; exit 1; }

# Second launch with a bundle file: it must hand over and exit, the first keeps running.
touch "$work/客户.zhizhuan"
timeout 20 "$bin" "$work/客户.zhizhuan" >"$work/second.log" 2>&1 \
  || { echo "the second launch did not exit by itself:"; cat "$work/second.log"; exit 1; }
sleep 0.5
kill -0 "$app_pid" || { echo "the first window died on the second launch" >&2; exit 1; }
grep -q "second launch forwarded" "$log" || { echo "no hand-over logged:"; cat "$log"; exit 1; }
echo "second launch handed over to the running window and exited"

kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
data=$home/.local/share/cn.zhizhuan.app
test -f "$data/zhizhuan.db" || { echo "no database in $data" >&2; exit 1; }
ls "$data/logs"/zhizhuan*.log >/dev/null || { echo "no log file in $data/logs" >&2; exit 1; }
dpkg -r "$pkg" >/dev/null
test ! -e "$bin" || { echo "$bin still there after dpkg -r" >&2; exit 1; }
test -f "$data/zhizhuan.db" || { echo "dpkg -r removed the data folder" >&2; exit 1; }
echo "uninstalled; data folder kept: $(ls "$data" | tr '\n' ' ')"
echo "deb check passed ($mode, $((SECONDS - t0)) s)"
