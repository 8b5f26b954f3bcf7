import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import ImportBundle from "./ImportBundle.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

const imported = {
  enterpriseId: 4, enterpriseName: "无锡镕昇", enterpriseOutcome: "merged",
  assessments: [{ id: 9, frameworkId: "miit-2024", outcome: "created", answersAdded: 0 }],
  evidenceFilesAdded: 1,
};

describe("ImportBundle", () => {
  it("asks whether to merge when the enterprise exists, then shows what was imported", async () => {
    const modes: unknown[] = [];
    let reloaded: number | null = null;
    mockIPC((cmd, args) => {
      if (cmd === "take_opened_files") return [];
      if (cmd === "choose_open_path") return "grant:3";
      if (cmd === "list_frameworks") return [{ id: "miit-2024", title: { zh: "中小企业数字化水平评测", en: "" } }];
      if (cmd === "import_bundle") {
        const { mode, path } = args as { mode: string; path: string };
        expect(path).toBe("grant:3");
        modes.push(mode);
        if (mode === "refuse") {
          throw { kind: "conflict", message: "企业「无锡镕昇」（91330100799655058B）已存在（编号 4）；请选择合并（--merge）或分开保存（--keep-apart）", fields: [] };
        }
        return imported;
      }
    });
    render(ImportBundle, { onImported: (id: number) => (reloaded = id) });
    await fireEvent.click(screen.getByTestId("import-bundle"));
    const conflict = await screen.findByTestId("import-conflict");
    expect(conflict.textContent).toContain("已存在");
    expect(conflict.textContent).not.toContain("--merge");
    await fireEvent.click(screen.getByTestId("import-merge"));
    const summary = await screen.findByTestId("import-summary");
    expect(summary.textContent).toContain("合并到已有企业");
    expect(summary.textContent).toContain("中小企业数字化水平评测：新增");
    expect(modes).toEqual(["refuse", "merge"]);
    expect(reloaded).toBe(4);
  });

  it("refuses a bad bundle with the store's located message", async () => {
    mockIPC((cmd) => {
      if (cmd === "take_opened_files") return [];
      if (cmd === "choose_open_path") return "grant:4";
      if (cmd === "import_bundle") {
        throw { kind: "invalidInput", message: "data.json:12:5：missing field `uid`", fields: [] };
      }
    });
    render(ImportBundle, { onImported: () => {} });
    await fireEvent.click(screen.getByTestId("import-bundle"));
    const err = await screen.findByTestId("import-error");
    expect(err.textContent).toContain("data.json:12:5");
    expect(err.textContent).toContain("未写入任何数据");
    expect(screen.queryByTestId("import-conflict")).toBeNull();
  });

  it("offers a double-clicked bundle as soon as the window starts, and again when a second launch focuses it", async () => {
    const imports: unknown[] = [];
    let opened = [{ name: "镕昇.zhizhuan", grant: "grant:9" }];
    mockIPC((cmd, args) => {
      if (cmd === "take_opened_files") {
        const r = opened;
        opened = [];
        return r;
      }
      if (cmd === "list_frameworks") return [];
      if (cmd === "import_bundle") {
        imports.push(args);
        return imported;
      }
    });
    render(ImportBundle, { onImported: () => {} });
    await screen.findByTestId("import-summary");
    expect(imports).toEqual([{ path: "grant:9", mode: "refuse" }]);
    opened = [{ name: "第二个.zhizhuan", grant: "grant:10" }];
    window.dispatchEvent(new Event("focus"));
    await expect.poll(() => imports.length).toBe(2);
    expect(imports[1]).toEqual({ path: "grant:10", mode: "refuse" });
  });
});
