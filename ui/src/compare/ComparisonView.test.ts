import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import EnterpriseDetail from "../screens/EnterpriseDetail.svelte";
import { catalog } from "../screens/test-catalog";

afterEach(() => {
  cleanup();
  clearMocks();
});

const t = (zh: string) => ({ zh, en: zh });
const level = (rank: number, name: string) => ({ rank, id: `l${rank}`, name: t(name), alias: null, estimate: false });
const assessment = (id: number, frameworkId: string, status: string, score: string, lvl: string) => ({
  id, uid: `u${id}`, enterpriseId: 1, frameworkId, frameworkVersion: "2024", frameworkHash: "", variant: "manufacturing",
  assessor: "", status, previousId: null, createdAt: `2025-0${id}-01T00:00:00Z`, updatedAt: `2025-0${id}-02T00:00:00Z`,
  finalisedAt: status === "final" ? "2025-01-02T00:00:00Z" : null, score, level: lvl,
});

const comparison = {
  scores: {
    framework: "miit-2024", method: "points",
    before: { version: "2024", score: "38.5", scoreExact: true, max: "100", level: level(0, "未达一级"), provisional: false },
    after: { version: "2024", score: "52", scoreExact: true, max: "100", level: level(1, "一级"), provisional: true },
    scoreChange: "13.5", scoreChangeExact: true, levelChange: 1,
    dimensions: [
      { id: "jichu", title: t("数字化基础"), before: "10", after: "16", max: "30", change: "6" },
      { id: "jingying", title: t("数字化经营"), before: "0", after: "0", max: "0", change: "0" },
    ],
    improved: [{
      id: "jichu.equip-dig", title: t("设备数字化率"), dimension: "jichu", beforeStatus: "answered", afterStatus: "answered",
      beforePoints: "1", afterPoints: "4", pointsChange: "3", beforeText: t("10 ÷ 100 = 10%"), afterText: t("60 ÷ 100 = 60%"),
    }],
    worsened: [{
      id: "jichu.network", title: t("网络建设"), dimension: "jichu", beforeStatus: "answered", afterStatus: "answered",
      beforePoints: "4", afterPoints: "2", pointsChange: "-2", beforeText: t("两种"), afterText: t("一种"),
    }],
    unchanged: 20, unmatched: [],
  },
  answers: {
    earlier: 1, later: 3, sameEnterprise: true, sameFramework: true, frameworkVersions: ["2024", "2024"],
    versionDiffers: false, hashDiffers: null, scoreChange: "13.5", changes: [{ item: "a" }, { item: "b" }],
  },
};

describe("assessment history and comparison", () => {
  it("lists the history, compares two of one framework (older first) and shows what changed", async () => {
    let asked: unknown = null;
    mockIPC((cmd, args) => {
      if (cmd === "get_enterprise") return { id: 1, name: "无锡镕昇", creditCode: "91330100799655058B", province: "320000", city: "无锡市", district: "", industry: "C34", size: "small", createdAt: "2025-01-01T00:00:00Z", updatedAt: "" };
      if (cmd === "list_assessments") return [assessment(3, "miit-2024", "draft", "52", "一级"), assessment(2, "cmmm-2020", "draft", "1.2", "一级"), assessment(1, "miit-2024", "final", "38.5", "未达一级")];
      if (cmd === "list_frameworks") return [{ id: "miit-2024", title: t("中小企业数字化水平评测"), variants: [{ id: "manufacturing", title: t("制造业") }], levels: [t("三级")] }];
      if (cmd === "compare_assessments") {
        asked = args;
        return comparison;
      }
    });
    render(EnterpriseDetail, { props: { catalog, enterpriseId: 1, onBack: () => {}, onOpen: () => {} } });
    const rows = await screen.findAllByTestId("assessment-row");
    expect(rows).toHaveLength(3);
    expect(rows[2].textContent).toContain("38.5");
    expect(rows[2].textContent).toContain("定稿");

    const ticks = screen.getAllByTestId("compare-tick");
    await fireEvent.click(ticks[0]);
    await fireEvent.click(ticks[1]);
    expect(screen.getByTestId("compare-hint").textContent).toContain("同一评估框架");
    expect((screen.getByTestId("compare") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(ticks[1]);
    await fireEvent.click(ticks[2]);
    await fireEvent.click(screen.getByTestId("compare"));

    const view = await screen.findByTestId("comparison");
    expect(asked).toEqual({ earlier: 1, later: 3 });
    expect(screen.getByTestId("score-change").textContent).toContain("+13.5 分");
    expect(screen.getByTestId("score-change").textContent).toContain("升一级");
    expect(view.textContent).toContain("38.5");
    expect(view.textContent).toContain("一级");
    const dims = within(screen.getByTestId("dimension-changes"));
    expect(dims.getByText("+6")).toBeTruthy();
    expect(dims.getByText(/不计分/)).toBeTruthy();
    expect(screen.getByTestId("improved").textContent).toContain("设备数字化率+3");
    expect(screen.getByTestId("worsened").textContent).toContain("网络建设−2");
    expect(view.textContent).toContain("另有 20 道题得分不变；两次共有 2 道题的答案不同");
  });
});
