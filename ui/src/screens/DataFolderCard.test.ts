// 「数据文件夹」: where the data is; 「移动到…」 only after a confirmation, with the folder from the
// native dialog (a grant, never a path from the page); a cancelled dialog moves nothing; a
// refusal is shown and the folder stays; 「移回默认位置」 asks for home (no grant).
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import DataFolderCard from "./DataFolderCard.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

const HOME = { path: "/home/u/.local/share/cn.zhizhuan.app", moved: false, home: "/home/u/.local/share/cn.zhizhuan.app" };
const AWAY = { path: "/media/u/U盘/智转", moved: true, home: HOME.path };

function backend(dialog: string | null, refuse = false) {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    switch (cmd) {
      case "data_folder":
        return HOME;
      case "choose_folder":
        return dialog;
      case "move_data_folder":
        if (refuse) throw { kind: "invalidInput", message: "不能把数据移到 /media/u/U盘/智转：里面已有智转数据库", fields: [] };
        return { folder: (args as { folder: string | null }).folder ? AWAY : HOME, files: 3, bytes: 70000, leftBehind: [] };
      default:
        throw { kind: "internal", message: `unexpected ${cmd}`, fields: [] };
    }
  });
  return calls;
}

const moves = (calls: [string, unknown][]) => calls.filter(([c]) => c === "move_data_folder").map(([, a]) => a);

describe("DataFolderCard", () => {
  it("moves to the chosen folder only after the confirmation, and says where", async () => {
    const calls = backend("grant:1");
    let moved = 0;
    render(DataFolderCard, { onMoved: () => (moved += 1) });
    expect((await screen.findByTestId("data-folder-path")).textContent).toBe(HOME.path);
    await fireEvent.click(screen.getByTestId("move-data-folder"));
    expect(moves(calls)).toEqual([]);
    await fireEvent.click(await screen.findByTestId("confirm-move-folder-yes"));
    const message = await screen.findByTestId("folder-message");
    expect(message.textContent).toContain(AWAY.path);
    expect(moves(calls)).toEqual([{ folder: "grant:1" }]);
    expect(screen.getByTestId("data-folder-path").textContent).toBe(AWAY.path);
    expect(moved).toBe(1);
    // moved away: 「移回默认位置」 asks for home, without a grant
    await fireEvent.click(screen.getByTestId("move-data-folder-home"));
    await fireEvent.click(await screen.findByTestId("confirm-move-folder-yes"));
    await screen.findByText((t) => t.includes(HOME.path) && t.startsWith("✓"));
    expect(moves(calls)[1]).toEqual({ folder: null });
  });

  it("a cancelled dialog moves nothing; a refusal is shown and the folder stays", async () => {
    const cancelled = backend(null);
    render(DataFolderCard, { onMoved: () => {} });
    await fireEvent.click(await screen.findByTestId("move-data-folder"));
    await fireEvent.click(await screen.findByTestId("confirm-move-folder-yes"));
    await new Promise((r) => setTimeout(r, 30));
    expect(moves(cancelled)).toEqual([]);
    cleanup();
    clearMocks();

    backend("grant:2", true);
    render(DataFolderCard, { onMoved: () => {} });
    await fireEvent.click(await screen.findByTestId("move-data-folder"));
    await fireEvent.click(await screen.findByTestId("confirm-move-folder-yes"));
    expect((await screen.findByRole("alert")).textContent).toContain("已有智转数据库");
    expect(screen.getByTestId("data-folder-path").textContent).toBe(HOME.path);
  });
});
