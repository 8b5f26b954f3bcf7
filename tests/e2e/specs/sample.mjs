// 「打开示例企业」: the shipped fictional sample opens as a finished MIIT assessment (marked
// 「（示例）」) with its record, plan owners and evidence; opening it again adds nothing.
import { browser, $, $$, expect } from "@wdio/globals";
import { shot, ok } from "../app.mjs";

describe("the sample enterprise", () => {
  it("opens a finished, marked MIIT assessment with its plan and record, once", async () => {
    await $('[data-testid="open-sample"]').waitForDisplayed();
    await $('[data-testid="open-sample"]').click();
    await $('[data-testid="assessment-list"]').waitForDisplayed();
    await expect($("h1")).toHaveText(expect.stringContaining("（示例）"));
    const rows = await $$('[data-testid="assessment-row"]');
    expect(rows).toHaveLength(1);
    await expect(rows[0]).toHaveText(expect.stringContaining("三级"));
    await expect(rows[0]).toHaveText(expect.stringContaining("定稿"));
    await shot("30-sample-enterprise");

    await $('[data-testid="open-assessment"]').click();
    await $('[data-testid="show-results"]').waitForDisplayed();
    await $('[data-testid="show-results"]').click();
    await $('[data-testid="record-summary"]').waitForDisplayed();
    await expect($('[data-testid="record-summary"]')).toHaveText(expect.stringContaining("服务商诊断"));
    // the roadmap is computed after the score, so its table may arrive a moment later
    await $('[data-testid="action-owner-cell"]').waitForDisplayed();
    await expect($('[data-testid="action-owner-cell"]')).toHaveText(expect.stringContaining("（示例）"));
    // the sample's one evidence file, counted in the checklist on the results page
    await expect($('[data-testid="evidence-tally"]')).toHaveText(expect.stringContaining("已附文件 1"));
    await $('[data-testid="evidence-checklist"] summary').click();
    await browser.execute(() => document.querySelector('[data-testid="evidence-checklist"]').scrollIntoView({ block: "start" }));
    await shot("33-evidence-checklist");

    await browser.refresh();
    await $('[data-testid="open-sample"]').waitForDisplayed();
    await $('[data-testid="open-sample"]').click();
    await $('[data-testid="assessment-list"]').waitForDisplayed();
    const samples = (await ok("list_enterprises")).filter((o) => o.enterprise.name.endsWith("（示例）"));
    expect(samples).toHaveLength(1);
  });
});

describe("editing and removing an enterprise", () => {
  it("edits the profile; a code from another province is a warning beside it, not a refusal", async () => {
    await $('[data-testid="edit-enterprise"]').click();
    const code = await $('[name="creditCode"]');
    await code.waitForDisplayed();
    await $('[name="city"]').clearValue();
    await $('[name="city"]').setValue("无锡市");
    await $('select[name="province"]').selectByAttribute("value", "440000");
    await $('[data-testid="warning-creditCode"]').waitForDisplayed();
    await expect($('[data-testid="warning-creditCode"]')).toHaveText(expect.stringContaining("江苏省"));
    await shot("31-edit-profile-warning");
    await $('select[name="province"]').selectByAttribute("value", "320000");
    await $('[data-testid="warning-creditCode"]').waitForDisplayed({ reverse: true });
    await $('[data-testid="save-enterprise"]').click();
    await $('[data-testid="enterprise-profile"]').waitForDisplayed();
    await expect($('[data-testid="enterprise-profile"]')).toHaveText(expect.stringContaining("无锡市"));
  });

  it("removes the sample after a confirmation; the list no longer has it and a backup was taken", async () => {
    const before = (await ok("list_backups")).length;
    await $('[data-testid="remove-enterprise"]').click();
    await $('[data-testid="confirm-remove"]').waitForDisplayed();
    await $('[data-testid="confirm-remove-yes"]').click();
    await $('[data-testid="new-enterprise"]').waitForDisplayed();
    const left = (await ok("list_enterprises")).filter((o) => o.enterprise.name.endsWith("（示例）"));
    expect(left).toHaveLength(0);
    expect((await ok("list_backups")).length).toBe(before + 1);
  });
});
