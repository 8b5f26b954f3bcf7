import { describe, expect, it } from "vitest";
import { num, span } from "./labels";

describe("span", () => {
  it("shows one value when both ends are equal", () => {
    expect(span(1, 1)).toBe("1");
    expect(span("0.50", "0.5")).toBe("0.5");
  });
  it("shows a range otherwise, ends as num writes them", () => {
    expect(span(1, 3)).toBe("1–3");
    expect(span("0", "8.50")).toBe("0–8.5");
    expect(num("8.50")).toBe("8.5");
  });
});
