// The e2e configuration in Chromium instead of the app's window, for the bench only
// (scripts/bench-memory.sh --engine chromium): Debian's Chromium and ChromeDriver, the page from
// ui/dist and the commands through tests/e2e/bridge.mjs. A restart (reloadSession) is a new
// browser on the same profile and data, as the app's restart keeps both.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mkdirSync, rmSync } from "node:fs";
import { config as window, dataDir, screenshotDir } from "./wdio.conf.mjs";
import { startBridge } from "./bridge.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PORT = 4510;
const PAGE = `http://127.0.0.1:${PORT}/`;
const profile = path.join(dataDir, "..", ".chromium-profile");
let bridge;

const { hostname, port, beforeSession, afterSession, ...rest } = window;
export const config = {
  ...rest,
  capabilities: [
    {
      browserName: "chrome",
      "goog:chromeOptions": {
        binary: "/usr/bin/chromium",
        args: [
          `--user-data-dir=${profile}`,
          "--window-size=1280,900",
          "--no-first-run",
          "--no-sandbox",
          // measure.mjs liveHeapKiB: a full collection on demand, and heap sizes not rounded
          ...(process.env.ZHIZHUAN_BENCH_LIVE_HEAP ? ["--js-flags=--expose-gc", "--enable-precise-memory-info"] : []),
        ],
      },
      "wdio:chromedriverOptions": { binary: "/usr/bin/chromedriver" },
    },
  ],

  async onPrepare() {
    for (const dir of [dataDir, profile]) rmSync(dir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    mkdirSync(screenshotDir, { recursive: true });
    bridge = await startBridge({
      bin: process.env.ZHIZHUAN_BRIDGE_BIN ?? path.join(root, "target/release/examples/browser_bridge"),
      dist: path.join(root, "ui/dist"),
      dataDir,
      port: PORT,
    });
  },

  onComplete() {
    bridge?.close();
  },

  async before(capabilities, specs, browser) {
    await browser.url(PAGE);
  },

  async onReload() {
    await globalThis.browser.url(PAGE);
  },
};
