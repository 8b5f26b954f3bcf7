// Measurements for scripts/bench-memory.sh (never assertions: a test must not depend on time).
// Outside specs/ so the runner does not take it for a spec.
import { browser } from "@wdio/globals";
import fs from "node:fs";

function processes() {
  const all = [];
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // "pid (comm) state ppid …": comm may hold spaces, so split after the last ')'.
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const ppid = Number(stat.slice(close + 2).split(" ")[1]);
      all.push({ pid: Number(pid), ppid, comm });
    } catch {
      // exited meanwhile
    }
  }
  return all;
}

/**
 * PSS in KiB summed over the app and every process under it (WebKit's web and network
 * processes), with the sum per process name.
 */
export function appPss() {
  const all = processes();
  const roots = all.filter((p) => p.comm === "zhizhuan-app");
  if (roots.length !== 1) throw new Error(`expected one zhizhuan-app, found ${roots.length}`);
  const tree = new Set([roots[0].pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) if (tree.has(p.ppid) && !tree.has(p.pid)) (tree.add(p.pid), (grew = true));
  }
  const out = { total: 0 };
  for (const pid of tree) {
    try {
      const m = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+) kB/m);
      const name = all.find((p) => p.pid === pid).comm;
      if (m) (out.total += Number(m[1])), (out[name] = (out[name] ?? 0) + Number(m[1]));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** Starts recording animation-frame timestamps in the page (until `frameGaps` collects them). */
export async function startFrameLog() {
  await browser.execute(() => {
    window.__frameLog = [];
    window.__frameLogOn = true;
    const loop = (t) => {
      window.__frameLog.push(t);
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

/** The largest mappings of the app's web process by PSS (KiB), aggregated by what they map. */
export function webProcessMappings(top = 8) {
  const web = processes().find((p) => p.comm.startsWith("WebKitWebProces"));
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
