// WebdriverIO drives the real app window: tauri-driver launches the debug binary and proxies
// to WebKitWebDriver (Debian's webkit2gtk-driver). Run through scripts/e2e.sh, which builds the
// app and starts Xvfb.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const app = process.env.ZHIZHUAN_E2E_APP ?? path.join(root, "target/debug/zhizhuan-app");
// A data folder of the test's own, fresh for each run: the suite never touches a user's data.
export const dataDir = path.join(here, ".app-data");
export const screenshotDir = path.join(here, "screenshots");

function tauriDriverPath() {
  const fromCargo = path.join(os.homedir(), ".cargo", "bin", "tauri-driver");
  return existsSync(fromCargo) ? fromCargo : "tauri-driver";
}

function waitForPort(port, ms) {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => { socket.end(); resolve(); });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`tauri-driver did not listen on ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

let tauriDriver;

export const config = {
  runner: "local",
  specs: [path.join(here, "specs/**/*.mjs")],
  maxInstances: 1,
  hostname: "127.0.0.1",
  port: 4444,
  capabilities: [{ maxInstances: 1, "tauri:options": { application: app } }],
  logLevel: "warn",
  waitforTimeout: 15000,
  connectionRetryCount: 2,
  framework: "mocha",
  reporters: ["spec"],
  mochaOpts: { ui: "bdd", timeout: 180000 },

  onPrepare() {
    if (!existsSync(app)) throw new Error(`app binary not found: ${app} (run scripts/e2e.sh)`);
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    mkdirSync(screenshotDir, { recursive: true });
  },

  async beforeSession() {
    tauriDriver = spawn(tauriDriverPath(), [], {
      stdio: [null, process.stdout, process.stderr],
      env: { ...process.env, ZHIZHUAN_DATA_DIR: dataDir },
    });
    await waitForPort(4444, 20000);
  },

  afterSession() {
    tauriDriver?.kill();
  },
};
