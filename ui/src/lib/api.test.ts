import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, ApiError } from "./api";

afterEach(() => clearMocks());

describe("api", () => {
  it("passes arguments under the command's parameter names", async () => {
    let seen: { cmd: string; args: unknown } | null = null;
    mockIPC((cmd, args) => {
      seen = { cmd, args };
      return { id: 1, name: "甲" };
    });
    const input = {
      name: "甲", creditCode: "914403001922038216", province: "320000",
      city: "常州市", district: "", industry: "C34", size: "small",
    };
    await api.createEnterprise(input);
    expect(seen).toEqual({ cmd: "create_enterprise", args: { input } });
  });

  it("turns a {kind, message, fields} rejection into an ApiError with field messages", async () => {
    mockIPC(() => {
      throw { kind: "invalidInput", message: "企业信息有 1 处需要修改", fields: [{ field: "creditCode", message: "校验位不符" }] };
    });
    const err = await api.listEnterprises().catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.kind).toBe("invalidInput");
    expect(err.fieldMessage("creditCode")).toBe("校验位不符");
    expect(err.fieldMessage("name")).toBeUndefined();
  });

  it("wraps an unexpected rejection as an internal error", async () => {
    mockIPC(() => {
      throw "boom";
    });
    const err = await api.catalog().catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.kind).toBe("internal");
    expect(err.message).toBe("boom");
  });
});
