import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import EvidenceFiles from "./EvidenceFiles.svelte";
import type { Evidence } from "../bindings/Evidence";

afterEach(() => {
  cleanup();
  clearMocks();
});

const ledger: Evidence = {
  id: 11, assessmentId: 3, item: "jichu.equip-dig", sha256: "ab".repeat(32), originalName: "设备台账.xlsx",
  mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", size: 48 * 1024,
  addedBy: "", addedAt: "2025-03-01T08:00:00Z", removedAt: null,
};

describe("EvidenceFiles", () => {
  it("attaches the chosen file to its item and lists it with name and size; 移除 detaches it", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === "choose_open_path") return "grant:7";
      if (cmd === "attach_evidence") return ledger;
      if (cmd === "remove_evidence") return null;
    });
    render(EvidenceFiles, { props: { assessmentId: 3, item: "jichu.equip-dig" } });
    await fireEvent.click(screen.getByTestId("attach-evidence"));
    const row = await screen.findByTestId("evidence-file");
    expect(row.textContent).toContain("设备台账.xlsx");
    expect(row.textContent).toContain("48 KB");
    expect(calls.find((c) => c.cmd === "attach_evidence")!.args).toEqual({
      assessmentId: 3, item: "jichu.equip-dig", path: "grant:7",
    });
    await fireEvent.click(screen.getByTestId("remove-evidence"));
    await expect.poll(() => screen.queryByTestId("evidence-file")).toBeNull();
    expect(calls.find((c) => c.cmd === "remove_evidence")!.args).toEqual({ id: 11 });
  });

  it("shows the size-limit message and keeps the list as it was", async () => {
    mockIPC((cmd) => {
      if (cmd === "choose_open_path") return "grant:8";
      if (cmd === "attach_evidence") {
        throw {
          kind: "invalidInput",
          message: "file 的值「车间视频.mp4」无效：文件大小 300.0 MB，超过证据文件上限 256.0 MB；请压缩或拆分后再添加",
          fields: [{ field: "file", message: "文件大小 300.0 MB，超过证据文件上限 256.0 MB" }],
        };
      }
    });
    render(EvidenceFiles, { props: { assessmentId: 3, item: "x", attachments: [ledger] } });
    await fireEvent.click(screen.getByTestId("attach-evidence"));
    const err = await screen.findByTestId("evidence-error");
    expect(err.textContent).toContain("超过证据文件上限 256.0 MB");
    expect(screen.getAllByTestId("evidence-file")).toHaveLength(1);
  });

  it("is read-only on a final assessment: no add or remove", () => {
    render(EvidenceFiles, { props: { assessmentId: 3, item: "x", attachments: [ledger], readonly: true } });
    expect(screen.getByTestId("evidence-file").textContent).toContain("设备台账.xlsx");
    expect(screen.queryByTestId("attach-evidence")).toBeNull();
    expect(screen.queryByTestId("remove-evidence")).toBeNull();
  });
});
