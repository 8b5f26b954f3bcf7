// The start-up screen over a database that will not open: its backups are offered, a restore
// happens only after the confirmation and names the chosen file, a refused one is shown in
// place; a missing (moved) folder offers no backups, since there is nothing to put them over.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { StartupProblem } from "../bindings/StartupProblem";
import StartupScreen from "./StartupScreen.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

const DAMAGED: StartupProblem = {
  error: { kind: "internal", message: "数据库文件已损坏：file is not a database", fields: [] },
  missingFolder: null,
  home: "/home/u/.local/share/cn.zhizhuan.app",
  backups: [
    { name: "auto-20261206T080000.000Z.db", kind: "scheduled", takenAt: "2026-12-06T08:00:00+00:00", bytes: 81920 },
    { name: "pre-migration-v3-to-v4-20261101T080000.000Z.db", kind: "beforeUpgrade", takenAt: "2026-11-01T08:00:00+00:00", bytes: 65536 },
  ],
};

function backend(refuse: boolean) {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === "restore_at_start") {
      if (refuse) throw { kind: "invalidInput", message: "备份文件不完整，未恢复", fields: [] };
      return { restored: (args as { name: string }).name, keptAside: ["replaced-20261207T010000.000Z.db"] };
    }
    if (cmd === "startup_problem") return DAMAGED;
    throw { kind: "internal", message: `unexpected ${cmd}`, fields: [] };
  });
  return calls;
}

const restores = (calls: [string, unknown][]) => calls.filter(([c]) => c === "restore_at_start").map(([, a]) => a);

describe("StartupScreen", () => {
  it("offers the backups and restores the chosen one only after the confirmation", async () => {
    const calls = backend(false);
    let opened = 0;
    render(StartupScreen, { problem: DAMAGED, onOpened: () => (opened += 1) });
    // the problem itself, as the backend located it (not "[object Object]")
    expect(screen.getByText((t) => t.includes("数据库文件已损坏"))).toBeTruthy();
    const rows = screen.getAllByTestId("restore-backup");
    expect(rows.length).toBe(2);
    await fireEvent.click(rows[1]);
    expect(restores(calls)).toEqual([]);
    await fireEvent.click(await screen.findByTestId("confirm-restore-yes"));
    await vi.waitFor(() => expect(opened).toBe(1));
    expect(restores(calls)).toEqual([{ name: DAMAGED.backups[1].name }]);
  });

  it("shows a refused restore in place and stays", async () => {
    backend(true);
    let opened = 0;
    render(StartupScreen, { problem: DAMAGED, onOpened: () => (opened += 1) });
    await fireEvent.click(screen.getAllByTestId("restore-backup")[0]);
    await fireEvent.click(await screen.findByTestId("confirm-restore-yes"));
    await screen.findByText((t) => t.includes("备份文件不完整"));
    expect(opened).toBe(0);
  });

  it("offers no backups when the moved data folder is missing", () => {
    backend(false);
    render(StartupScreen, { problem: { ...DAMAGED, missingFolder: "/media/u/E/智转" }, onOpened: () => {} });
    expect(screen.queryByTestId("backup-list")).toBeNull();
    expect(screen.getByTestId("startup-missing")).toBeTruthy();
  });
});
