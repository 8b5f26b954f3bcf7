import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import EnterpriseList from "./EnterpriseList.svelte";
import { catalog } from "./test-catalog";
import { ladder, multiple, single } from "../questionnaire/test-items";

afterEach(() => {
  cleanup();
  clearMocks();
});

const enterprise = (id: number, name: string, creditCode: string) => ({
  id, name, creditCode, province: "320000", city: "无锡市", district: "新吴区", industry: "C34", size: "small",
  createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z",
});

/** A row of `list_enterprises`: an enterprise without assessments, not a copy, unless overridden. */
const row = (e: ReturnType<typeof enterprise>, over: Record<string, unknown> = {}) => ({
  enterprise: e, duplicateOf: null, sharedCreditCode: 0, assessments: 0, latest: null, ...over,
});

const frameworks = [
  { id: "miit-2024", title: { zh: "中小企业数字化水平评测指标（2024年版）", en: "" }, totalPoints: "100", levels: [{ zh: "三级", en: "Level 3" }] },
  { id: "cmmm-2020", title: { zh: "智能制造能力成熟度", en: "" }, totalPoints: null, levels: [{ zh: "二级", en: "Level 2" }] },
];

describe("EnterpriseList", () => {
  it("explains what to do when there is no enterprise yet", async () => {
    mockIPC(() => []);
    render(EnterpriseList, { catalog, onCreate: () => {} });
    const empty = await screen.findByTestId("empty-state");
    expect(empty.textContent).toContain("还没有企业");
    expect(empty.textContent).toContain("统一社会信用代码");
  });

  it("lists enterprises with labels instead of codes", async () => {
    mockIPC((cmd) => (cmd === "list_enterprises" ? [row(enterprise(1, "无锡镕昇", "91330100799655058B"))] : []));
    render(EnterpriseList, { catalog, onCreate: () => {} });
    const rows = await screen.findAllByTestId("enterprise-row");
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain("江苏省 · 无锡市 · 新吴区");
    expect(rows[0].textContent).toContain("通用设备制造业");
    expect(rows[0].textContent).toContain("小型");
  });

  it("shows each enterprise's latest assessment: level, score, status, framework, date and count", async () => {
    const latest = {
      id: 7, uid: "u", enterpriseId: 1, frameworkId: "miit-2024", frameworkVersion: "2024", frameworkHash: "",
      variant: null, assessor: "", status: "final", previousId: null, createdAt: "2026-10-01T02:00:00Z",
      updatedAt: "2026-10-12T02:00:00Z", finalisedAt: "2026-10-12T02:00:00Z", score: "61.50", level: "三级",
    };
    mockIPC((cmd) => {
      if (cmd === "list_enterprises") {
        return [
          row(enterprise(1, "无锡镕昇", "91330100799655058B"), { assessments: 2, latest }),
          row(enterprise(2, "常州喆堃", "914403001922038216"), {
            assessments: 1, latest: { ...latest, id: 8, status: "draft", score: null, level: null },
          }),
          row(enterprise(3, "苏州汇铖", "91320505MA1Q7K4R2F")),
          row(enterprise(4, "南通恒远", "91320600MA1X8Y123W"), {
            assessments: 1, latest: { ...latest, id: 9, frameworkId: "cmmm-2020", score: "2.0167", level: "二级" },
          }),
        ];
      }
      return cmd === "list_frameworks" ? frameworks : [];
    });
    render(EnterpriseList, { catalog, onCreate: () => {} });
    const cells = (await screen.findAllByTestId("latest-assessment")).map((c) => c.textContent!.replace(/\s+/g, " ").trim());
    expect(cells[0]).toBe("三级 · 61.5 分 定稿 2026-10-12 · 共 2 次 · 中小企业数字化水平评测指标（2024年版）");
    expect(cells[1]).toBe("未评分 草稿 2026-10-12 · 中小企业数字化水平评测指标（2024年版）");
    expect(cells[2]).toBe("尚无评估");
    // a maturity score is not in 分
    expect(cells[3]).toBe("二级 · 得分 2.0167 定稿 2026-10-12 · 智能制造能力成熟度");
  });

  it("says how far each latest assessment is answered, reading each framework once", async () => {
    const latest = {
      id: 7, uid: "u", enterpriseId: 1, frameworkId: "fw", frameworkVersion: "1", frameworkHash: "",
      variant: "discrete", assessor: "", status: "draft", previousId: null, createdAt: "2026-10-01T02:00:00Z",
      updatedAt: "2026-10-12T02:00:00Z", finalisedAt: null, score: null, level: null,
    };
    const framework = {
      variants: [{ id: "discrete" }],
      dimensions: [{ id: "d", variants: ["discrete"], indicators: [{ id: "d.i", variants: ["discrete"], items: [single, multiple, ladder] }] }],
    };
    const reads: string[] = [];
    mockIPC((cmd, args: any) => {
      reads.push(cmd);
      if (cmd === "list_enterprises") {
        return [
          row(enterprise(1, "无锡镕昇", "91330100799655058B"), { assessments: 1, latest }),
          row(enterprise(2, "常州喆堃", "914403001922038216"), { assessments: 1, latest: { ...latest, id: 8 } }),
        ];
      }
      if (cmd === "get_framework") return framework;
      if (cmd === "list_answers") return args.assessmentId === 7 ? [{ item: "s", value: { option: "a" } }] : [];
      return [];
    });
    render(EnterpriseList, { catalog, onCreate: () => {} });
    await waitFor(() => expect(screen.getAllByTestId("latest-progress")).toHaveLength(2));
    expect(screen.getAllByTestId("latest-progress").map((c) => c.textContent!.trim())).toEqual(["已答 1 / 3", "已答 0 / 3"]);
    expect(reads.filter((c) => c === "get_framework")).toHaveLength(1);
  });

  it("badges the enterprises sharing a credit code, and marks the copy with its original's name", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_enterprises") {
        return [
          row(enterprise(1, "无锡镕昇", "91330100799655058B"), { sharedCreditCode: 1 }),
          row(enterprise(2, "常州喆堃", "914403001922038216")),
          row(enterprise(3, "无锡镕昇", "91330100799655058B"), { sharedCreditCode: 1, duplicateOf: 1 }),
        ];
      }
      return [];
    });
    render(EnterpriseList, { catalog, onCreate: () => {} });
    const rows = await screen.findAllByTestId("enterprise-row");
    const badge = (row: HTMLElement, id: string) => row.querySelector(`[data-testid="${id}"]`);
    expect(rows.map((r) => badge(r, "shared-credit-code")?.textContent?.trim() ?? null)).toEqual(["重复信用代码", null, "重复信用代码"]);
    expect(badge(rows[0], "shared-credit-code")!.getAttribute("title")).toBe("另有 1 家企业使用同一统一社会信用代码（导入时保留为副本）");
    expect(rows.map((r) => badge(r, "copy-of")?.textContent?.trim() ?? null)).toEqual([null, null, "副本"]);
    expect(badge(rows[2], "copy-of")!.getAttribute("title")).toBe("导入数据包时与「无锡镕昇」分开保存的副本");
  });

  it("narrows the list to the enterprises whose name, code, region or industry has the typed text", async () => {
    mockIPC((cmd) =>
      cmd === "list_enterprises"
        ? [
            row(enterprise(1, "无锡镕昇", "91330100799655058B")),
            row({ ...enterprise(2, "常州喆堃", "914403001922038216"), city: "常州市" }),
            row(enterprise(3, "苏州汇铖", "91320505MA1Q7K4R2F")),
          ]
        : [],
    );
    render(EnterpriseList, { catalog, onCreate: () => {} });
    await screen.findAllByTestId("enterprise-row");
    const filter = screen.getByTestId("enterprise-filter");
    const names = () => screen.queryAllByTestId("enterprise-row").map((r) => r.querySelector("button")!.textContent);

    await fireEvent.input(filter, { target: { value: "镕昇" } });
    expect(names()).toEqual(["无锡镕昇"]);
    // a code's letters match in either case
    await fireEvent.input(filter, { target: { value: "ma1q" } });
    expect(names()).toEqual(["苏州汇铖"]);
    await fireEvent.input(filter, { target: { value: "常州" } });
    expect(names()).toEqual(["常州喆堃"]);
    expect(screen.getByTestId("filter-count").textContent).toBe("1 / 3 家");
    await fireEvent.input(filter, { target: { value: "没有这家" } });
    expect(names()).toEqual([]);
    expect(screen.getByTestId("no-match").textContent).toContain("没有符合「没有这家」的企业");
    await fireEvent.input(filter, { target: { value: " " } });
    expect(names()).toHaveLength(3);
    expect(screen.queryByTestId("filter-count")).toBeNull();
  });
});
