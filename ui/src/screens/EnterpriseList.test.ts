import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import EnterpriseList from "./EnterpriseList.svelte";
import { catalog } from "./test-catalog";

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("EnterpriseList", () => {
  it("explains what to do when there is no enterprise yet", async () => {
    mockIPC(() => []);
    render(EnterpriseList, { catalog, onCreate: () => {} });
    const empty = await screen.findByTestId("empty-state");
    expect(empty.textContent).toContain("还没有企业");
    expect(empty.textContent).toContain("统一社会信用代码");
  });

  it("lists enterprises with labels instead of codes", async () => {
    mockIPC(() => [
      {
        id: 1, name: "无锡镕昇", creditCode: "91330100799655058B", province: "320000",
        city: "无锡市", district: "新吴区", industry: "C34", size: "small", createdAt: "t", updatedAt: "t",
      },
    ]);
    render(EnterpriseList, { catalog, onCreate: () => {} });
    const rows = await screen.findAllByTestId("enterprise-row");
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain("江苏省 · 无锡市 · 新吴区");
    expect(rows[0].textContent).toContain("通用设备制造业");
    expect(rows[0].textContent).toContain("小型");
  });

  it("badges the enterprises kept as copies with the same credit code, and only those", async () => {
    const enterprise = (id: number, name: string, creditCode: string) => ({
      id, name, creditCode, province: "320000", city: "常州市", district: "", industry: "C34", size: "small",
      createdAt: "t", updatedAt: "t",
    });
    mockIPC((cmd) => {
      if (cmd === "list_enterprises") {
        return [
          enterprise(1, "无锡镕昇", "91330100799655058B"),
          enterprise(2, "常州喆堃", "914403001922038216"),
          enterprise(3, "无锡镕昇（副本）", "91330100799655058B"),
        ];
      }
      return [];
    });
    render(EnterpriseList, { catalog, onCreate: () => {} });
    const rows = await screen.findAllByTestId("enterprise-row");
    const badgeOf = (row: HTMLElement) => row.querySelector('[data-testid="shared-credit-code"]');
    expect(rows.map((r) => badgeOf(r)?.textContent?.trim() ?? null)).toEqual(["重复信用代码", null, "重复信用代码"]);
    expect(badgeOf(rows[0])!.getAttribute("title")).toBe("另有 1 家企业使用同一统一社会信用代码（导入时保留为副本）");
  });
});
