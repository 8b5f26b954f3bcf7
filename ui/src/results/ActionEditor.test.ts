import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import ActionEditor from "./ActionEditor.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

type Call = { cmd: string; args: Record<string, unknown> };

/** The backend: refuses a finish before the start as the store does, else echoes the edit. */
function backend(): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> });
    const edit = (args as { edit: Record<string, unknown> }).edit;
    if (edit.startDate && edit.dueDate && String(edit.dueDate) < String(edit.startDate)) {
      throw { kind: "invalidInput", message: "完成日期早于开始日期", fields: [{ field: "dueDate", message: "完成日期早于开始日期" }] };
    }
    return { ...edit, assessmentId: 7, updatedBy: "", updatedAt: "2026-12-06T00:00:00Z" };
  });
  return calls;
}

function open(onSaved = vi.fn()) {
  const props = { assessmentId: 7, action: "act-network-policy", title: "制定网络安全管理制度", costRange: "0–1", edit: undefined, onSaved, onCancel: vi.fn() };
  render(ActionEditor, { props });
  return onSaved;
}

describe("ActionEditor", () => {
  it("sends owner, dates, the exact budget and the status, and hands back what was stored", async () => {
    const calls = backend();
    const onSaved = open();
    await fireEvent.input(screen.getByTestId("action-owner"), { target: { value: "  设备科 王工 " } });
    await fireEvent.change(screen.getByTestId("action-status"), { target: { value: "done" } });
    await fireEvent.input(screen.getByTestId("action-start"), { target: { value: "2027-03-01" } });
    await fireEvent.input(screen.getByTestId("action-cost"), { target: { value: "12.50" } });
    await fireEvent.submit(screen.getByTestId("action-editor"));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(calls.map((c) => c.args)).toEqual([
      {
        assessmentId: 7,
        edit: { action: "act-network-policy", owner: "设备科 王工", startDate: "2027-03-01", dueDate: null, cost: "12.50", status: "done", note: "" },
      },
    ]);
  });

  it("refuses a budget with a unit before sending, and clears the message when it is fixed", async () => {
    const calls = backend();
    open();
    await fireEvent.input(screen.getByTestId("action-cost"), { target: { value: "12万" } });
    await fireEvent.submit(screen.getByTestId("action-editor"));
    expect((await screen.findByTestId("action-error-cost")).textContent).toContain("12.5");
    expect(calls).toEqual([]);
    await fireEvent.input(screen.getByTestId("action-cost"), { target: { value: "12" } });
    expect(screen.queryByTestId("action-error-cost")).toBeNull();
  });

  it("shows the backend's message beside the field it names", async () => {
    backend();
    const onSaved = open();
    await fireEvent.input(screen.getByTestId("action-start"), { target: { value: "2027-05-01" } });
    await fireEvent.input(screen.getByTestId("action-due"), { target: { value: "2027-04-01" } });
    await fireEvent.submit(screen.getByTestId("action-editor"));
    expect((await screen.findByTestId("action-error-dueDate")).textContent).toBe("完成日期早于开始日期");
    expect(onSaved).not.toHaveBeenCalled();
  });
});
