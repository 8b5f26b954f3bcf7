// What the page itself holds in Chromium (V8 and Blink, the engine of WebView2 on Windows)
// questionnaire after questionnaire, with no WebDriver in the page: a WebDriver session keeps
// its own handles to the elements it found, in the page's heap (BENCHMARKS.md, "WebView2's
// engine"). Chromium is driven over the DevTools protocol (puppeteer-core): trusted key
// presses as in the keyboard journey, the page's own links between questionnaires, no reload.
// After each questionnaire the renderer's PSS, then a full collection, the heap V8 still uses
// and Blink's count of DOM nodes and event listeners alive: flat means the page keeps nothing
// per questionnaire. (The collections make the later PSS readings lower than a user's.)
//
// Usage (Debian's chromium installed, the bridge built as scripts/bench-memory.sh builds it):
//   ZHIZHUAN_BRIDGE_BIN=target/release/examples/browser_bridge xvfb-run -a node tests/e2e/heap-probe.mjs [questionnaires]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";
import { startBridge } from "./bridge.mjs";
import { creditCode } from "./credit-code.mjs";
import { chromiumType, pssOf, tree } from "./procs.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ROUNDS = Number(process.argv[2] ?? 10);

/** The focused item (id, figure fields, options) or what else holds focus. */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const card = el?.closest("article.item");
    if (!card) return { testid: el?.dataset?.testid ?? null, text: el?.textContent ?? "" };
    return {
      item: card.dataset.testid.replace(/^item-/, ""),
      figures: card.querySelectorAll('input[inputmode="decimal"]').length,
      options: card.querySelectorAll("input[type=radio], input[type=checkbox]:not([data-testid=na])").length,
      figure: el.matches('input[inputmode="decimal"]') ? el.getAttribute("name") : null,
    };
  });

async function saved(page, item) {
  const handle = await page.waitForSelector(`[data-testid="item-${item}"] [data-testid="saved"]`, { visible: true, timeout: 10000 });
  await handle.dispose();
}

/** Types the item's figures (a denominator gets the larger one), as the keyboard journey does. */
async function typeFigures(page, item, count) {
  const typed = new Set();
  for (let guard = 0; typed.size < count; guard++) {
    if (guard > 20) throw new Error(`Tab never reached the figures of ${item}`);
    const name = (await focused(page)).figure;
    if (!name || typed.has(name) || !name.startsWith(`${item}.`)) {
      await page.keyboard.press("Tab");
      continue;
    }
    typed.add(name);
    await page.keyboard.down("Control");
    await page.keyboard.press("a");
    await page.keyboard.up("Control");
    await page.keyboard.type(name.endsWith(".total") ? "120" : name.endsWith(".revenue") ? "4820" : "54");
  }
  await saved(page, item);
  for (let guard = 0; guard < 12; guard++) {
    const f = await focused(page);
    if (f.item !== item) return;
    await page.keyboard.press("Tab");
  }
}

/** Answers the open questionnaire by keys until 「查看结果」 holds focus. */
async function answerAll(page) {
  const seen = new Set();
  for (let guard = 0; guard < 300; guard++) {
    const f = await focused(page);
    if (f.item && !seen.has(f.item)) {
      seen.add(f.item);
      if (f.figures > 0) await typeFigures(page, f.item, f.figures);
      else {
        await page.keyboard.press(f.options > 1 ? "2" : "1");
        await saved(page, f.item);
        await page.keyboard.press("ArrowDown");
      }
    } else if (f.testid === "next-section") {
      if (/结果|Results/.test(f.text)) return seen.size;
      await page.keyboard.press("Enter");
      await new Promise((r) => setTimeout(r, 50));
    } else if (f.item) {
      await page.keyboard.press("ArrowDown");
    } else {
      throw new Error(`focus lost: ${JSON.stringify(f)}`);
    }
  }
  throw new Error("the questionnaire did not end");
}

/** A new enterprise and MIIT assessment, opened from the list through the page's links. */
async function openNew(page, n) {
  const name = `盐城喆堃堆探${n}号有限公司`;
  await page.evaluate(async (name, code) => {
    const call = window.__TAURI_INTERNALS__.invoke;
    const input = { name, creditCode: code, province: "320000", city: "盐城市", district: "亭湖区", industry: "C34", size: "small" };
    const e = await call("create_enterprise", { input });
    await call("create_assessment", { enterpriseId: e.id, frameworkId: "miit-2024", variant: null });
  }, name, creditCode(`91320902MA1MH${String(n).padStart(2, "0")}X3`));
  // the first from the empty list's first-run screen, reloaded to list it; the rest by links
  if (n === 1) await page.reload();
  for (const back of ['[data-testid="back-to-enterprise"]', '[data-testid="back-to-list"]']) {
    if (await page.evaluate((sel) => document.querySelector(sel) !== null, back)) await page.click(back);
  }
  await page.waitForFunction(
    (name) => [...document.querySelectorAll('tr[data-testid="enterprise-row"]')].some((r) => r.textContent.includes(name)),
    {},
    name,
  );
  await page.evaluate((name) => {
    const row = [...document.querySelectorAll('tr[data-testid="enterprise-row"]')].find((r) => r.textContent.includes(name));
    row.querySelector("button.link").click();
  }, name);
  await (await page.waitForSelector('[data-testid="open-assessment"]', { visible: true })).dispose();
  await page.click('[data-testid="open-assessment"]');
  await page.waitForFunction(() => document.activeElement?.closest("article.item")?.dataset.testid === "item-jichu.network");
}

/** The PSS (MiB) of the browser's largest renderer, the page's. */
function rendererPss(browser) {
  const renderers = [...tree([{ pid: browser.process().pid }])].filter((pid) => chromiumType(pid) === "chromium renderer");
  return (Math.max(0, ...renderers.map(pssOf)) / 1024).toFixed(0);
}

/**
 * The renderer's PSS as the user has it, then after a full collection V8's used heap (MiB) and
 * Blink's live DOM nodes and listeners.
 */
async function held(cdp, browser) {
  await new Promise((r) => setTimeout(r, 2000));
  const pssMiB = rendererPss(browser);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const dom = await cdp.send("Memory.getDOMCounters");
  return { pssMiB, heapMiB: (usedSize / 2 ** 20).toFixed(1), nodes: dom.nodes, listeners: dom.jsEventListeners, documents: dom.documents };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "zhizhuan-heap-"));
const bridge = await startBridge({
  bin: process.env.ZHIZHUAN_BRIDGE_BIN ?? path.join(root, "target/release/examples/browser_bridge"),
  dist: path.join(root, "ui/dist"),
  dataDir,
  port: 4511,
});
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: false,
  defaultViewport: null,
  args: ["--no-sandbox", "--window-size=1280,900", "--no-first-run"],
});
try {
  const page = (await browser.pages())[0];
  await page.goto(bridge.url);
  await page.waitForFunction(() => document.querySelector("#app")?.children.length > 0);
  const cdp = await page.createCDPSession();
  await cdp.send("HeapProfiler.enable");
  console.log("start", JSON.stringify(await held(cdp, browser)));
  for (let n = 1; n <= ROUNDS; n++) {
    await openNew(page, n);
    const items = await answerAll(page);
    console.log(`questionnaire ${n} (${items} items)`, JSON.stringify(await held(cdp, browser)));
  }
} finally {
  await browser.close();
  bridge.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
