// The foundation journey: empty list → create an enterprise → see it listed → an invalid
// credit code is refused with a message beside the field → restart → still listed → 「关于」.
import { browser, $, $$, expect } from "@wdio/globals";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { shot, answerDialogs } from "../app.mjs";

async function fill(name, value) {
  const input = await $(`[name="${name}"]`);
  await input.clearValue();
  await input.setValue(value);
}

async function choose(name, value) {
  await $(`select[name="${name}"]`).selectByAttribute("value", value);
}

async function fillValidForm(overrides = {}) {
  const v = {
    name: "常州市喆堃精密机械有限公司",
    creditCode: "914403001922038216",
    city: "常州市",
    district: "武进区",
    ...overrides,
  };
  await fill("name", v.name);
  await fill("creditCode", v.creditCode);
  await choose("province", "320000");
  await fill("city", v.city);
  await fill("district", v.district);
  await choose("size", "small");
  await choose("industry", "C34");
}

describe("enterprises", () => {
  it("shows the window title and an empty state that says what to do", async () => {
    expect(await browser.getTitle()).toBe("智转 · 制造业数字化转型自评估");
    const empty = await $('[data-testid="empty-state"]');
    await empty.waitForDisplayed();
    await expect(empty).toHaveText(expect.stringContaining("还没有企业"));
    await shot("01-empty-list");
  });

  it("refuses an invalid credit code with a message beside the field, storing nothing", async () => {
    await $('[data-testid="new-enterprise"]').click();
    await $('[data-testid="enterprise-form"]').waitForDisplayed();
    await fillValidForm({ creditCode: "914403001922038217" });
    await $('[data-testid="save-enterprise"]').click();
    const message = await $('[data-testid="error-creditCode"]');
    await message.waitForDisplayed();
    await expect(message).toHaveText(expect.stringContaining("校验位"));
    await shot("02-invalid-credit-code");
  });

  it("creates the enterprise once the code is corrected and lists it", async () => {
    await fill("creditCode", "914403001922038216");
    await $('[data-testid="save-enterprise"]').click();
    const list = await $('[data-testid="enterprise-list"]');
    await list.waitForDisplayed();
    const rows = await $$('[data-testid="enterprise-row"]');
    expect(rows.length).toBe(1);
    await expect(rows[0]).toHaveText(expect.stringContaining("常州市喆堃精密机械有限公司"));
    await expect(rows[0]).toHaveText(expect.stringContaining("通用设备制造业"));
    await shot("03-list-with-enterprise");
  });

  it("still lists the enterprise after the app restarts", async () => {
    await browser.reloadSession();
    const list = await $('[data-testid="enterprise-list"]');
    await list.waitForDisplayed();
    const rows = await $$('[data-testid="enterprise-row"]');
    expect(rows.length).toBe(1);
    await expect(rows[0]).toHaveText(expect.stringContaining("914403001922038216"));
    await shot("04-after-restart");
  });

  it("「关于」 shows the version, the data folder and the font licence, and exports a diagnostics zip", async () => {
    await $('[data-testid="open-about"]').click();
    const about = await $('[data-testid="about"]');
    await about.waitForDisplayed();
    await expect($('[data-testid="about-version"]')).toHaveText(expect.stringMatching(/^\d+\.\d+\.\d+/));
    const notices = await $$('[data-testid="licence-notice"]').map((el) => el.getText());
    expect(notices.join("\n")).toContain("SIL Open Font License");
    await shot("04b-about");

    const dir = mkdtempSync(path.join(os.tmpdir(), "zhizhuan-diag-"));
    const file = path.join(dir, "诊断包.zip");
    await answerDialogs(file);
    await $('[data-testid="export-diagnostics"]').click();
    await $('[data-testid="diagnostics-saved"]').waitForDisplayed({ timeout: 20000 });
    await expect($('[data-testid="diagnostics-saved"]')).toHaveText(expect.stringContaining(file));
    const zip = readFileSync(file);
    expect(zip.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(zip.includes(Buffer.from("db-check.json"))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});
