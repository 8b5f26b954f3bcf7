// 「评估总览」: every enterprise's latest final and draft per framework, filtered, counted by
// level, and a row opens the assessment's results.
import { browser, $, $$, expect } from "@wdio/globals";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { shot, ok, answerDialogs } from "../app.mjs";

describe("portfolio", () => {
  it("lists the latest assessments, filters them by status and opens one", async () => {
    // an enterprise of its own, so the spec does not depend on the others' data
    const e = await ok("create_enterprise", {
      input: { name: "苏州总览测试有限公司", creditCode: "91320500MA1PF0L1XY", province: "320000", city: "苏州市", district: "", industry: "C35", size: "micro" },
    });
    await ok("create_assessment", { enterpriseId: e.id, frameworkId: "miit-2024", variant: null });
    await browser.refresh();
    await $('[data-testid="open-portfolio"]').waitForDisplayed();
    await $('[data-testid="open-portfolio"]').click();
    await $('[data-testid="portfolio-list"]').waitForDisplayed();
    const all = (await $$('[data-testid="portfolio-row"]')).length;
    expect(all).toBeGreaterThan(0);
    await expect($('[data-testid="level-counts"]')).toBeDisplayed();
    await $('[data-testid="portfolio-status"]').selectByAttribute("value", "draft");
    const drafts = await $$('[data-testid="portfolio-row"]').map((r) => r.getText());
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.length).toBeLessThanOrEqual(all);
    for (const text of drafts) expect(text).toContain("草稿");
    await $('[data-testid="portfolio-text"]').setValue("苏州总览");
    await browser.waitUntil(async () => (await $$('[data-testid="portfolio-row"]').length) === 1);
    await shot("32-portfolio");
    // 「导出 Excel」 writes the filtered rows (here one) as a workbook
    const file = path.join(os.tmpdir(), `zhizhuan-portfolio-${process.pid}.xlsx`);
    await answerDialogs(file);
    await $('[data-testid="export-portfolio"]').click();
    await $('[data-testid="portfolio-saved"]').waitForDisplayed();
    const strings = execFileSync("unzip", ["-p", file, "xl/sharedStrings.xml"], { encoding: "utf8" });
    expect(strings.includes("苏州总览测试有限公司")).toBe(true);
    expect(strings.includes("无锡澄镕数控科技有限公司")).toBe(false);
    rmSync(file, { force: true });
    await $('[data-testid="portfolio-row"] button.link').click();
    await $('[data-testid="score-summary"]').waitForDisplayed();
  });
});
