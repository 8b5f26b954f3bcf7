import { describe, expect, it } from "vitest";
import { sharedCreditCodes, sharedCreditCodeNote } from "./duplicates";

describe("sharedCreditCodes", () => {
  it("marks every enterprise whose code another one uses, with how many others", () => {
    const shared = sharedCreditCodes([
      { id: 1, creditCode: "91330100799655058B" },
      { id: 2, creditCode: "914403001922038216" },
      { id: 3, creditCode: "91330100799655058B" },
      { id: 4, creditCode: "91330100799655058B" },
    ]);
    expect([...shared.entries()].sort((a, b) => a[0] - b[0])).toEqual([[1, 2], [3, 2], [4, 2]]);
  });

  it("marks nothing when every code is unique", () => {
    expect(sharedCreditCodes([
      { id: 1, creditCode: "91330100799655058B" },
      { id: 2, creditCode: "914403001922038216" },
    ]).size).toBe(0);
  });

  it("says how many others share the code", () => {
    expect(sharedCreditCodeNote(1)).toBe("另有 1 家企业使用同一统一社会信用代码（导入时保留为副本）");
  });
});
