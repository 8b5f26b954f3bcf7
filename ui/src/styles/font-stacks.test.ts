/// <reference types="node" />
// @vitest-environment node
// A machine without a CJK font (a fresh Linux, some Windows editions) draws Chinese as □ in any
// element whose font stack has no CJK family: a credit code in `ui-monospace, monospace` with a
// 「重复信用代码」 badge beside it did exactly that. So every stack in the UI — CSS, inline
// styles, ECharts options — ends with the bundled family: the fonts before it draw what they
// have (Latin digits in monospace), the bundled one draws the rest.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const src = join(root, "ui", "src");

/** The family the generated @font-face rules declare. */
const bundled = /font-family:\s*"([^"]+)"/.exec(readFileSync(join(root, "ui", "fonts", "noto-sans-sc.css"), "utf8"))![1];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(svelte|css|ts)$/.test(p) && !p.endsWith(".test.ts") ? [p] : [];
  });
}

interface Stack { file: string; line: number; stack: string }

/** Every font stack in a source text: `font-family:` declarations and `fontFamily` options. */
function stacksIn(file: string, text: string): Stack[] {
  const found: Stack[] = [];
  const patterns = [
    /font-family\s*:\s*([^;}"\n]*(?:"[^"\n]*"[^;}"\n]*)*)/g, // CSS, inline styles
    /fontFamily\s*:\s*(["'`])((?:(?!\1).)*)\1/g, // ECharts and other JS options
  ];
  for (const [i, re] of patterns.entries()) {
    for (const m of text.matchAll(re)) {
      const line = text.slice(0, m.index).split("\n").length;
      found.push({ file, line, stack: (i === 0 ? m[1] : m[2]).trim() });
    }
  }
  return found;
}

/** Whether a stack ends with the bundled family (`inherit` takes its parent's, which does). */
function endsWithBundled(stack: string, family: string): boolean {
  if (/^(inherit|unset|revert)$/.test(stack)) return true;
  const last = stack.split(",").pop()!.trim().replace(/^(["'])(.*)\1$/, "$2");
  return last === family;
}

describe("font stacks", () => {
  it("finds stacks in CSS and in ECharts options, and judges their last family", () => {
    const css = stacksIn("a.css", '.a { font-family: ui-monospace, monospace; }\n.b { font-family: "X Y", "Noto Sans SC"; }');
    expect(css.map((s) => s.stack)).toEqual(["ui-monospace, monospace", '"X Y", "Noto Sans SC"']);
    const js = stacksIn("a.ts", `textStyle: { fontFamily: "Noto Sans SC, sans-serif" }`);
    expect(js.map((s) => s.stack)).toEqual(["Noto Sans SC, sans-serif"]);
    expect(endsWithBundled(css[0].stack, "Noto Sans SC")).toBe(false);
    expect(endsWithBundled(css[1].stack, "Noto Sans SC")).toBe(true);
    expect(endsWithBundled(js[0].stack, "Noto Sans SC")).toBe(false);
    expect(endsWithBundled("'Noto Sans SC'", "Noto Sans SC")).toBe(true);
  });

  it(`end with the bundled family in every .svelte, .css and .ts file under ui/src`, () => {
    expect(bundled).toBe("Noto Sans SC");
    const stacks = files(src).flatMap((f) => stacksIn(relative(root, f), readFileSync(f, "utf8")));
    expect(stacks.length).toBeGreaterThan(4);
    const bad = stacks.filter((s) => !endsWithBundled(s.stack, bundled)).map((s) => `${s.file}:${s.line}: ${s.stack}`);
    expect(bad).toEqual([]);
  });
});
