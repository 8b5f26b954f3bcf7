#!/usr/bin/env python3
"""Split the UI's Noto Sans SC into WOFF2 slices with an @font-face `unicode-range` each.

WebKit loads a web font whole. The two whole TTFs (10.5 MB each, 30,890 code points) cost
the web process far more memory and start-up time than the few thousand characters a screen
shows, so the UI gets them in slices, as Google Fonts serves CJK fonts: the browser loads a
slice only when a character of its range is on screen.

  base     Latin-1, general and CJK punctuation, full-width forms, and every non-ASCII
           character of the app's own text (UI strings, framework content, messages), so the
           app's screens load this slice alone
  common   the rest of GB 2312 level 1 (the 3,755 常用汉字): most enterprise and person names
  rest-NN  everything else in the font, in code point order, in slices of about 1,500
           (rare characters such as 镕 昇 喆 堃 come from here); Regular only

Bold has only base and common. A bold character outside them (a rare name in a heading) is
drawn from the Regular slice that covers it, emboldened by WebKit: CSS matches faces per
character by `unicode-range`, and `font-synthesis` is on by default. The 18 Bold rest slices
were 4.3 MB of the 30 MB installer for characters a screen almost never shows in bold.

The ranges are disjoint, so which slice serves a character never depends on declaration order.

Outputs (committed, so neither CI nor a build needs this script or fontTools):
  ui/fonts/NotoSansSC-{Regular,Bold}-<slice>.woff2
  ui/fonts/noto-sans-sc.css                      (imported by ui/src/styles/app.css)

Regenerate after the app's text gains characters (ui/src/styles/ui-font.test.ts says when):
  pip install fonttools brotli
  python3 scripts/split-ui-font.py
The output is byte-for-byte reproducible (font timestamps are kept, not set to now).
"""

from __future__ import annotations

import io
import pathlib
import re
import subprocess
import sys

import brotli
from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "ui" / "fonts"
FACES = [("Regular", 400), ("Bold", 700)]
REST_SLICE = 1500

# Where the app's own text lives: the UI (tests and their fixtures excluded: they are full of
# rare names on purpose), the framework content, and the Rust sources of the messages the app
# shows (inline test modules, `tests.rs` and the CLI's demo report `sample.rs` excluded).
# Every non-ASCII character there goes into the base slice. ui/src/styles/ui-font.test.ts
# checks the UI and framework part, so it fails when this slicing has gone stale.
APP_TEXT = ["ui/src", "ui/index.html", ":(glob)assessments/*.toml",
            ":(glob)assessments/peers/*.toml", "src-tauri/src",
            "crates/zhizhuan-core/src", "crates/zhizhuan-store/src", "crates/zhizhuan-report/src"]
APP_TEXT_SUFFIXES = {".svelte", ".ts", ".html", ".toml", ".rs"}
NOT_APP_TEXT = re.compile(r"(\.test\.ts|/test-[^/]*\.ts|/tests\.rs|/sample\.rs)$")

BASE_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 supplement
    (0x2000, 0x206F),  # general punctuation (— “ ” … ‰)
    (0x3000, 0x303F),  # CJK symbols and punctuation (、。《》「」【】)
    (0xFF00, 0xFFEF),  # full-width forms (，：；（）！？)
    (0xFFFD, 0xFFFD),
]


def app_text_chars() -> set[int]:
    files = subprocess.run(
        ["git", "ls-files", "--", *APP_TEXT],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.split()
    chars: set[int] = set()
    for name in files:
        path = ROOT / name
        if path.suffix not in APP_TEXT_SUFFIXES or NOT_APP_TEXT.search(name):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".rs":
            text = text.split("\n#[cfg(test)]")[0]
        chars.update(ord(c) for c in text if ord(c) > 0x7E)
    return chars


def gb2312_level1() -> set[int]:
    # GB 2312 rows 16–55 (EUC-CN lead bytes 0xB0–0xD7) are level 1, 3,755 characters.
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([lead, trail]).decode("gb2312")))
            except UnicodeDecodeError:
                pass  # row 55 ends at 0xF9
    return chars


def slices(cmap: set[int]) -> list[tuple[str, list[int]]]:
    base = {c for lo, hi in BASE_RANGES for c in range(lo, hi + 1)} | app_text_chars()
    base &= cmap
    common = (gb2312_level1() & cmap) - base
    rest = sorted(cmap - base - common)
    out = [("base", sorted(base)), ("common", sorted(common))]
    count = -(-len(rest) // REST_SLICE)
    size = -(-len(rest) // count)  # even slices instead of a short last one
    for i in range(count):
        out.append((f"rest-{i + 1:02}", rest[i * size : (i + 1) * size]))
    return out


def unicode_range(codepoints: list[int]) -> str:
    runs: list[list[int]] = []
    for c in codepoints:
        if runs and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return ",".join(f"U+{lo:X}" if lo == hi else f"U+{lo:X}-{hi:X}" for lo, hi in runs)


def ttf(style: str) -> io.BytesIO:
    """The TTF of a weight: stored brotli-compressed (fonts/README.md), expanded in memory."""
    return io.BytesIO(brotli.decompress((ROOT / "fonts" / f"NotoSansSC-{style}.ttf.br").read_bytes()))


def write_slice(source: io.BytesIO, codepoints: list[int], target: pathlib.Path) -> None:
    options = subset.Options()
    options.flavor = "woff2"
    # Keep every name record: the copyright (ID 0, with the Reserved Font Name notice), the
    # trademark (7) and the licence (13, 14) travel inside each slice, as the OFL asks.
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(target, reorderTables=False)


def main() -> int:
    cmaps = {s: set(TTFont(ttf(s)).getBestCmap()) for s, _ in FACES}
    if cmaps["Regular"] != cmaps["Bold"]:
        sys.exit("the two weights cover different code points; one slicing cannot serve both")
    plan = slices(cmaps["Regular"])

    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("NotoSansSC-*.woff2"):
        old.unlink()
    css = [
        "/* Generated by scripts/split-ui-font.py from fonts/NotoSansSC-{Regular,Bold}.ttf: do not",
        "   edit. Noto Sans SC, (c) 2014-2021 Adobe, with Reserved Font Name 'Source'; SIL Open",
        "   Font License 1.1 (fonts/OFL.txt). Subsets, under the original family name: the",
        "   Reserved Font Name is 'Source', which these names do not use. */",
    ]
    for style, weight in FACES:
        for name, codepoints in plan:
            if style == "Bold" and name.startswith("rest-"):
                continue
            file = f"NotoSansSC-{style}-{name}.woff2"
            write_slice(ttf(style), codepoints, OUT / file)
            css += [
                f"/* {name}: {len(codepoints)} code points */",
                "@font-face {",
                '  font-family: "Noto Sans SC";',
                "  font-style: normal;",
                f"  font-weight: {weight};",
                "  font-display: block;",
                f'  src: url("./{file}") format("woff2");',
                f"  unicode-range: {unicode_range(codepoints)};",
                "}",
            ]
            print(f"{file}: {len(codepoints)} code points, {(OUT / file).stat().st_size} bytes")
    (OUT / "noto-sans-sc.css").write_text("\n".join(css) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
