// Resuming an assessment and moving through it: where reopening lands, 「跳到下一未答」, the
// answered count, and the Tab order at a section's end.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import Questionnaire from "./Questionnaire.svelte";
import { ladder, multiple, single } from "../questionnaire/test-items";
import type { Item } from "../bindings/Item";

const text = (s: string) => ({ zh: s, en: s });
const copy = (item: Item, id: string): Item => ({ ...item, id, title: text(`题目 ${id}`) });
const dimension = (id: string, items: Item[]) => ({
  id, title: text(`维度 ${id}`), description: null, points: "10", weights: {}, variants: ["discrete"],
  indicators: [{ id: `${id}.i`, title: text(`指标 ${id}`), description: null, points: "10", weights: {}, variants: ["discrete"], items }],
});
const framework = {
  file: "f.toml", contentHash: "h", format: 1, id: "fw", version: "1", title: text("框架"), summary: null,
  source: { document: "doc", issuer: text("发布方") }, variants: [{ id: "discrete", title: text("离散型") }],
  programmes: [], notes: [], scoring: { method: { method: "points", total: "20" } }, levels: [],
  dimensions: [dimension("d1", [single, multiple]), dimension("d2", [ladder, copy(single, "s2")])],
};

function backend(answered: Record<string, unknown>, fw: unknown = framework) {
  mockIPC((cmd) => {
    switch (cmd) {
      case "get_assessment":
        return { id: 1, frameworkId: "fw", frameworkVersion: "1", variant: "discrete", status: "draft" };
      case "get_framework":
        return fw;
      case "list_answers":
        return Object.entries(answered).map(([item, value]) => ({ item, value, note: "" }));
      case "list_evidence":
        return [];
      default:
        throw { kind: "internal", message: `unexpected ${cmd}`, fields: [] };
    }
  });
}

afterEach(() => {
  cleanup();
  clearMocks();
});

const open = () => render(Questionnaire, { assessmentId: 1, onBack: () => {}, onResults: () => {} });

describe("Questionnaire", () => {
  it("reopens at the first unanswered item, focused, on its section", async () => {
    backend({ s: { option: "a" } });
    open();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("item-m")));
    expect(screen.getByTestId("overall-progress").textContent).toContain("已答 1 / 4");
  });

  it("opens at the item the results page asked for, answered or not", async () => {
    backend({ s: { option: "a" }, l: { level: 1 } });
    render(Questionnaire, { assessmentId: 1, startAt: "l", onBack: () => {}, onResults: () => {} });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("item-l")));
    expect(screen.queryByTestId("item-m")).toBeNull(); // on the second section, not the first
  });

  it("opens the section that holds it when earlier sections are done", async () => {
    backend({ s: { option: "a" }, m: { options: ["x"] }, l: { level: 1 } });
    open();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("item-s2")));
    expect(screen.queryByTestId("item-s")).toBeNull();
  });

  it("「跳到下一未答」 goes from the focused item to the next unanswered one, wrapping round", async () => {
    backend({ m: { options: ["x"] }, l: { level: 1 } });
    open();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("item-s")));
    await fireEvent.click(screen.getByTestId("next-unanswered"));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("item-s2")));
    screen.getByTestId("item-s2").focus();
    await fireEvent.click(screen.getByTestId("next-unanswered"));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("item-s")));
  });

  it("says so when every item is answered", async () => {
    backend({ s: { option: "a" }, m: { options: ["x"] }, l: { level: 1 }, s2: { option: "b" } });
    open();
    expect(await screen.findByTestId("all-answered")).toBeTruthy();
    expect(screen.queryByTestId("next-unanswered")).toBeNull();
  });

  it("puts 「下一部分」 before 「← 上一部分」 in Tab order at a section's end", async () => {
    backend({ s: { option: "a" }, m: { options: ["x"] } });
    open();
    const next = await screen.findByTestId("next-section");
    const previous = screen.getByTestId("previous-section");
    expect(next.compareDocumentPosition(previous) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("goes from the last item of a section to 「下一部分」 with ↓", async () => {
    backend({});
    open();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("item-s")));
    await fireEvent.keyDown(screen.getByTestId("item-s"), { key: "ArrowDown" });
    await fireEvent.keyDown(screen.getByTestId("item-m"), { key: "ArrowDown" });
    expect(document.activeElement).toBe(screen.getByTestId("next-section"));
    expect(screen.getByTestId("next-section").textContent).toContain("下一部分");
  });

  it("keeps doubt remarks out of the answers: the note is in 「方法说明」, which the item links to", async () => {
    const doubtful: Item = {
      ...single,
      kind: { kind: "single", fields: [], options: [
        { id: "a", label: text("选项 a"), description: null, points: "0", exclusive: false },
        { id: "b", label: text("能向同行输出经验（表述待核，见备注）"), description: null, points: "3", exclusive: false },
      ] },
    };
    const notes = [{ id: "n1", status: "doubt", text: text("最高档的表述各来源不一"), about: ["s"] }];
    backend({}, { ...framework, notes, dimensions: [dimension("d1", [doubtful, multiple])] });
    open();
    const item = await screen.findByTestId("item-s");
    expect(item.textContent).toContain("能向同行输出经验");
    expect(item.textContent).not.toContain("待核");
    expect(screen.getByTestId("item-m").querySelector('[data-testid="item-notes"]')).toBeNull();
    const method = screen.getByTestId("method-notes") as HTMLDetailsElement;
    expect(method.open).toBe(false);
    await fireEvent.click(item.querySelector('[data-testid="item-notes"]')!);
    expect(method.open).toBe(true);
    expect(screen.getByTestId("method-note").textContent!.replace(/\s+/g, " ")).toContain("最高档的表述各来源不一 涉及：题目 s");
  });
});
