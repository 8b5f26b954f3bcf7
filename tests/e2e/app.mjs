// What every spec does to the app window: screenshots, calls through the page's IPC, and answers
// to the native file dialogs. Outside specs/ so the runner does not take it for a spec.
import { browser, $, expect } from "@wdio/globals";
import path from "node:path";
import { screenshotDir } from "./wdio.conf.mjs";

// Screenshots are looked at by people: wait until the bundled CJK font is loaded and two
// frames have been painted, or the picture can show a blank or a previous screen.
export async function shot(name) {
  await browser.executeAsync((done) => {
    document.fonts.ready.then(() =>
      requestAnimationFrame(() => requestAnimationFrame(() => done())),
    );
  });
  await browser.pause(150);
  await browser.saveScreenshot(path.join(screenshotDir, `${name}.png`));
}

/** Calls a command through the page's IPC, as the UI does; resolves to {ok} or {err: {kind, message, fields}}. */
export async function invoke(cmd, args) {
  return browser.executeAsync(
    (cmd, args, done) => {
      window.__TAURI_INTERNALS__.invoke(cmd, args).then(
        (ok) => done({ ok }),
        (err) => done({ err }),
      );
    },
    cmd,
    args,
  );
}

/** Like `invoke`, but throws the command's error. */
export async function ok(cmd, args) {
  const r = await invoke(cmd, args);
  if (r.err) throw new Error(`${cmd} failed: ${JSON.stringify(r.err)}`);
  return r.ok;
}

/**
 * The grant a native dialog would hand the page for `file` ("save" or "open"): the commands
 * take grants, never paths (src-tauri/src/paths.rs). Only the e2e build honours this.
 */
export async function grant(file, purpose) {
  return ok("e2e_grant_path", { path: file, purpose });
}

/**
 * Answers the next native file dialogs with `paths`, in order (see the seam in ui/src/lib/api.ts:
 * WebDriver cannot operate the OS file chooser). The buttons, the commands behind them and the
 * messages are the real ones.
 */
export async function answerDialogs(...paths) {
  await browser.execute((paths) => {
    window.__ZHIZHUAN_DIALOG_ANSWERS__ = [...paths];
  }, paths);
}

/**
 * 「导入数据包」 with `file` when its enterprise (`name`) already exists: the question names it,
 * `choice` (the test id of 「合并」 or 「另存为副本」) answers it, and the summary shows.
 */
export async function importConflicting(file, name, choice) {
  await $('[data-testid="import-bundle"]').waitForDisplayed();
  await answerDialogs(file);
  await $('[data-testid="import-bundle"]').click();
  await $('[data-testid="import-conflict"]').waitForDisplayed();
  await expect($('[data-testid="import-conflict"]')).toHaveText(expect.stringContaining(name));
  await $(`[data-testid="${choice}"]`).click();
  await $('[data-testid="import-summary"]').waitForDisplayed();
}

/**
 * What on the page could draw as □ on a machine without a CJK font: characters of the visible
 * text that no face of the bundled "Noto Sans SC" covers (its unicode-range slices), and
 * elements holding text whose font stack does not name it. Empty when every glyph is ours.
 */
export async function glyphProblems() {
  return browser.execute(() => {
    const ranges = [];
    for (const face of document.fonts) {
      if (face.family.replace(/"/g, "") !== "Noto Sans SC") continue;
      for (const part of face.unicodeRange.split(",")) {
        const [a, b] = part.trim().replace(/^U\+/i, "").split("-");
        const lo = parseInt(a.replace(/\?/g, "0"), 16);
        const hi = b ? parseInt(b, 16) : parseInt(a.replace(/\?/g, "F"), 16);
        ranges.push([lo, hi]);
      }
    }
    const covered = (cp) => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
    const missing = new Set();
    for (const ch of document.body.innerText) {
      const cp = ch.codePointAt(0);
      if (cp > 0x20 && !covered(cp)) missing.add(ch);
    }
    const stacks = new Set();
    for (const el of document.body.querySelectorAll("*")) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (own && el.getClientRects().length > 0 && !getComputedStyle(el).fontFamily.includes("Noto Sans SC")) {
        stacks.add(`${el.tagName.toLowerCase()}: ${getComputedStyle(el).fontFamily}`);
      }
    }
    return [...[...missing].map((c) => `no glyph: ${c} U+${c.codePointAt(0).toString(16).toUpperCase()}`), ...stacks];
  });
}
