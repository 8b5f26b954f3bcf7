import { describe, expect, it } from "vitest";
import type { Assessment } from "../bindings/Assessment";
import { changeText, levelChangeText, pickPair, toggle, trend } from "./selection";

const a = (id: number, frameworkId: string) => ({ id, frameworkId }) as Assessment;

describe("comparison selection", () => {
  it("needs exactly two assessments of one framework, the older first", () => {
    expect(pickPair([a(1, "miit-2024")])).toEqual({ ok: false, reason: "请勾选两次评估进行对比" });
    expect(pickPair([a(1, "miit-2024"), a(2, "cmmm-2020")])).toMatchObject({ ok: false, reason: expect.stringContaining("同一评估框架") });
    const p = pickPair([a(7, "miit-2024"), a(3, "miit-2024")]);
    expect(p.ok && [p.earlier.id, p.later.id]).toEqual([3, 7]);
  });

  it("keeps the two most recently ticked", () => {
    expect(toggle([], 1)).toEqual([1]);
    expect(toggle([1, 2], 3)).toEqual([2, 3]);
    expect(toggle([2, 3], 2)).toEqual([3]);
  });

  it("reads exact decimal changes with their sign", () => {
    expect([trend("1.5000"), trend("-2"), trend("0"), trend("0.0000")]).toEqual(["up", "down", "same", "same"]);
    expect([changeText("1.5000"), changeText("-2"), changeText("0")]).toEqual(["+1.5", "−2", "±0"]);
    expect([levelChangeText(2), levelChangeText(-1), levelChangeText(0)]).toEqual(["升两级", "降一级", "等级不变"]);
  });
});
