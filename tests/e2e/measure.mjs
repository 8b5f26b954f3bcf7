// Measurements for scripts/bench-memory.sh (never assertions: a test must not depend on time).
// Outside specs/ so the runner does not take it for a spec.
import { browser } from "@wdio/globals";
import fs from "node:fs";
import { chromiumType, processes, pssOf, tree } from "./procs.mjs";

/**
 * The bench's engine: "webkit", the app's window (its process and WebKit's web and network
 * processes), or "chromium" (scripts/bench-memory.sh --engine chromium: the command bridge and
 * every Chromium process, named by its --type).
 */
const ENGINE = process.env.ZHIZHUAN_BENCH_ENGINE ?? "webkit";

/** The processes measured, with a name each. */
function measured() {
  const all = processes();
  const roots =
    ENGINE === "chromium"
      ? all.filter((p) => p.comm === "browser_bridge" || (p.comm === "chromium" && all.find((q) => q.pid === p.ppid)?.comm !== "chromium"))
      : all.filter((p) => p.comm === "zhizhuan-app");
  if (roots.length !== (ENGINE === "chromium" ? 2 : 1)) throw new Error(`expected the ${ENGINE} processes, found ${JSON.stringify(roots)}`);
  return [...tree(roots, all)].map((pid) => {
    const comm = all.find((p) => p.pid === pid).comm;
    return { pid, name: comm === "chromium" ? chromiumType(pid) : comm };
  });
}

/** PSS in KiB summed over the measured processes, with the sum per process name. */
export function appPss() {
  const out = { total: 0 };
  for (const { pid, name } of measured()) {
    const k = pssOf(pid);
    (out.total += k), (out[name] = (out[name] ?? 0) + k);
  }
  return out;
}

/**
 * With ZHIZHUAN_BENCH_LIVE_HEAP set, in Chromium (which then exposes `gc` and exact heap
 * sizes): the JavaScript heap left after a full collection, in KiB. It holds what the WebDriver
 * session keeps of the elements it found as well as the page (heap-probe.mjs measures the
 * page alone). The collection lowers the PSS read after it: such a run's PSS is not the user's.
 */
export async function liveHeapKiB() {
  if (!process.env.ZHIZHUAN_BENCH_LIVE_HEAP || ENGINE !== "chromium") return undefined;
  return browser.execute(() => {
    window.gc();
    return Math.round(performance.memory.usedJSHeapSize / 1024);
  });
}

/** Starts recording animation-frame timestamps in the page (until `frameGaps` collects them). */
export async function startFrameLog() {
  await browser.execute(() => {
    // one loop at a time: an earlier log's loop whose next frame comes after this call stops
    // there, instead of adding its timestamps (0 ms apart) to this one
    const log = (window.__frameLog = []);
    window.__frameLogOn = true;
    const loop = (t) => {
      if (window.__frameLog !== log) return;
      log.push(t);
      if (window.__frameLogOn) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
}

/** The gaps between painted frames since `startFrameLog`, in ms, after 500 ms more of frames. */
export async function frameGaps() {
  await browser.pause(500);
  return browser.execute(() => {
    window.__frameLogOn = false;
    const t = window.__frameLog ?? [];
    return t.slice(1).map((x, i) => Math.round((x - t[i]) * 10) / 10);
  });
}

/**
 * The largest mappings of the page's process (WebKit's web process, or Chromium's largest
 * renderer) by PSS (KiB), aggregated by what they map.
 */
export function webProcessMappings(top = 8) {
  const pages =
    ENGINE === "chromium"
      ? measured().filter((p) => p.name === "chromium renderer").sort((a, b) => pssOf(b.pid) - pssOf(a.pid))
      : processes().filter((p) => p.comm.startsWith("WebKitWebProces"));
  const web = pages[0];
  if (!web) return [];
  const by = new Map();
  let name = "";
  for (const line of fs.readFileSync(`/proc/${web.pid}/smaps`, "utf8").split("\n")) {
    const head = line.match(/^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/);
    if (head) name = head[1] || "[anon]";
    const pss = line.match(/^Pss:\s+(\d+) kB/);
    if (pss) by.set(name, (by.get(name) ?? 0) + Number(pss[1]));
  }
  return [...by.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
}

/**
 * Before the next key: times the page's own work for it — the key's handlers and the UI's
 * update up to a task later, then a forced style and layout — as [script ms, layout ms].
 * What a long frame takes beyond these is painting and compositing.
 */
export async function armLayoutProbe() {
  await browser.execute(() => {
    window.__layoutProbes = window.__layoutProbes ?? [];
    const onKey = () => {
      const t1 = performance.now();
      setTimeout(() => {
        const t2 = performance.now();
        void document.body.offsetHeight;
        window.__layoutProbes.push([Math.round(t2 - t1), Math.round(performance.now() - t2)]);
      }, 0);
    };
    document.addEventListener("keydown", onKey, { once: true, capture: true });
  });
}

/** What `armLayoutProbe` recorded on this page. */
export async function layoutProbes() {
  return browser.execute(() => window.__layoutProbes ?? []);
}

/**
 * Waits for the item's 「已保存」 inside the page (a MutationObserver, one script call), so the
 * frames logged after an answer hold no polling of the driver's own: WebDriver's
 * `waitForDisplayed` runs its visibility script in the page every 100 ms, work the page's
 * main thread does for the harness, not for the user.
 */
export async function waitSavedInPage(item, timeoutMs = 10000) {
  const found = await browser.executeAsync(
    (id, timeout, done) => {
      const card = document.querySelector(`[data-testid="item-${id}"]`);
      const shown = () => Boolean(card?.querySelector('[data-testid="saved"]'));
      if (!card || shown()) return done(Boolean(card));
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        observer.disconnect();
        clearTimeout(timer);
        done(true);
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        done(false);
      }, timeout);
      observer.observe(card, { childList: true, subtree: true });
    },
    item,
    timeoutMs,
  );
  if (!found) throw new Error(`${item}: 「已保存」 did not appear within ${timeoutMs} ms`);
}
