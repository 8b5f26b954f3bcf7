// 「继续上次的评估」: offered for the unfinished draft last opened, and for nothing else.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import ResumeCard from "./ResumeCard.svelte";
import { LAST_OPENED_KEY, lastOpened, rememberOpened } from "../lib/last-opened";
import { multiple, single } from "../questionnaire/test-items";

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
});

const framework = {
  title: { zh: "中小企业数字化水平评测指标", en: "" },
  variants: [{ id: "discrete" }],
  dimensions: [{ id: "d", variants: ["discrete"], indicators: [{ id: "d.i", variants: ["discrete"], items: [single, multiple] }] }],
};

function backend(status: string, answers: unknown[], missing = false) {
  mockIPC((cmd) => {
    if (missing) throw { kind: "notFound", message: "评估 7 不存在", fields: [] };
    switch (cmd) {
      case "get_assessment":
        return { id: 7, enterpriseId: 3, frameworkId: "fw", frameworkVersion: "1", variant: "discrete", status };
      case "get_enterprise":
        return { id: 3, name: "常州喆堃精密" };
      case "get_framework":
        return framework;
      case "list_answers":
        return answers;
      default:
        throw { kind: "internal", message: `unexpected ${cmd}`, fields: [] };
    }
  });
}

const settle = () => new Promise((r) => setTimeout(r, 30));

describe("ResumeCard", () => {
  it("offers the unfinished draft last opened, with its progress, and goes to it", async () => {
    rememberOpened({ enterpriseId: 3, assessmentId: 7 });
    backend("draft", [{ item: "s", value: { option: "a" } }]);
    const chosen: unknown[] = [];
    render(ResumeCard, { onResume: (v: unknown) => chosen.push(v) });
    const card = await screen.findByTestId("resume-card");
    expect(card.textContent!.replace(/\s+/g, " ")).toContain("常州喆堃精密 · 中小企业数字化水平评测指标 · 已答 1 / 2");
    await fireEvent.click(screen.getByTestId("resume"));
    expect(chosen).toEqual([{ enterpriseId: 3, assessmentId: 7 }]);
  });

  it("offers nothing for a finalised or fully answered assessment, or when none was opened", async () => {
    backend("draft", []);
    render(ResumeCard, { onResume: () => {} });
    await settle();
    expect(screen.queryByTestId("resume-card")).toBeNull();
    cleanup();

    rememberOpened({ enterpriseId: 3, assessmentId: 7 });
    backend("final", []);
    render(ResumeCard, { onResume: () => {} });
    await settle();
    expect(screen.queryByTestId("resume-card")).toBeNull();
    cleanup();

    backend("draft", [{ item: "s", value: { option: "a" } }, { item: "m", value: { options: ["x"] } }]);
    render(ResumeCard, { onResume: () => {} });
    await settle();
    expect(screen.queryByTestId("resume-card")).toBeNull();
  });

  it("forgets a draft that no longer exists", async () => {
    rememberOpened({ enterpriseId: 3, assessmentId: 7 });
    backend("draft", [], true);
    render(ResumeCard, { onResume: () => {} });
    await waitFor(() => expect(lastOpened()).toBeNull());
    expect(screen.queryByTestId("resume-card")).toBeNull();
  });

  it("reads only a well-formed record", () => {
    localStorage.setItem(LAST_OPENED_KEY, "{not json");
    expect(lastOpened()).toBeNull();
    localStorage.setItem(LAST_OPENED_KEY, JSON.stringify({ enterpriseId: "3", assessmentId: 7 }));
    expect(lastOpened()).toBeNull();
  });
});
