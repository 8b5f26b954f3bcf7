import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { fieldErrors, fixing } from "./field-errors";

describe("field errors", () => {
  it("come from a refused command's fields, not from other failures", () => {
    const refused = new ApiError({ kind: "invalidInput", message: "x", fields: [{ field: "cost", message: "不能为负数" }] });
    expect(fieldErrors(refused)).toEqual({ cost: "不能为负数" });
    expect(fieldErrors(new ApiError({ kind: "storage", message: "x", fields: [] }))).toBeNull();
    expect(fieldErrors(new Error("x"))).toBeNull();
  });

  it("clear the message of the field being typed in, and only that one", () => {
    const input = document.createElement("input");
    input.name = "cost";
    const event = new Event("input");
    input.dispatchEvent(event);
    const errors = { cost: "a", owner: "b" };
    expect(fixing(errors, event)).toEqual({ owner: "b" });
    input.name = "note";
    expect(fixing(errors, event)).toBe(errors);
  });
});
