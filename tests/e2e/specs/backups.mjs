// 「备份」: take a backup now, change something, restore the backup after a confirmation, and
// the change is gone while the replaced database is listed (so the restore can be undone).
import { browser, $, $$, expect } from "@wdio/globals";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { shot, ok, answerDialogs } from "../app.mjs";

const LATER = "南通镕昇后来新增有限公司";

describe("backups", () => {
  it("takes a backup now and lists it with its kind", async () => {
    await $('[data-testid="open-backups"]').waitForDisplayed();
    await $('[data-testid="open-backups"]').click();
    await $('[data-testid="backups"]').waitForDisplayed();
    const before = (await $$('[data-testid="backup-row"]')).length;
    await $('[data-testid="backup-now"]').click();
    await $('[data-testid="backup-message"]').waitForDisplayed();
    await browser.waitUntil(async () => (await $$('[data-testid="backup-row"]').length) === before + 1);
    await expect($$('[data-testid="backup-row"]')[0]).toHaveText(expect.stringContaining("定期备份"));
  });

  it("restores it after a confirmation: what was added since is gone, the replaced database is kept", async () => {
    await ok("create_enterprise", {
      input: { name: LATER, creditCode: "91320602MA1TE5T0X6", province: "320000", city: "南通市", district: "崇川区", industry: "C34", size: "small" },
    });
    const named = async () => (await ok("list_enterprises")).some((o) => o.enterprise.name === LATER);
    const added = await named();
    await $$('[data-testid="restore-backup"]')[0].click();
    await $('[data-testid="confirm-restore"]').waitForDisplayed();
    await shot("27-confirm-restore");
    await $('[data-testid="confirm-restore-yes"]').click();
    await $('[data-testid="backup-message"]').waitForDisplayed();
    await expect($('[data-testid="backup-message"]')).toHaveText(expect.stringContaining("replaced-"));
    expect(await named()).toBe(false);
    const kinds = await $$('[data-testid="backup-row"]').map((r) => r.getText());
    expect(kinds.some((k) => k.includes("被替换的数据库"))).toBe(true);
    await shot("28-backups-restored");
    // the enterprise added after the backup was there before the restore
    expect(added).toBe(true);
  });

  // 「数据文件夹」: moved to a folder chosen in the dialog (copied, verified, switched), every
  // list still there, the originals gone from the old place; then moved back home.
  it("moves the data folder after a confirmation and back", async () => {
    const away = fs.mkdtempSync(path.join(os.tmpdir(), "zhizhuan-e2e-move-"));
    const home = await $('[data-testid="data-folder-path"]').getText();
    const before = (await ok("list_enterprises")).length;
    await answerDialogs(away);
    await $('[data-testid="move-data-folder"]').click();
    await $('[data-testid="confirm-move-folder"]').waitForDisplayed();
    await shot("28b-confirm-move-folder");
    await $('[data-testid="confirm-move-folder-yes"]').click();
    await $('[data-testid="folder-message"]').waitForDisplayed();
    await expect($('[data-testid="data-folder-path"]')).toHaveText(away);
    await expect($('[data-testid="data-dir"]')).toHaveText(away);
    expect((await ok("list_enterprises")).length).toBe(before);
    expect(fs.existsSync(path.join(away, "zhizhuan.db"))).toBe(true);
    expect(fs.existsSync(path.join(home, "zhizhuan.db"))).toBe(false);
    expect(fs.readFileSync(path.join(home, "location.txt"), "utf8")).toContain(away);
    await shot("28c-data-folder-moved");

    await $('[data-testid="move-data-folder-home"]').click();
    await $('[data-testid="confirm-move-folder-yes"]').click();
    await browser.waitUntil(async () => (await $('[data-testid="data-folder-path"]').getText()) === home);
    expect((await ok("list_enterprises")).length).toBe(before);
    expect(fs.existsSync(path.join(home, "location.txt"))).toBe(false);
    expect(fs.existsSync(path.join(away, "zhizhuan.db"))).toBe(false);
  });
});
