import { describe, expect, it } from "vitest";
import { budget, editsByAction, statusKey, STATUSES } from "./plan-edits";
import { en } from "../i18n/en";
import { zh } from "../i18n/zh";

describe("plan edits", () => {
  it("take a budget only as an exact amount in 万元", () => {
    expect(budget("")).toBeNull();
    expect(budget("  ")).toBeNull();
    expect(budget("12.5")).toBe("12.5");
    expect(budget(" 30 ")).toBe("30");
    for (const bad of ["-1", "1,5", "十万", "12万", "1e3", "1.", ".5", "0.12345"]) expect(budget(bad), bad).toBeUndefined();
  });

  it("label every status in both languages, distinctly, and offer the three a plan moves through", () => {
    const all = ["planned", "inProgress", "done", "dropped"] as const;
    for (const cat of [zh, en]) expect(new Set(all.map((s) => cat[statusKey(s)])).size).toBe(all.length);
    expect(STATUSES.map(([s]) => zh[statusKey(s)])).toEqual(["未开始", "进行中", "已完成"]);
    expect(zh[statusKey("inProgress")]).toBe("进行中");
    expect(en[statusKey("done")]).toBe("Done");
  });

  it("find an action's edit by its id", () => {
    const edit = { assessmentId: 1, action: "a2", owner: "王工", startDate: null, dueDate: null, cost: null, status: "done" as const, note: "", updatedBy: "", updatedAt: "" };
    expect(editsByAction([edit])["a2"]?.owner).toBe("王工");
    expect(editsByAction([edit])["a1"]).toBeUndefined();
  });
});
