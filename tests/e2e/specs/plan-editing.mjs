// The record and the plan a consultant edits before filing: 「评估信息」 (body, assessor, mode,
// report number) and one action's owner, status and budget, entered in the window, reaching the
// exported PDF (read back with pdftotext); a final assessment shows both and lets nothing change.
import { browser, $, $$, expect } from "@wdio/globals";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { shot, ok, invoke, answerDialogs } from "../app.mjs";

const NAME = "无锡澄镕数控科技有限公司";
const CODE = "91320211MA1Y7X4565";
const out = mkdtempSync(path.join(os.tmpdir(), "zhizhuan-e2e-plan-"));

/** The PDF's text without whitespace (a table cell may wrap anywhere). */
function pdfText(file) {
  return execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
}

async function type(selector, text) {
  const el = await $(selector);
  await el.clearValue();
  await el.setValue(text);
}

/** A date input takes keys in the locale's order; setting the value and firing input is what a pick does. */
async function pickDate(selector, iso) {
  await browser.execute(
    (s, v) => {
      const el = document.querySelector(s);
      el.value = v;
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
    },
    selector,
    iso,
  );
}

/** From a fresh list: the enterprise, its (only) assessment, its results. */
async function openResults() {
  await browser.refresh();
  const row = await $(`//tr[@data-testid="enterprise-row"][.//td[contains(., "${NAME}")]]`);
  await row.waitForDisplayed();
  await row.$("button.link").click();
  await $('[data-testid="open-assessment"]').click();
  await $('[data-testid="show-results"]').waitForDisplayed();
  await $('[data-testid="show-results"]').click();
  await $('[data-testid="assessment-record"]').waitForDisplayed();
}

describe("assessment record and plan editing", () => {
  let assessmentId;
  after(() => rmSync(out, { recursive: true, force: true }));

  it("opens the results of an answered draft", async () => {
    await $('[data-testid="new-enterprise"]').waitForDisplayed();
    const e = await ok("create_enterprise", {
      input: { name: NAME, creditCode: CODE, province: "320000", city: "无锡市", district: "江阴市", industry: "C34", size: "small" },
    });
    assessmentId = (await ok("create_assessment", { enterpriseId: e.id, frameworkId: "miit-2024", variant: null })).id;
    await ok("save_answer", { assessmentId, item: "jichu.equip-dig", value: { numbers: { total: "60", digital: "21" } }, note: "" });
    await ok("save_answer", { assessmentId, item: "jichu.network", value: { options: ["control-net"] }, note: "" });
    await openResults();
  });

  it("records who assessed, how and under which number", async () => {
    await $('[data-testid="assessment-record"] summary').click();
    await type('[data-testid="meta-organisation"]', "无锡智改数转服务中心");
    await type('[data-testid="meta-assessor"]', "陈澄");
    await $('[data-testid="meta-mode"]').selectByAttribute("value", "provider");
    await type('[data-testid="meta-report-no"]', "WX-ZG-2026-117");
    await $('[data-testid="meta-site-visit"]').click();
    await pickDate('[data-testid="meta-site-visit-on"]', "2026-11-20");
    await type('[data-testid="meta-documents"]', "设备台账、网络拓扑图");
    await $('[data-testid="save-meta"]').click();
    await $('[data-testid="meta-saved"]').waitForDisplayed();
    await expect($('[data-testid="record-summary"]')).toHaveText(expect.stringContaining("服务商诊断"));
    const stored = await ok("assessment_meta", { id: assessmentId });
    expect([stored.organisation, stored.assessor, stored.mode, stored.reportNo, stored.siteVisitOn]).toEqual([
      "无锡智改数转服务中心", "陈澄", "provider", "WX-ZG-2026-117", "2026-11-20",
    ]);
    await browser.execute(() => document.querySelector('[data-testid="assessment-record"]').scrollIntoView({ block: "start" }));
    await shot("24-assessment-record");
  });

  it("names an owner, a status and a budget for an action; a bad budget is refused in place", async () => {
    await $$('[data-testid="edit-action"]')[0].click();
    await $('[data-testid="action-editor"]').waitForDisplayed();
    await type('[data-testid="action-owner"]', "设备科 王澄");
    await $('[data-testid="action-status"]').selectByAttribute("value", "inProgress");
    await type('[data-testid="action-cost"]', "12万");
    await $('[data-testid="save-action"]').click();
    await $('[data-testid="action-error-cost"]').waitForDisplayed();
    await type('[data-testid="action-cost"]', "12.5");
    await expect($('[data-testid="action-error-cost"]')).not.toBeExisting();
    await browser.execute(() => document.querySelector('[data-testid="action-editor"]').scrollIntoView({ block: "center" }));
    await shot("25-action-editor");
    await $('[data-testid="save-action"]').click();
    await $('[data-testid="action-editor"]').waitForDisplayed({ reverse: true });
    const cell = $('[data-testid="action-owner-cell"]');
    await expect(cell).toHaveText(expect.stringContaining("设备科 王澄"));
    await expect(cell).toHaveText(expect.stringContaining("进行中"));
    const edits = await ok("list_roadmap_edits", { assessmentId });
    expect(edits.map((e) => [e.owner, e.status, e.cost])).toEqual([["设备科 王澄", "inProgress", "12.5"]]);
  });

  it("prints the record and the owner in the exported PDF", async () => {
    const file = path.join(out, "诊断报告.pdf");
    await answerDialogs(file);
    await $('[data-testid="export-pdf"]').click();
    await $('[data-testid="export-saved"]').waitForDisplayed({ timeout: 30000 });
    const text = pdfText(file);
    for (const must of ["无锡智改数转服务中心", "陈澄", "服务商诊断", "WX-ZG-2026-117", "设备科王澄", "设备台账、网络拓扑图"]) {
      expect(text.includes(must) ? must : `${must} missing`).toBe(must);
    }
  });

  it("「导出 Word」 writes the same report as an editable .docx", async () => {
    const file = path.join(out, "诊断报告.docx");
    await answerDialogs(file);
    await $('[data-testid="export-docx"]').click();
    await $('[data-testid="export-saved"]').waitForDisplayed({ timeout: 30000 });
    await expect($('[data-testid="export-saved"]')).toHaveText(expect.stringContaining(file));
    const xml = execFileSync("unzip", ["-p", file, "word/document.xml"], { encoding: "utf8" });
    for (const must of ["无锡智改数转服务中心", "WX-ZG-2026-117", "设备科 王澄"]) {
      expect(xml.includes(must) ? must : `${must} missing`).toBe(must);
    }
  });

  it("shows a final assessment's record and plan without letting them change", async () => {
    await ok("finalise_assessment", { id: assessmentId });
    await openResults();
    await $('[data-testid="assessment-record"] summary').click();
    await expect($('[data-testid="meta-assessor"]')).toBeDisabled();
    await expect($('[data-testid="save-meta"]')).not.toBeExisting();
    await expect($('[data-testid="edit-action"]')).not.toBeExisting();
    await expect($('[data-testid="action-owner-cell"]')).toHaveText(expect.stringContaining("设备科 王澄"));
  });
});

describe("discarding a draft opened by mistake", () => {
  it("asks first, then the draft is gone from the list and cannot be opened; a final offers no delete", async () => {
    const e = (await ok("list_enterprises")).find((o) => o.enterprise.name === NAME).enterprise;
    const blank = await ok("create_assessment", { enterpriseId: e.id, frameworkId: "miit-2024", variant: null });
    await browser.refresh();
    const row = await $(`//tr[@data-testid="enterprise-row"][.//td[contains(., "${NAME}")]]`);
    await row.waitForDisplayed();
    await row.$("button.link").click();
    await $('[data-testid="assessment-list"]').waitForDisplayed();
    expect(await $$('[data-testid="assessment-row"]')).toHaveLength(2);
    // only the draft (the second row) can be deleted
    const buttons = await $$('[data-testid="discard-assessment"]');
    expect(buttons).toHaveLength(1);
    await buttons[0].click();
    await $('[data-testid="confirm-discard"]').waitForDisplayed();
    await shot("26-confirm-discard");
    await $('[data-testid="confirm-discard-yes"]').click();
    await browser.waitUntil(async () => (await $$('[data-testid="assessment-row"]').length) === 1);
    await expect($('[data-testid="assessment-row"]')).toHaveText(expect.stringContaining("定稿"));
    const gone = await invoke("get_assessment", { id: blank.id });
    expect(gone.err.kind).toBe("notFound");
  });
});

describe("re-assessment from last time's answers", () => {
  it("「基于此评估新建」 opens a new draft whose answers read 「沿用上次，待确认」 until confirmed", async () => {
    await $('[data-testid="reassess"]').click();
    const card = '[data-testid="item-jichu.network"]';
    await $(`${card} [data-testid="to-confirm"]`).waitForDisplayed();
    await expect($(`${card} [data-testid="to-confirm"]`)).toHaveText("沿用上次，待确认");
    await browser.execute((s) => document.querySelector(s).scrollIntoView({ block: "center" }), card);
    await shot("29-carried-to-confirm");
    await $(`${card} [data-testid="confirm-unchanged"]`).click();
    await $(`${card} [data-testid="saved"]`).waitForDisplayed();
    await expect($(`${card} [data-testid="to-confirm"]`)).not.toBeExisting();
    // the other carried answer still waits
    await expect($('[data-testid="item-jichu.equip-dig"] [data-testid="to-confirm"]')).toBeExisting();
  });
});
