// Two enterprises with one 统一社会信用代码: a consultant exports an enterprise's bundle, imports
// it back on the same machine and chooses 「另存为副本」 (keep apart). The list then shows both
// rows, each marked 「重复信用代码」 with a tooltip saying how many others share the code, so the
// copies can be told apart from ordinary rows. Independent of the other specs: it creates its
// own enterprise (a code no other spec uses) and only counts rows with that code.
import { browser, $, $$, expect } from "@wdio/globals";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { shot, ok, answerDialogs, importConflicting } from "../app.mjs";

const NAME = "苏州汇铖液压件有限公司";
const CODE = "91320505MA1Q7K4R2F";
const out = mkdtempSync(path.join(os.tmpdir(), "zhizhuan-e2e-"));

const rowsWithCode = `//tr[@data-testid="enterprise-row"][.//td[contains(., "${CODE}")]]`;

describe("enterprises sharing a credit code", () => {
  after(() => rmSync(out, { recursive: true, force: true }));

  it("an enterprise on its own carries no 「重复信用代码」 badge", async () => {
    await $('[data-testid="new-enterprise"]').waitForDisplayed();
    await ok("create_enterprise", {
      input: {
        name: NAME, creditCode: CODE, province: "320000", city: "苏州市",
        district: "虎丘区", industry: "C34", size: "medium",
      },
    });
    await browser.refresh();
    await $(rowsWithCode).waitForDisplayed();
    expect(await $$(rowsWithCode).length).toBe(1);
    await expect($(rowsWithCode).$('[data-testid="shared-credit-code"]')).not.toBeExisting();
  });

  it("exports its bundle with 「导出数据包」", async () => {
    const file = path.join(out, "汇铖.zip");
    await $(rowsWithCode).$("button.link").click();
    await $('[data-testid="export-bundle"]').waitForDisplayed();
    await answerDialogs(file);
    await $('[data-testid="export-bundle"]').click();
    await $('[data-testid="bundle-saved"]').waitForDisplayed({ timeout: 30000 });
    await expect($('[data-testid="bundle-saved"]')).toHaveText(expect.stringContaining(file));
  });

  it("imports the bundle with 「另存为副本」, marks both rows with how many others share the code, and the copy as 「副本」", async () => {
    await $("button=← 企业列表").click();
    await importConflicting(path.join(out, "汇铖.zip"), NAME, "import-keep-apart");
    await expect($('[data-testid="import-summary"]')).toHaveText(expect.stringContaining("另存为副本"));

    // The list reloads after the import: the original and the copy, both badged.
    await browser.waitUntil(async () => (await $$(rowsWithCode).length) === 2, {
      timeoutMsg: `expected two rows with ${CODE} after 「另存为副本」`,
    });
    for (const row of await $$(rowsWithCode)) {
      await expect(row).toHaveText(expect.stringContaining(NAME));
      const badge = await row.$('[data-testid="shared-credit-code"]');
      await expect(badge).toBeDisplayed();
      await expect(badge).toHaveText("重复信用代码");
      await expect(badge).toHaveAttribute("title", "另有 1 家企业使用同一统一社会信用代码（导入时保留为副本）");
    }
    // Only those two: every other enterprise in the list has a code of its own.
    expect(await $$('[data-testid="shared-credit-code"]').length).toBe(2);
    // The imported one is marked as the copy and names its original; the original is not.
    const copies = await $$(`${rowsWithCode}//*[@data-testid="copy-of"]`);
    expect(copies.length).toBe(1);
    await expect(copies[0]).toHaveText("副本");
    await expect(copies[0]).toHaveAttribute("title", `导入数据包时与「${NAME}」分开保存的副本`);

    // The summary floats over the list's top right; close it so the picture shows the rows.
    await $('[data-testid="import-summary"] button.close').click();
    await $('[data-testid="import-summary"]').waitForDisplayed({ reverse: true });
    await shot("20-shared-credit-code");
  });

  it("still marks both after the app restarts", async () => {
    await browser.reloadSession();
    await $('[data-testid="enterprise-list"]').waitForDisplayed();
    expect(await $$(rowsWithCode).length).toBe(2);
    expect(await $$(`${rowsWithCode}//*[@data-testid="shared-credit-code"]`).length).toBe(2);
  });

  it("typing the code into the filter leaves just the original and its copy", async () => {
    const filter = await $('[data-testid="enterprise-filter"]');
    await filter.setValue(CODE.toLowerCase());
    await browser.waitUntil(async () => (await $$('[data-testid="enterprise-row"]').length) === 2, {
      timeoutMsg: "the filter did not narrow the list to the two rows with the code",
    });
    const total = (await $('[data-testid="filter-count"]').getText()).match(/\/ (\d+)/)[1];
    expect(Number(total)).toBeGreaterThan(2);
    await shot("21-filtered-list");
    await filter.clearValue();
  });
});
