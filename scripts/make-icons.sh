#!/usr/bin/env bash
# Renders the app icon from icons/source/zhizhuan.svg into what Tauri's bundlers want in
# src-tauri/icons: PNGs (Linux, the window), icon.ico (Windows: 16–256 px) and icon.icns
# (macOS). Sizes of 32 px and less use the SVG without its 智 group (see the SVG's comment).
# The outputs are committed, so neither CI nor a build needs these tools.
# Usage: bash scripts/make-icons.sh   (needs rsvg-convert from librsvg2-bin, ImageMagick, python3)
set -euo pipefail
cd "$(dirname "$0")/.."
src=icons/source/zhizhuan.svg
out=src-tauri/icons
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed '/<g id="zhi"/,/<\/g>/d' "$src" > "$tmp/small.svg"

render() { # size file
  local svg=$src
  [ "$1" -le 32 ] && svg=$tmp/small.svg
  rsvg-convert -w "$1" -h "$1" "$svg" -o "$2"
}
mkdir -p "$out"
render 32 "$out/32x32.png"
render 128 "$out/128x128.png"
render 256 "$out/128x128@2x.png"
render 512 "$out/icon.png"
for s in 16 24 32 48 64 128 256 512 1024; do render "$s" "$tmp/$s.png"; done
convert "$tmp"/{16,24,32,48,64,256}.png "$out/icon.ico"
# icns: a header and one PNG per entry (ic07 = 128, ic08 = 256, ic09 = 512, ic10 = 1024 @2x).
python3 - "$tmp" "$out/icon.icns" <<'PY'
import struct, sys, pathlib
tmp, dest = pathlib.Path(sys.argv[1]), sys.argv[2]
body = b"".join(t + struct.pack(">I", 8 + len(d)) + d
                for t, s in [(b"ic07", 128), (b"ic08", 256), (b"ic09", 512), (b"ic10", 1024)]
                for d in [(tmp / f"{s}.png").read_bytes()])
open(dest, "wb").write(b"icns" + struct.pack(">I", 8 + len(body)) + body)
PY
ls -l "$out"
