// The built page (ui/dist) and the app's commands served to a browser, for the bench's engine
// comparison (scripts/bench-memory.sh --engine chromium): WebView2 on Windows is Chromium's
// engine, which cannot run inside the Linux window. HTTP carries the page's calls to
// src-tauri/examples/browser_bridge.rs, which answers them through the window's own command
// handler. Outside specs/ so the runner does not take it for a spec.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import readline from "node:readline";

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".woff2": "font/woff2", ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json" };

// What the window's IPC gives the page (`window.__TAURI_INTERNALS__`, which
// @tauri-apps/api/core calls), over HTTP: a rejected call carries the command's error.
const SHIM = `<script>
window.__TAURI_INTERNALS__ = {
  invoke: async (cmd, args = {}) => {
    const reply = await (await fetch("/ipc/" + cmd, { method: "POST", body: JSON.stringify(args) })).json();
    if ("err" in reply) throw reply.err;
    return reply.ok;
  },
};
</script>`;

/** Starts the bridge binary on `dataDir` and an HTTP server on `port`; resolves once both listen. */
export async function startBridge({ bin, dist, dataDir, port }) {
  const child = spawn(bin, [], { stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, ZHIZHUAN_DATA_DIR: dataDir } });
  const waiting = new Map();
  let next = 1;
  readline.createInterface({ input: child.stdout }).on("line", (line) => {
    const reply = JSON.parse(line);
    waiting.get(reply.id)?.(reply);
    waiting.delete(reply.id);
  });
  const call = (cmd, args) =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      child.stdin.write(JSON.stringify({ id, cmd, args }) + "\n");
    });
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    if (req.method === "POST" && url.pathname.startsWith("/ipc/")) {
      let body = "";
      for await (const chunk of req) body += chunk;
      const { id, ...reply } = await call(url.pathname.slice(5), body ? JSON.parse(body) : {});
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
      return;
    }
    const file = path.join(dist, path.normalize(url.pathname === "/" ? "/index.html" : url.pathname));
    if (!file.startsWith(dist) || !fs.existsSync(file)) return void res.writeHead(404).end();
    let content = fs.readFileSync(file);
    if (file.endsWith("index.html")) content = content.toString().replace("<head>", `<head>${SHIM}`);
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(content);
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => (server.close(), child.kill()),
  };
}
