// The answered count shown on the list, the enterprise page and in the questionnaire.
import { describe, expect, it } from "vitest";
import type { Framework } from "../bindings/Framework";
import type { Item } from "../bindings/Item";
import { isDone, itemsFor, progressOf, variantOf } from "./progress";
import { multiple, requirements, single } from "../questionnaire/test-items";

const text = (s: string) => ({ zh: s, en: s });
const only = (item: Item, variants: string[]): Item => ({ ...item, id: `${item.id}-${variants[0]}`, variants });
const framework = {
  variants: [{ id: "discrete", title: text("离散型") }, { id: "process", title: text("流程型") }],
  dimensions: [
    {
      id: "d", variants: ["discrete", "process"],
      indicators: [{ id: "d.i", variants: ["discrete", "process"], items: [single, multiple, requirements, only(single, ["process"])] }],
    },
  ],
} as unknown as Framework;

describe("progress", () => {
  it("counts only the items of the assessment's variant", () => {
    expect(itemsFor(framework, "discrete").map((i) => i.id)).toEqual(["s", "m", "r"]);
    // test-items apply to discrete and manufacturing, not process: only the process copy is asked
    expect(itemsFor(framework, "process").map((i) => i.id)).toEqual(["s-process"]);
  });

  it("takes a requirements item as answered once every requirement of the variant is", () => {
    expect(isDone(requirements, "discrete", { requirements: { "L1.1": "full" } })).toBe(false);
    // L1.2 is a process requirement: the discrete answer need not cover it
    expect(isDone(requirements, "discrete", { requirements: { "L1.1": "full", "L2.1": "none" } })).toBe(true);
    expect(isDone(requirements, "discrete", "na")).toBe(true);
    expect(isDone(single, "discrete", undefined)).toBe(false);
    expect(isDone(single, "discrete", null)).toBe(false);
    expect(isDone(multiple, "discrete", { options: ["none"] })).toBe(true);
  });

  it("counts answered over asked, ignoring answers to items not asked", () => {
    const answers = [
      { item: "s", value: { option: "a" } },
      { item: "r", value: { requirements: { "L1.1": "full" } } }, // partial: not yet
      { item: "s-process", value: { option: "b" } }, // another variant's item
    ] as const;
    expect(progressOf(framework, "discrete", [...answers])).toEqual({ answered: 1, total: 3 });
  });

  it("falls back to the framework's first variant when none was stored", () => {
    expect(variantOf(framework, null)).toBe("discrete");
    expect(variantOf(framework, "process")).toBe("process");
  });
});
