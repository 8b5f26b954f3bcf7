/// <reference types="node" />
// @vitest-environment node
// The catalog is complete in both languages, and it is the only place the UI's Chinese lives.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { en } from "./en";
import { zh } from "./zh";

/** Keys one catalog has and the other lacks, blank messages, and functions of another arity. */
function gaps(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!(k in a)) out.push(`${k}: missing in zh`);
    else if (!(k in b)) out.push(`${k}: missing in en`);
    else if (typeof a[k] !== typeof b[k]) out.push(`${k}: a ${typeof a[k]} in zh, a ${typeof b[k]} in en`);
    else if (typeof a[k] === "function" && (a[k] as Function).length !== (b[k] as Function).length) out.push(`${k}: other parameters`);
    else if (typeof a[k] === "string" && (!(a[k] as string).trim() || !(b[k] as string).trim())) out.push(`${k}: blank`);
  }
  return out;
}

describe("message catalog", () => {
  it("has every key in both languages, none blank", () => {
    expect(gaps(zh, en)).toEqual([]);
  });

  it("reports a key missing on either side", () => {
    const { save: _, ...lacking } = en;
    expect(gaps(zh, lacking)).toEqual(["save: missing in en"]);
    expect(gaps({ ...zh, extra: "x" }, en)).toEqual(["extra: missing in en"]);
    expect(gaps(zh, { ...en, cancel: " " })).toEqual(["cancel: blank"]);
  });

  it("writes English in English", () => {
    const cjk = Object.entries(en)
      .map(([k, v]) => [k, typeof v === "function" ? (v as (...a: unknown[]) => string)(1, 2, 3) : v] as const)
      .filter(([, v]) => CJK.test(String(v)));
    expect(cjk).toEqual([]);
  });
});

const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;
const root = fileURLToPath(new URL("../../../", import.meta.url));
const src = join(root, "ui", "src");
// The catalog, and tests with their fixtures (full of Chinese input on purpose).
const ALLOWED = /([\\/]i18n[\\/](zh|en)\.ts|\.test\.ts|[\\/]test-[^\\/]*\.ts)$/;

/** Source without its comments: a comment quoting a label is not a UI string. */
function code(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[\s;{}(),])\/\/.*$/gm, "$1");
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(svelte|ts)$/.test(p) ? [p] : [];
  });
}

describe("UI sources", () => {
  it("hold no Chinese outside the catalog (move the text into i18n/zh.ts and en.ts)", () => {
    const found = sources(src)
      .filter((f) => !ALLOWED.test(f))
      .flatMap((f) =>
        code(readFileSync(f, "utf8"))
          .split("\n")
          .filter((line) => CJK.test(line))
          .map((line) => `${relative(root, f)}: ${line.trim()}`),
      );
    expect(found).toEqual([]);
  });

  it("notice Chinese in markup, in scripts and in full-width punctuation, not in comments", () => {
    expect(CJK.test(code('<p>已保存</p>'))).toBe(true);
    expect(CJK.test(code('const s = "x（y）";'))).toBe(true);
    expect(CJK.test(code("const s = `\u3001`;"))).toBe(true);
    expect(CJK.test(code("// 「导出」 does this\n/* 说明 */ <!-- 下一部分 -->"))).toBe(false);
    expect(CJK.test(code('const url = "https://x"; // 注释'))).toBe(false);
  });
});
