import { describe, expect, it } from "vitest";
import type { PortfolioEntry } from "../bindings/PortfolioEntry";
import { countsByLevel, distinct, latest, matches, NO_FILTER } from "./portfolio";

const entry = (over: Partial<PortfolioEntry>): PortfolioEntry => ({
  assessmentId: 1, enterpriseId: 1, enterpriseName: "常州喆堃", creditCode: "91320412MA1QXK7P3T",
  frameworkId: "miit-2024", frameworkVersion: "2024", status: "final", updatedAt: "t",
  score: "61.475", level: "三级", province: "320000", city: "常州市", industry: "C34", ...over,
});

// newest change first, as the command returns them
const all = [
  entry({ assessmentId: 9, status: "draft", level: null, score: null }),
  entry({ assessmentId: 8, level: "三级" }),
  entry({ assessmentId: 7, level: "二级" }), // last year's final: not the latest
  entry({ assessmentId: 6, enterpriseId: 2, enterpriseName: "深圳镕昇", creditCode: "914403001922038216", province: "440000", city: "深圳市", industry: "C39", level: "二级" }),
  entry({ assessmentId: 5, enterpriseId: 2, frameworkId: "cmmm-2020", enterpriseName: "深圳镕昇", creditCode: "914403001922038216", province: "440000", city: "深圳市", industry: "C39", level: "一级（规划级）" }),
];

describe("portfolio", () => {
  it("keeps each enterprise's latest final and latest draft per framework", () => {
    expect(latest(all).map((e) => e.assessmentId)).toEqual([9, 8, 6, 5]);
  });

  it("filters by text, framework, status, level (or unscored), province and industry", () => {
    const ids = (f: Partial<typeof NO_FILTER>) => latest(all).filter((e) => matches(e, { ...NO_FILTER, ...f })).map((e) => e.assessmentId);
    expect(ids({})).toEqual([9, 8, 6, 5]);
    expect(ids({ text: "镕昇" })).toEqual([6, 5]);
    expect(ids({ text: "mA1qxk" })).toEqual([9, 8]);
    expect(ids({ framework: "cmmm-2020" })).toEqual([5]);
    expect(ids({ status: "draft" })).toEqual([9]);
    expect(ids({ level: "二级" })).toEqual([6]);
    expect(ids({ level: "-" })).toEqual([9]);
    expect(ids({ province: "440000", industry: "C39", framework: "miit-2024" })).toEqual([6]);
  });

  it("counts by level, unscored last, and lists the values a filter offers", () => {
    expect(countsByLevel(latest(all))).toEqual([["三级", 1], ["二级", 1], ["一级（规划级）", 1], ["-", 1]]);
    expect(distinct(all, "province")).toEqual(["320000", "440000"]);
    expect(distinct(all, "level")).toEqual(["一级（规划级）", "三级", "二级"]);
  });
});
