// The app in English (issue: both languages): the sample enterprise, its results with the
// record, plan editing, evidence checklist and exports, read in English at 1280×800 and at
// 1024×700, then the sample removed and the language set back (the specs share one profile).
import { browser, $, $$, expect } from "@wdio/globals";
import { shot } from "../app.mjs";

describe("the app in English", () => {
  after(async () => {
    await $('[data-testid="ui-lang"]').selectByAttribute("value", "zh");
  });

  it("shows the sample enterprise, its results and its plan in English", async () => {
    await $('[data-testid="ui-lang"]').waitForDisplayed();
    await $('[data-testid="ui-lang"]').selectByAttribute("value", "en");
    await expect($('[data-testid="open-sample-empty"]')).toHaveText("Open the sample enterprise");
    await $('[data-testid="open-sample-empty"]').click();
    await $('[data-testid="assessment-list"]').waitForDisplayed();
    await expect($('[data-testid="remove-enterprise"]')).toHaveText("Delete enterprise");
    await expect($('[data-testid="reassess"]')).toHaveText("Start from this one");
    await shot("34-en-sample-enterprise");
    await $('[data-testid="open-assessment"]').click();
    await $('[data-testid="show-results"]').waitForDisplayed();
    await $('[data-testid="show-results"]').click();
    await $('[data-testid="record-summary"]').waitForDisplayed();
    await expect($('[data-testid="record-summary"]')).toHaveText(expect.stringContaining("Diagnosis by a service provider"));
    await expect($('[data-testid="evidence-tally"]')).toHaveText(expect.stringContaining("files attached 1"));
    await expect($('[data-testid="export-docx"]')).toHaveText("Export Word");
    await expect($('[data-testid="action-owner-cell"]')).toHaveText(expect.stringContaining("In progress"));
    await browser.execute(() => document.querySelector('[data-testid="roadmap"]').scrollIntoView({ block: "start" }));
    await shot("35-en-roadmap-1280");
    await browser.setWindowSize(1024, 700);
    await shot("36-en-roadmap-1024");
    await browser.setWindowSize(1280, 900);
  });

  it("removes the sample again after a confirmation in English", async () => {
    await browser.refresh();
    await $('[data-testid="ui-lang"]').waitForDisplayed();
    const row = await $('[data-testid="enterprise-row"] button.link');
    await row.waitForDisplayed();
    await row.click();
    await $('[data-testid="remove-enterprise"]').click();
    await $('[data-testid="confirm-remove"]').waitForDisplayed();
    await expect($('[data-testid="confirm-remove"]')).toHaveText(expect.stringContaining("The whole database is backed up first"));
    await $('[data-testid="confirm-remove-yes"]').click();
    await $('[data-testid="empty-state"]').waitForDisplayed();
  });
});
