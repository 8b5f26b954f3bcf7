#!/usr/bin/env python3
"""Draws the app icon (a rising four-step bar chart: the maturity levels) without any imaging
library, and writes the PNG sizes and the .ico that Tauri's bundler wants into src-tauri/icons."""
import struct, zlib, pathlib

def draw(n):
    bg, fg, accent = (31, 78, 140), (255, 255, 255), (246, 180, 60)
    r = n * 0.18  # corner radius
    px = []
    bars = [(0.20, 0.62), (0.36, 0.50), (0.52, 0.36), (0.68, 0.22)]  # (left x, top y)
    for y in range(n):
        row = []
        for x in range(n):
            fx, fy = (x + 0.5) / n, (y + 0.5) / n
            # rounded-square mask
            cx = min(max(x + 0.5, r), n - r); cy = min(max(y + 0.5, r), n - r)
            inside = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r
            if not inside:
                row.append((0, 0, 0, 0)); continue
            c = bg
            for i, (lx, ty) in enumerate(bars):
                if lx <= fx < lx + 0.12 and ty <= fy < 0.80:
                    c = accent if i == 3 else fg
            row.append(c + (255,))
        px.append(row)
    return px

def png(px):
    n = len(px)
    raw = b"".join(b"\0" + bytes(v for p in row for v in p) for row in px)
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))

out = pathlib.Path(__file__).resolve().parent.parent / "src-tauri" / "icons"
out.mkdir(parents=True, exist_ok=True)
images = {}
for name, n in [("32x32.png", 32), ("128x128.png", 128), ("128x128@2x.png", 256), ("icon.png", 512)]:
    images[n] = png(draw(n))
    (out / name).write_bytes(images[n])
# .ico holding PNG-compressed 32 and 256 images (valid since Windows Vista)
entries = [(32, images[32]), (256, images[256])]
head = struct.pack("<HHH", 0, 1, len(entries))
offset = 6 + 16 * len(entries)
dirs, data = b"", b""
for n, blob in entries:
    dirs += struct.pack("<BBBBHHII", n % 256, n % 256, 0, 0, 1, 32, len(blob), offset + len(data))
    data += blob
(out / "icon.ico").write_bytes(head + dirs + data)
print("icons written to", out.name)
