// The product flow: open an enterprise → start an MIIT 2024 assessment → answer items of
// different kinds (each shows 「已保存」 only once the backend committed it) → restart the app →
// the answers are still there → results and roadmap. Independent of enterprises.mjs: it creates
// its own enterprise (another valid credit code) and finds it by name.
import { browser, $, $$, expect } from "@wdio/globals";
import { shot } from "../app.mjs";

const NAME = "无锡镕昇智能装备有限公司";
const CODE = "91330100799655058B";

const item = (id) => `[data-testid="item-${id}"]`;

// Plain DOM scrolling: WebKitWebDriver's actions-based scrollIntoView warns on tall pages.
async function scrollTo(selector) {
  await browser.execute((s) => document.querySelector(s).scrollIntoView({ block: "start" }), selector);
}

async function savedIn(id) {
  await $(`${item(id)} [data-testid="saved"]`).waitForDisplayed({ timeout: 10000 });
}

async function openEnterprise() {
  const row = await $(`//tr[@data-testid="enterprise-row"][.//td[contains(., "${NAME}")]]`);
  await row.waitForDisplayed();
  await row.$("button.link").click();
  await $('[data-testid="enterprise-profile"]').waitForDisplayed();
}

describe("assessment questionnaire", () => {
  it("creates its own enterprise and opens its page", async () => {
    await $('[data-testid="new-enterprise"]').waitForDisplayed();
    await $('[data-testid="new-enterprise"]').click();
    await $('[data-testid="enterprise-form"]').waitForDisplayed();
    await $('[name="name"]').setValue(NAME);
    await $('[name="creditCode"]').setValue(CODE);
    await $('select[name="province"]').selectByAttribute("value", "320000");
    await $('[name="city"]').setValue("无锡市");
    await $('[name="district"]').setValue("新吴区");
    await $('select[name="size"]').selectByAttribute("value", "medium");
    await $('select[name="industry"]').selectByAttribute("value", "C35");
    await $('[data-testid="save-enterprise"]').click();
    await openEnterprise();
    await expect($('[data-testid="enterprise-profile"]')).toHaveText(expect.stringContaining(CODE));
    await expect($('[data-testid="no-assessments"]')).toBeDisplayed();
    await shot("05-enterprise-page");
  });

  it("offers the three built-in frameworks, CMMM marked 估算 with its two variants", async () => {
    await $('[data-testid="new-assessment"]').click();
    await $('[data-testid="framework-chooser"]').waitForDisplayed();
    await expect($('[data-testid="framework-cmmm-2020"]')).toHaveText(expect.stringContaining("估算"));
    await expect($('[data-testid="framework-miit-2024"]')).not.toHaveText(expect.stringContaining("估算"));
    await $('[data-testid="framework-cmmm-2020"]').click();
    await expect($('[data-testid="variant-choice"]')).toHaveText(expect.stringContaining("流程型"));
    await shot("06-framework-chooser");
    await $('[data-testid="framework-miit-2024"]').click();
    await $('[data-testid="start-assessment"]').click();
    await $(item("jichu.network")).waitForDisplayed();
  });

  it("saves answers of different kinds, each confirmed only after the backend returned", async () => {
    // multiple choice
    await $(`${item("jichu.network")} input[value="control-net"]`).click();
    await savedIn("jichu.network");
    await $(`${item("jichu.network")} input[value="app-net"]`).click();
    await savedIn("jichu.network");
    // counts → ratio and band, computed by the backend
    await $('[name="jichu.equip-dig.total"]').setValue("120");
    await $('[name="jichu.equip-dig.digital"]').setValue("54");
    await savedIn("jichu.equip-dig");
    await expect($(`${item("jichu.equip-dig")} [data-testid="computed"]`)).toHaveText(
      expect.stringContaining("45%"),
    );
    // 生产设备总数 is typed once: the next item that asks for it already has it
    expect(await $('[name="jichu.equip-net.total"]').getValue()).toBe("120");
    // an impossible figure is refused beside the item and not stored
    await $('[name="jichu.equip-net.total"]').setValue("10");
    await $('[name="jichu.equip-net.networked"]').setValue("30");
    const refused = await $(`${item("jichu.equip-net")} [data-testid="save-error"]`);
    await refused.waitForDisplayed();
    await expect(refused).toHaveText(expect.stringContaining("大于"));
    // single choice with a note
    const info = await $$(`${item("jichu.info-sys")} input[type="radio"]`);
    await info[1].click();
    await savedIn("jichu.info-sys");
    await $(`${item("jichu.info-sys")} [data-testid="note"]`).setValue("ERP 与 MES 已上线");
    await browser.pause(700);
    await savedIn("jichu.info-sys");
    await expect($('[data-testid="progress-jichu"]')).toHaveText(expect.stringContaining("3 /"));
    await scrollTo(item("jichu.network"));
    await shot("07-questionnaire");

    // scenario ladder in the next dimension
    await $('[data-testid="dimension-jingying"]').click();
    await $(`${item("jingying.design")} input[value="2"]`).click();
    await savedIn("jingying.design");
    await shot("08-ladder");
  });

  it("keeps every answer after the app restarts", async () => {
    await browser.reloadSession();
    await openEnterprise();
    await expect($('[data-testid="assessment-row"]')).toHaveText(expect.stringContaining("中小企业数字化水平评测"));
    await $('[data-testid="open-assessment"]').click();
    await $(item("jichu.network")).waitForDisplayed();
    expect(await $(`${item("jichu.network")} input[value="control-net"]`).isSelected()).toBe(true);
    expect(await $(`${item("jichu.network")} input[value="app-net"]`).isSelected()).toBe(true);
    expect(await $('[name="jichu.equip-dig.total"]').getValue()).toBe("120");
    expect(await $('[name="jichu.equip-dig.digital"]').getValue()).toBe("54");
    await expect($(`${item("jichu.equip-dig")} [data-testid="computed"]`)).toHaveText(
      expect.stringContaining("45%"),
    );
    expect(await $(`${item("jichu.info-sys")} [data-testid="note"]`).getValue()).toBe("ERP 与 MES 已上线");
    await $('[data-testid="dimension-jingying"]').click();
    expect(await $(`${item("jingying.design")} input[value="2"]`).isSelected()).toBe(true);
    await $('[data-testid="dimension-jichu"]').click();
    await shot("09-after-restart");
  });

  it("shows the provisional score, level conditions and a phased roadmap", async () => {
    await $('[data-testid="show-results"]').click();
    await $('[data-testid="score-summary"]').waitForDisplayed();
    await expect($('[data-testid="provisional"]')).toBeDisplayed();
    await $('[data-testid="dimension-chart"] svg').waitForExist();
    await expect($('[data-testid="contributions"]')).toHaveText(expect.stringContaining("45%"));
    await $('[data-testid="phase"]').waitForDisplayed();
    await expect($('[data-testid="gap-changes"]')).toHaveText(expect.stringContaining("差距"));
    await expect($('[data-testid="kpis"]')).toHaveText(expect.stringContaining("45%"));
    await shot("10-results");
    await scrollTo('[data-testid="contributions"]');
    await shot("11-contributions");
    await scrollTo('[data-testid="roadmap"]');
    // the plan's real length and, for each action, why it is there
    await expect($('[data-testid="plan-duration"]')).toHaveText(expect.stringContaining("个月"));
    await expect($('[data-testid="why"]')).toHaveText(expect.stringContaining("原因："));
    // The plant's capacity is recorded with the assessment: the plan (and its exports) follow it.
    await $('[data-testid="max-parallel"]').setValue("1");
    await browser.keys("Tab");
    await expect($('[data-testid="plan-duration"]')).toHaveText(expect.stringContaining("最多同时 1 个项目"));
    await shot("11-roadmap");
  });

  it("finalises: read-only afterwards, listed with its cached score; a revision starts from its answers", async () => {
    await scrollTo('[data-testid="finalise"]');
    await $('[data-testid="finalise"]').click();
    await $('[data-testid="confirm-finalise"]').waitForDisplayed();
    await shot("12-confirm-finalise");
    await $('[data-testid="confirm-finalise-yes"]').click();
    await $('[data-testid="revise"]').waitForDisplayed();
    // The filed plan keeps its recorded limit, which can no longer change.
    await expect($('[data-testid="plan-duration"]')).toHaveText(expect.stringContaining("最多同时 1 个项目"));
    expect(await $('[data-testid="max-parallel"]').isEnabled()).toBe(false);
    const score = await $('[data-testid="score-value"]').getText();

    await $("button.link").click(); // 返回企业
    const row = await $('[data-testid="assessment-row"]');
    await row.waitForDisplayed();
    await expect(row).toHaveText(expect.stringContaining("定稿"));
    await expect(row).toHaveText(expect.stringContaining(score));
    await expect(row).toHaveText(expect.stringContaining("未达一级"));
    await shot("13-enterprise-with-assessment");

    await $('[data-testid="open-assessment"]').click();
    await $(item("jichu.network")).waitForDisplayed();
    expect(await $(`${item("jichu.network")} input[value="5g"]`).isEnabled()).toBe(false);

    await $('[data-testid="show-results"]').click();
    await $('[data-testid="revise"]').waitForDisplayed();
    await $('[data-testid="revise"]').click();
    await $(item("jichu.network")).waitForDisplayed();
    const fiveG = await $(`${item("jichu.network")} input[value="5g"]`);
    expect(await fiveG.isEnabled()).toBe(true);
    expect(await $(`${item("jichu.network")} input[value="control-net"]`).isSelected()).toBe(true);
    await fiveG.click();
    await savedIn("jichu.network");
    await $("button.link").click();
    await expect($$('[data-testid="assessment-row"]')).toBeElementsArrayOfSize(2);
  });

  it("renders CMMM requirements on the satisfaction scale for the chosen variant", async () => {
    await $('[data-testid="new-assessment"]').click();
    await $('[data-testid="framework-cmmm-2020"]').click();
    await $('[data-testid="variant-choice"] input[value="discrete"]').click();
    await $('[data-testid="start-assessment"]').click();
    const first = await $('article[data-kind="requirements"]');
    await first.waitForDisplayed();
    await first.$('input[value="full"]').click();
    await first.$('[data-testid="saved"]').waitForDisplayed();
    await shot("14-cmmm-requirements");
    // the plan says, for each action, which requirements it meets: in words, with the answer now
    await $('[data-testid="show-results"]').click();
    await $('[data-testid="phase"]').waitForDisplayed();
    await scrollTo('[data-testid="action-requirements"]');
    await expect($('[data-testid="action-requirements"]')).toHaveText(expect.stringContaining("（现：未作答）"));
    await shot("14b-cmmm-roadmap");
  });
});
