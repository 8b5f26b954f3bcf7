// Exports and imports. Native save/open dialogs cannot be driven through WebDriver, so this
// spec checks that the buttons are there, then calls the same commands the buttons call
// (through the page's IPC, as the UI does after the dialog returned a path) with paths in a
// temporary folder, and checks the files: a PDF, an xlsx (a zip), a bundle that re-imports.
import { browser, $, $$, expect } from "@wdio/globals";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { shot, invoke, ok, grant, answerDialogs, importConflicting } from "../app.mjs";

const NAME = "常州恒远精密机械有限公司";
const CODE = "91320412MA1X8Y123W";
const out = mkdtempSync(path.join(os.tmpdir(), "zhizhuan-e2e-"));

let enterpriseId;
let assessmentId;

describe("exports and imports", () => {
  after(() => rmSync(out, { recursive: true, force: true }));

  it("sets up an enterprise with an answered assessment", async () => {
    await $('[data-testid="new-enterprise"]').waitForDisplayed();
    await expect($('[data-testid="import-bundle"]')).toBeDisplayed();
    const e = await ok("create_enterprise", {
      input: {
        name: NAME, creditCode: CODE, province: "320000", city: "常州市",
        district: "新北区", industry: "C34", size: "small",
      },
    });
    enterpriseId = e.id;
    const a = await ok("create_assessment", { enterpriseId, frameworkId: "miit-2024", variant: null });
    assessmentId = a.id;
    await ok("save_answer", {
      assessmentId, item: "jichu.equip-dig", value: { numbers: { total: "80", digital: "36" } }, note: "设备台账 2025",
    });
    await ok("save_answer", { assessmentId, item: "jichu.network", value: { options: ["control-net"] }, note: "" });
  });

  it("shows 「导出数据包」 on the enterprise page and the export buttons on the results screen", async () => {
    await browser.refresh();
    const row = await $(`//tr[@data-testid="enterprise-row"][.//td[contains(., "${NAME}")]]`);
    await row.waitForDisplayed();
    await row.$("button.link").click();
    await $('[data-testid="export-bundle"]').waitForDisplayed();
    await expect($('[data-testid="export-bundle"]')).toHaveText("导出数据包");
    await $('[data-testid="open-assessment"]').click();
    await $('[data-testid="show-results"]').waitForDisplayed();
    await $('[data-testid="show-results"]').click();
    await $('[data-testid="export-panel"]').waitForDisplayed();
    await expect($('[data-testid="export-pdf"]')).toHaveText("导出 PDF 报告");
    await expect($('[data-testid="export-xlsx"]')).toHaveText("导出行动计划 (Excel)");
    await expect($('[data-testid="export-lang"]')).toHaveText(expect.stringContaining("English"));
    await browser.execute(() => document.querySelector('[data-testid="roadmap"]').scrollIntoView({ block: "start" }));
    await shot("15-export-buttons");
  });

  it("clicking 「导出 PDF 报告」 writes the chosen file and says where, with its size", async () => {
    const file = path.join(out, "按钮导出.pdf");
    await answerDialogs(file);
    await $('[data-testid="export-pdf"]').click();
    const saved = await $('[data-testid="export-saved"]');
    await saved.waitForDisplayed({ timeout: 30000 });
    await expect(saved).toHaveText(expect.stringContaining(file));
    expect(readFileSync(file).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await shot("15b-export-saved");
  });

  it("writes the PDF report in Chinese and English", async () => {
    for (const lang of ["zh", "en"]) {
      const file = path.join(out, `报告-${lang}.pdf`);
      const saved = await ok("export_report_pdf", { assessmentId, lang, target: 2, path: await grant(file, "save") });
      expect(saved.path).toBe(file);
      const bytes = readFileSync(file);
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(saved.bytes).toBe(bytes.length);
      expect(bytes.length).toBeGreaterThan(10000);
    }
  });

  it("writes the action plan as an xlsx workbook (a zip)", async () => {
    const file = path.join(out, "行动计划.xlsx");
    // A path the page names itself is refused: only a dialog's grant opens a file.
    const named = await invoke("export_action_plan", { assessmentId, lang: "zh", target: 3, path: file });
    expect(named.err.kind).toBe("invalidInput");
    expect(existsSync(file)).toBe(false);
    const saved = await ok("export_action_plan", { assessmentId, lang: "zh", target: 3, path: await grant(file, "save") });
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");
    expect(saved.bytes).toBe(statSync(file).size);
    expect(bytes.includes(Buffer.from("xl/workbook.xml"))).toBe(true);
  });

  it("names the path when it cannot write there", async () => {
    const file = path.join(out, "no-such-folder", "报告.pdf");
    const r = await invoke("export_report_pdf", { assessmentId, lang: "zh", target: 2, path: await grant(file, "save") });
    expect(r.err.kind).toBe("file");
    expect(r.err.message).toContain("no-such-folder");
  });

  it("attaches evidence files to an item, lists them in the questionnaire, removes one, refuses an oversized one", async () => {
    const ledger = path.join(out, "设备台账.csv");
    writeFileSync(ledger, "设备,数字化\n数控车床,是\n");
    const photo = path.join(out, "车间照片.jpg");
    writeFileSync(photo, Buffer.alloc(3000, 7));
    const a = await ok("attach_evidence", { assessmentId, item: "jichu.equip-dig", path: await grant(ledger, "open") });
    expect([a.originalName, a.mediaType]).toEqual(["设备台账.csv", "text/csv"]);
    const b = await ok("attach_evidence", { assessmentId, item: "jichu.equip-dig", path: await grant(photo, "open") });
    expect(b.size).toBe(3000);

    const big = path.join(out, "车间视频.mp4");
    writeFileSync(big, "");
    truncateSync(big, 256 * 1024 * 1024 + 1); // sparse: no disk used
    const refused = await invoke("attach_evidence", { assessmentId, item: "jichu.equip-dig", path: await grant(big, "open") });
    expect(refused.err.kind).toBe("invalidInput");
    expect(refused.err.message).toContain("超过证据文件上限");

    await browser.refresh();
    const row = await $(`//tr[@data-testid="enterprise-row"][.//td[contains(., "${NAME}")]]`);
    await row.waitForDisplayed();
    await row.$("button.link").click();
    await $('[data-testid="open-assessment"]').waitForDisplayed();
    await $('[data-testid="open-assessment"]').click();
    const card = '[data-testid="item-jichu.equip-dig"]';
    await $(`${card} [data-testid="evidence-file"]`).waitForDisplayed();
    const names = await $$(`${card} [data-testid="evidence-file"]`).map((el) => el.getText());
    expect(names).toHaveLength(2);
    expect(names[0]).toContain("设备台账.csv");
    expect(names[1]).toContain("车间照片.jpg");
    expect(names[1]).toContain("3 KB");
    await expect($(`${card} [data-testid="attach-evidence"]`)).toBeDisplayed();
    await browser.execute((s) => document.querySelector(s).scrollIntoView({ block: "start" }), card);
    await shot("16-evidence-files");

    // 移除 in the UI detaches the photo; the list and the backend agree.
    await $$(`${card} [data-testid="remove-evidence"]`)[1].click();
    await browser.waitUntil(async () => (await $$(`${card} [data-testid="evidence-file"]`).length) === 1);
    const listed = await ok("list_evidence", { assessmentId });
    expect(listed.map((e) => e.originalName)).toEqual(["设备台账.csv"]);
  });

  it("exports the enterprise as a bundle that re-imports (merge: unchanged) and refuses a bad one", async () => {
    const file = path.join(out, "恒远.zip");
    const exported = await ok("export_enterprise_bundle", { enterpriseId, path: await grant(file, "save") });
    expect([exported.assessments, exported.evidenceFiles]).toEqual([1, 2]);
    expect(readFileSync(file).subarray(0, 2).toString("latin1")).toBe("PK");

    // Granted for writing, the bundle cannot be read through the same grant: open needs its own.
    const wrongPurpose = await invoke("import_bundle", { path: await grant(file, "save"), mode: "refuse" });
    expect(wrongPurpose.err.kind).toBe("invalidInput");
    const opened = await grant(file, "open");
    const refused = await invoke("import_bundle", { path: opened, mode: "refuse" });
    expect(refused.err.kind).toBe("conflict");
    expect(refused.err.message).toContain(CODE);
    const merged = await ok("import_bundle", { path: opened, mode: "merge" });
    expect(merged.enterpriseId).toBe(enterpriseId);
    expect(merged.assessments.map((a) => a.outcome)).toEqual(["unchanged"]);

    // The real button: the enterprise exists, so it asks; 合并 imports and reports what it did.
    await browser.refresh();
    await importConflicting(file, NAME, "import-merge");
    await expect($('[data-testid="import-summary"]')).toHaveText(expect.stringContaining("已存在（未变）"));
    await shot("18-import-summary");

    const bad = path.join(out, "坏的数据包.zip");
    writeFileSync(bad, "not a zip at all");
    const r = await invoke("import_bundle", { path: await grant(bad, "open"), mode: "refuse" });
    expect(r.err.kind).toBe("invalidInput");
    expect(r.err.message).toContain("坏的数据包.zip");
    await answerDialogs(bad);
    await $('[data-testid="import-bundle"]').click();
    await $('[data-testid="import-error"]').waitForDisplayed();
    await expect($('[data-testid="import-error"]')).toHaveText(expect.stringContaining("坏的数据包.zip"));
    await shot("19-import-refused");
  });
});

describe("assessment history and comparison", () => {
  it("lists both assessments and compares them: score, level, dimensions, items improved and worsened", async () => {
    await ok("finalise_assessment", { id: assessmentId });
    const again = await ok("create_assessment", { enterpriseId, frameworkId: "miit-2024", variant: null });
    await ok("save_answer", {
      assessmentId: again.id, item: "jichu.equip-dig", value: { numbers: { total: "80", digital: "72" } }, note: "",
    });
    await ok("save_answer", { assessmentId: again.id, item: "jichu.network", value: { options: ["none"] }, note: "" });

    await browser.refresh();
    const row = await $(`//tr[@data-testid="enterprise-row"][.//td[contains(., "${NAME}")]]`);
    await row.waitForDisplayed();
    await row.$("button.link").click();
    await $('[data-testid="assessment-list"]').waitForDisplayed();
    const rows = await $$('[data-testid="assessment-row"]');
    expect(rows).toHaveLength(2);
    await expect(rows[1]).toHaveText(expect.stringContaining("定稿"));
    const ticks = await $$('[data-testid="compare-tick"]');
    await ticks[0].click();
    await ticks[1].click();
    await $('[data-testid="compare"]').click();
    await $('[data-testid="comparison"]').waitForDisplayed();
    await expect($('[data-testid="improved"]')).toHaveText(expect.stringContaining("设备"));
    await expect($('[data-testid="worsened"]')).toHaveText(expect.stringContaining("网络"));
    await expect($('[data-testid="score-change"]')).toHaveText(expect.stringMatching(/[+−±]/));
    await browser.execute(() => document.querySelector('[data-testid="assessment-list"]').scrollIntoView({ block: "start" }));
    await shot("17-comparison");
  });
});
