// The start-up screen: the data was moved to a USB stick that is not there at the next start.
// The window stays up and says where the data went; choosing the folder under its new name
// (another drive letter) opens the same data, a folder without a database is refused in place;
// giving a lost stick up opens the default folder and keeps location.txt under a new name.
import { browser, $, expect } from "@wdio/globals";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { answerDialogs, grant, ok, shot } from "../app.mjs";
import { fileURLToPath } from "node:url";
import { execSync } from "node:child_process";

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", ".app-data");

// The app a session ended may still be closing its database for a moment after the next one
// started; a move or a restore needs the database to itself, so wait until only one app runs.
async function oneApp() {
  const running = () => execSync("pgrep -c -x zhizhuan-app || true").toString().trim();
  await browser.waitUntil(() => running() === "1", { timeout: 15000, interval: 100 });
}

async function restart() {
  await browser.reloadSession();
  await $('[data-testid="ui-lang"]').waitForDisplayed();
  await oneApp();
}

describe("start-up without the data folder", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zhizhuan-e2e-stick-"));
  const stick = path.join(tmp, "E");
  const renamed = path.join(tmp, "F");
  let enterprises = 0;

  it("says where the data went when the stick is not plugged in, and creates nothing", async () => {
    await $('[data-testid="open-portfolio"]').waitForDisplayed();
    await oneApp();
    enterprises = (await ok("list_enterprises")).length;
    fs.mkdirSync(stick);
    await ok("move_data_folder", { folder: await grant(stick, "folder") });
    fs.renameSync(stick, renamed); // unplugged, and back later as another drive
    await restart();
    await $('[data-testid="startup-problem"]').waitForDisplayed();
    await expect($('[data-testid="startup-missing"]')).toHaveText(expect.stringContaining(stick));
    expect(fs.existsSync(stick)).toBe(false);
    await shot("50-startup-missing-folder");
  });

  it("refuses a folder without a database in place, then opens the data where it is now", async () => {
    const empty = fs.mkdtempSync(path.join(tmp, "empty-"));
    await answerDialogs(empty);
    await $('[data-testid="startup-locate"]').click();
    await expect($('[data-testid="startup-problem"] .error')).toHaveText(expect.stringContaining("zhizhuan.db"));
    await shot("51-startup-refused");
    await answerDialogs(renamed);
    await $('[data-testid="startup-locate"]').click();
    await $('[data-testid="open-portfolio"]').waitForDisplayed();
    expect((await ok("list_enterprises")).length).toBe(enterprises);
    expect((await ok("data_folder")).path).toBe(renamed);
    await ok("move_data_folder", { folder: null }); // home again for the other specs
  });

  it("gives a lost stick up: the default folder opens, location.txt is kept aside", async () => {
    const lost = path.join(tmp, "lost");
    fs.writeFileSync(path.join(dataDir, "location.txt"), `${lost}\n`);
    await restart();
    await $('[data-testid="startup-afresh"]').click();
    await $('[data-testid="startup-afresh-confirm"]').waitForDisplayed();
    await shot("52-startup-afresh-confirm");
    await $('[data-testid="startup-afresh-yes"]').click();
    await $('[data-testid="open-portfolio"]').waitForDisplayed();
    expect((await ok("list_enterprises")).length).toBe(enterprises);
    const aside = fs.readdirSync(dataDir).filter((f) => /^location-\d+\.old\.txt$/.test(f));
    expect(aside.length).toBe(1);
    expect(fs.readFileSync(path.join(dataDir, aside[0]), "utf8")).toContain(lost);
  });
});

// A database that will not open (here: its file overwritten, as a failing disk might): the
// screen lists its backups, and putting one back opens the data as it was then, with the
// damaged file kept aside among the backups.
describe("start-up with a damaged database", () => {
  it("offers the database's backups and puts the chosen one back", async () => {
    await $('[data-testid="open-portfolio"]').waitForDisplayed();
    const names = (await ok("list_enterprises")).map((o) => o.enterprise.name);
    const taken = await ok("backup_now");
    const db = path.join(dataDir, "zhizhuan.db");
    fs.writeFileSync(`${db}.damaged`, "SQLite format 3\0 and then the disk failed here");
    fs.renameSync(`${db}.damaged`, db); // the running app keeps its own open file until it exits
    await restart();
    await $('[data-testid="backup-list"]').waitForDisplayed();
    await shot("53-startup-damaged-database");
    const row = await $(`//tr[td[@title="${taken.name}"]]`);
    await row.$('[data-testid="restore-backup"]').click();
    await $('[data-testid="confirm-restore"]').waitForDisplayed();
    await shot("54-startup-restore-confirm");
    await $('[data-testid="confirm-restore-yes"]').click();
    await $('[data-testid="open-portfolio"]').waitForDisplayed();
    expect((await ok("list_enterprises")).map((o) => o.enterprise.name)).toEqual(names);
    const replaced = (await ok("list_backups")).filter((b) => b.kind === "replaced");
    const kept = replaced.some((b) =>
      fs.readFileSync(path.join(dataDir, "backups", b.name), "latin1").includes("the disk failed here"));
    expect(kept).toBe(true);
  });
});

// What the shell asks of WebKit reaches the page's process (src-tauri/src/shell/engine.rs):
// full collections of the page's JavaScript, unless the user set the variable already, and
// CPU painting on a machine without a GPU render node.
describe("start-up settings for WebKit's web process", () => {
  /** The environment of the web process under the one running app, as a map. */
  function webProcessEnv() {
    const procs = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const close = stat.lastIndexOf(")");
        return { pid, comm: stat.slice(stat.indexOf("(") + 1, close), ppid: stat.slice(close + 2).split(" ")[1] };
      } catch {
        return null; // exited meanwhile
      }
    }).filter(Boolean);
    // the app and everything under it (a sandbox launcher may sit between it and WebKit's)
    const tree = new Set(procs.filter((p) => p.comm === "zhizhuan-app").map((p) => p.pid));
    for (let grew = true; grew; ) {
      grew = false;
      for (const p of procs) if (tree.has(p.ppid) && !tree.has(p.pid)) (tree.add(p.pid), (grew = true));
    }
    const web = procs.filter((p) => p.comm.startsWith("WebKitWebProces") && tree.has(p.pid));
    expect(web.length).toBe(1);
    const pairs = fs.readFileSync(`/proc/${web[0].pid}/environ`, "utf8").split("\0").filter(Boolean);
    return new Map(pairs.map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
  }

  it("runs the page with full garbage collections and, without a GPU, CPU painting", async () => {
    await $('[data-testid="ui-lang"]').waitForDisplayed();
    await oneApp();
    const env = webProcessEnv();
    expect(env.get("JSC_useGenerationalGC")).toBe(process.env.JSC_useGenerationalGC ?? "0");
    const gpu = fs.existsSync("/dev/dri") && fs.readdirSync("/dev/dri").some((n) => n.startsWith("renderD"));
    if (!gpu) expect(env.get("WEBKIT_SKIA_ENABLE_CPU_RENDERING")).toBe(process.env.WEBKIT_SKIA_ENABLE_CPU_RENDERING ?? "1");
  });
});
