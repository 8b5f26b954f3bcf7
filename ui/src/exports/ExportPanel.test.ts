import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import ExportPanel from "./ExportPanel.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

type Call = { cmd: string; args: Record<string, unknown> };

function backend(dialogAnswer: string | null, exportResult: () => unknown): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> });
    if (cmd === "get_enterprise") return { id: 1, name: "无锡镕昇" };
    // The dialog opens on the Rust side; the page gets an opaque grant, never a path.
    if (cmd === "choose_save_path") return dialogAnswer;
    return exportResult();
  });
  return calls;
}

describe("ExportPanel", () => {
  it("asks where to save, exports in the chosen language and target, and shows the saved path and size", async () => {
    const calls = backend("grant:1", () => ({ path: "/home/u/报告.pdf", bytes: 204800, warnings: [] }));
    render(ExportPanel, { props: { assessmentId: 5, enterpriseId: 1, target: 3 } });
    await fireEvent.change(screen.getByTestId("export-lang"), { target: { value: "en" } });
    await fireEvent.click(screen.getByTestId("export-pdf"));
    const ok = await screen.findByTestId("export-saved");
    expect(ok.textContent).toContain("/home/u/报告.pdf");
    expect(ok.textContent).toContain("200 KB");
    const dialog = calls.find((c) => c.cmd === "choose_save_path")!;
    expect(String(dialog.args.defaultName)).toContain("无锡镕昇-assessment-report-");
    expect(calls.find((c) => c.cmd === "export_report_pdf")!.args).toEqual({
      assessmentId: 5, lang: "en", target: 3, path: "grant:1",
    });
  });

  it("does nothing when the dialog is cancelled", async () => {
    const calls = backend(null, () => {
      throw new Error("must not be called");
    });
    render(ExportPanel, { props: { assessmentId: 5, enterpriseId: 1, target: 2 } });
    await fireEvent.click(screen.getByTestId("export-xlsx"));
    await screen.findByText("导出行动计划 (Excel)");
    expect(calls.map((c) => c.cmd)).not.toContain("export_action_plan");
    expect(screen.queryByTestId("export-error")).toBeNull();
    expect(screen.queryByTestId("export-saved")).toBeNull();
  });

  it("shows the backend's message, naming the path, when the file cannot be written", async () => {
    backend("grant:2", () => {
      throw { kind: "file", message: "文件 /readonly/plan.xlsx：Permission denied", fields: [{ field: "path", message: "x" }] };
    });
    render(ExportPanel, { props: { assessmentId: 5, enterpriseId: 1, target: 2 } });
    await fireEvent.click(screen.getByTestId("export-xlsx"));
    const err = await screen.findByTestId("export-error");
    expect(err.textContent).toContain("/readonly/plan.xlsx");
    expect(err.textContent).toContain("Permission denied");
  });

  it("「导出 Word」 writes the same report as a .docx through its own command", async () => {
    const calls = backend("grant:2", () => ({ path: "/home/u/报告.docx", bytes: 265000, warnings: [] }));
    render(ExportPanel, { props: { assessmentId: 5, enterpriseId: 1, target: 3 } });
    await fireEvent.click(screen.getByTestId("export-docx"));
    const ok = await screen.findByTestId("export-saved");
    expect(ok.textContent).toContain("Word 报告");
    const dialog = calls.find((c) => c.cmd === "choose_save_path")!;
    expect(String(dialog.args.defaultName)).toMatch(/\.docx$/);
    expect(dialog.args.filter).toEqual({ name: "Word 文档", extensions: ["docx"] });
    expect(calls.find((c) => c.cmd === "export_report_docx")!.args).toEqual({ assessmentId: 5, lang: "zh", target: 3, path: "grant:2" });
  });
});
