// The processes on this machine, their trees and PSS, for the measurements (measure.mjs and
// heap-probe.mjs). Outside specs/ so the runner does not take it for a spec.
import fs from "node:fs";

/** Every process: pid, parent pid and command name. */
export function processes() {
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

/** The pids of `roots` and of every process under them. */
export function tree(roots, all = processes()) {
  const pids = new Set(roots.map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) if (pids.has(p.ppid) && !pids.has(p.pid)) (pids.add(p.pid), (grew = true));
  }
  return pids;
}

/** A Chromium process's name by its role (`--type`): browser, renderer, gpu-process, … */
export function chromiumType(pid) {
  try {
    const type = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").match(/--type=([a-z-]+)/);
    return `chromium ${type ? type[1] : "browser"}`;
  } catch {
    return "chromium";
  }
}

/** A process's PSS in KiB (0 once it has exited). */
export function pssOf(pid) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+) kB/m);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // exited meanwhile
  }
}
