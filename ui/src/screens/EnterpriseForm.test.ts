import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import EnterpriseForm from "./EnterpriseForm.svelte";
import { catalog } from "./test-catalog";

afterEach(() => {
  cleanup();
  clearMocks();
});

async function fillForm(container: HTMLElement, creditCode: string) {
  const set = async (name: string, value: string) =>
    fireEvent.input(container.querySelector(`[name="${name}"]`)!, { target: { value } });
  const pick = async (name: string, value: string) =>
    fireEvent.change(container.querySelector(`select[name="${name}"]`)!, { target: { value } });
  await set("name", "常州市喆堃精密机械有限公司");
  await set("creditCode", creditCode);
  await pick("province", "320000");
  await set("city", "常州市");
  await pick("size", "small");
  await pick("industry", "C34");
}

describe("EnterpriseForm", () => {
  it("shows the backend's message beside the credit-code field and does not finish", async () => {
    mockIPC((cmd) => {
      if (cmd === "enterprise_warnings") return [];
      throw {
        kind: "invalidInput",
        message: "企业信息有 1 处需要修改",
        fields: [{ field: "creditCode", message: "校验位不符：第 18 位应为「6」，实际为「7」" }],
      };
    });
    const onCreated = vi.fn();
    const { container } = render(EnterpriseForm, { catalog, onCancel: () => {}, onCreated });
    await fillForm(container, "914403001922038217");
    await fireEvent.click(screen.getByTestId("save-enterprise"));
    const message = await screen.findByTestId("error-creditCode");
    expect(message.textContent).toContain("校验位不符");
    expect(container.querySelector('[name="creditCode"]')!.getAttribute("aria-invalid")).toBe("true");
    expect(onCreated).not.toHaveBeenCalled();
  });

  it("sends the typed values and reports the created enterprise", async () => {
    let sent: any = null;
    mockIPC((cmd, args: any) => {
      if (cmd === "enterprise_warnings") return [];
      sent = args.input;
      return { id: 7, ...args.input, createdAt: "t", updatedAt: "t" };
    });
    const onCreated = vi.fn();
    const { container } = render(EnterpriseForm, { catalog, onCancel: () => {}, onCreated });
    await fillForm(container, "914403001922038216");
    await fireEvent.click(screen.getByTestId("save-enterprise"));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledOnce());
    expect(sent).toMatchObject({ creditCode: "914403001922038216", industry: "C34", size: "small" });
    expect(onCreated.mock.calls[0][0].id).toBe(7);
  });

  it("warns beside the code when it was registered in another province, and still saves", async () => {
    const asked: string[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd === "enterprise_warnings") {
        asked.push(`${args.input.creditCode}@${args.input.province}`);
        const guangdong = args.input.creditCode.startsWith("9144") && args.input.province === "320000";
        return guangdong ? [{ field: "creditCode", message: "信用代码第 3–4 位表示在广东省登记，所选省份是江苏省" }] : [];
      }
      return { id: 8, ...args.input, createdAt: "t", updatedAt: "t" };
    });
    const onCreated = vi.fn();
    const { container } = render(EnterpriseForm, { catalog, onCancel: () => {}, onCreated });
    await fillForm(container, "914403001922038216");
    expect((await screen.findByTestId("warning-creditCode")).textContent).toContain("广东省");
    expect(asked).toContain("914403001922038216@320000");
    await fireEvent.click(screen.getByTestId("save-enterprise"));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledOnce());
  });
});
