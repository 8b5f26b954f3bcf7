import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import ItemCard from "./ItemCard.svelte";
import { band, kpi, ladder, multiple, requirements, scale, single } from "./test-items";
import { TYPING_DELAY_MS } from "./autosave";
import { clearShared } from "./shared.svelte";

type Call = { item: string; value: unknown; note: string };
let calls: Call[] = [];

// A backend that records every save_answer and answers like the real command.
function backend(reply: (c: Call) => unknown = () => null) {
  mockIPC((cmd, args: any) => {
    if (cmd !== "save_answer") throw { kind: "internal", message: `unexpected ${cmd}`, fields: [] };
    const c = { item: args.item, value: args.value, note: args.note };
    calls.push(c);
    return {
      revision: { id: calls.length, assessmentId: 1, item: c.item, value: c.value, note: c.note, author: "", at: "t", carried: false },
      score: reply(c),
    };
  });
}

beforeEach(() => {
  calls = [];
  clearShared(); // a figure typed in one test is not offered to the next
});
afterEach(() => {
  cleanup();
  clearMocks();
  vi.useRealTimers();
});

const props = (item: any, extra: Record<string, unknown> = {}) => ({ item, assessmentId: 1, variant: "discrete", scale, ...extra });

describe("ItemCard renderers", () => {
  it("single choice: radios with points; choosing one saves it and shows 已保存", async () => {
    backend();
    const { container } = render(ItemCard, props(single));
    const radios = container.querySelectorAll('input[type="radio"]');
    expect(radios).toHaveLength(2);
    expect(container.textContent).toContain("3 分");
    await fireEvent.click(radios[1]);
    expect(await screen.findByTestId("saved")).toBeTruthy();
    expect(calls).toEqual([{ item: "s", value: { option: "b" }, note: "" }]);
  });

  it("multiple choice: the exclusive 「无」 clears the others and another choice clears 「无」", async () => {
    backend();
    const { container } = render(ItemCard, props(multiple));
    const boxes = () => Array.from(container.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')).filter((b) => b.dataset.testid !== "na");
    await fireEvent.click(boxes()[1]);
    await fireEvent.click(boxes()[2]);
    await screen.findByTestId("saved");
    await fireEvent.click(boxes()[0]);
    await screen.findByTestId("saved");
    await fireEvent.click(boxes()[1]);
    await screen.findByTestId("saved");
    expect(calls.map((c) => c.value)).toEqual([
      { options: ["x"] },
      { options: ["x", "y"] },
      { options: ["none"] },
      { options: ["x"] },
    ]);
    expect(boxes().map((b) => b.checked)).toEqual([false, true, false]);
  });

  it("numeric counts: saved once both are typed, then the ratio and its band from the backend", async () => {
    backend(() => ({
      id: "b", title: band.title, dimension: "d", indicator: "i", status: "answered", earned: "6", max: "6",
      basis: { type: "band", band: "b1", numerator: "54", denominator: "120", ratio: "45", ratioExact: true, percent: true, range: "(20%, 100%]" },
      text: { zh: "", en: "" },
    }));
    const { container } = render(ItemCard, props(band));
    await fireEvent.input(container.querySelector('[name="b.total"]')!, { target: { value: "120" } });
    expect((await screen.findByTestId("figure-hint")).textContent).toContain("填写全部数字后自动保存");
    await fireEvent.input(container.querySelector('[name="b.digital"]')!, { target: { value: "54" } });
    const computed = await screen.findByTestId("computed", {}, { timeout: TYPING_DELAY_MS + 1000 });
    expect(computed.textContent).toContain("54 ÷ 120 = 45%");
    expect(computed.textContent).toContain("(20%, 100%]");
    expect(container.querySelector(".bands li.active")!.textContent).toContain("20%以上");
    expect(calls).toEqual([{ item: "b", value: { numbers: { total: "120", digital: "54" } }, note: "" }]);
  });

  it("numeric counts: a non-number is refused in place and nothing is sent", async () => {
    backend();
    const { container } = render(ItemCard, props(band));
    await fireEvent.input(container.querySelector('[name="b.total"]')!, { target: { value: "12a" } });
    await fireEvent.input(container.querySelector('[name="b.digital"]')!, { target: { value: "5" } });
    expect(screen.getByTestId("figure-hint").textContent).toContain("请输入不小于 0 的数字");
    await new Promise((r) => setTimeout(r, TYPING_DELAY_MS + 100));
    expect(calls).toEqual([]);
  });

  it("scenario ladder: level 0 plus the four rung descriptions", async () => {
    backend();
    const { container } = render(ItemCard, props(ladder));
    expect(container.querySelectorAll('input[type="radio"]')).toHaveLength(5);
    expect(container.textContent).toContain("约束性场景");
    expect(container.textContent).toContain("第 4 级描述");
    await fireEvent.click(container.querySelector('input[value="3"]')!);
    await screen.findByTestId("saved");
    expect(calls[0].value).toEqual({ level: 3 });
  });

  it("CMMM requirements: only the variant's requirements, each on the scale, saved as one map", async () => {
    backend();
    const { container } = render(ItemCard, props(requirements));
    expect(container.textContent).not.toContain("只适用流程型");
    expect(container.querySelectorAll('[data-testid^="requirement-"]')).toHaveLength(2);
    await fireEvent.click(container.querySelector('[name="r.L1.1"][value="full"]')!);
    await screen.findByTestId("saved");
    await fireEvent.click(container.querySelector('[name="r.L2.1"][value="none"]')!);
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1].value).toEqual({ requirements: { "L1.1": "full", "L2.1": "none" } });
  });

  it("KPI: figures with the unit, direction and plan targets", async () => {
    backend((c) => ({ id: "k", title: kpi.title, dimension: "d", indicator: "i", status: "answered", earned: "0", max: "0", basis: { type: "kpi" }, text: { zh: "关键工序数控化率 = 13 ÷ 20 = 65%", en: "" } }));
    const { container } = render(ItemCard, props(kpi));
    expect(container.textContent).toContain("2025 年目标 68%");
    expect(container.textContent).toContain("越高越好");
    await fireEvent.input(container.querySelector('[name="k.nc"]')!, { target: { value: "13" } });
    await fireEvent.input(container.querySelector('[name="k.all"]')!, { target: { value: "20" } });
    expect((await screen.findByTestId("computed", {}, { timeout: TYPING_DELAY_MS + 1000 })).textContent).toContain("65%");
  });

  it("offers N/A only where the item allows it", () => {
    backend();
    render(ItemCard, props(single));
    expect(screen.getByTestId("na")).toBeTruthy();
    cleanup();
    render(ItemCard, props(ladder));
    expect(screen.queryByTestId("na")).toBeNull();
  });

  it("shows the stored answer and note when reopened", () => {
    backend();
    const answer = { assessmentId: 1, item: "s", value: { option: "b" }, note: "见设备台账", author: "", at: "t", revisionId: 3 };
    const { container } = render(ItemCard, props(single, { answer }));
    expect(container.querySelector<HTMLInputElement>('input[value="b"]')!.checked).toBe(true);
    expect(screen.getByTestId<HTMLTextAreaElement>("note").value).toBe("见设备台账");
  });
});

describe("ItemCard autosave", () => {
  it("says 正在保存 until the command returns, and 已保存 only then", async () => {
    let release: (v: unknown) => void = () => {};
    mockIPC((_cmd, args: any) =>
      new Promise((resolve) => {
        release = () => resolve({ revision: { id: 1, assessmentId: 1, item: "s", value: args.value, note: "", author: "", at: "t", carried: false }, score: null });
      }),
    );
    const { container } = render(ItemCard, props(single));
    await fireEvent.click(container.querySelectorAll('input[type="radio"]')[0]);
    expect(await screen.findByTestId("saving")).toBeTruthy();
    expect(screen.queryByTestId("saved")).toBeNull();
    release(null);
    expect(await screen.findByTestId("saved")).toBeTruthy();
  });

  it("shows the backend's message beside the item, keeps the value and retries it", async () => {
    let fail = true;
    const sent: unknown[] = [];
    mockIPC((_cmd, args: any) => {
      sent.push(args.value);
      if (fail) {
        throw { kind: "storage", message: "数据库操作失败：disk I/O error", fields: [] };
      }
      return { revision: { id: 1, assessmentId: 1, item: "s", value: args.value, note: "", author: "", at: "t", carried: false }, score: null };
    });
    const { container } = render(ItemCard, props(single));
    await fireEvent.click(container.querySelectorAll('input[type="radio"]')[1]);
    const error = await screen.findByTestId("save-error");
    expect(error.textContent).toContain("disk I/O error");
    expect(container.querySelector<HTMLInputElement>('input[value="b"]')!.checked).toBe(true);
    fail = false;
    await fireEvent.click(screen.getByTestId("retry"));
    expect(await screen.findByTestId("saved")).toBeTruthy();
    expect(screen.queryByTestId("save-error")).toBeNull();
    expect(sent).toEqual([{ option: "b" }, { option: "b" }]);
  });

  it("puts an item's own field message beside it", async () => {
    mockIPC(() => {
      throw { kind: "invalidInput", message: "答案有误", fields: [{ field: "b", message: "题目 b：digital = 130 大于 total = 120" }] };
    });
    const { container } = render(ItemCard, props(band));
    await fireEvent.input(container.querySelector('[name="b.total"]')!, { target: { value: "120" } });
    await fireEvent.input(container.querySelector('[name="b.digital"]')!, { target: { value: "130" } });
    const error = await screen.findByTestId("save-error", {}, { timeout: TYPING_DELAY_MS + 1000 });
    expect(error.textContent).toContain("大于 total");
  });

  it("debounces a typed note: one save after the pause, with the answer", async () => {
    backend();
    const answer = { assessmentId: 1, item: "s", value: { option: "a" }, note: "", author: "", at: "t", revisionId: 1 };
    render(ItemCard, props(single, { answer }));
    const note = screen.getByTestId("note");
    vi.useFakeTimers();
    await fireEvent.input(note, { target: { value: "见" } });
    await fireEvent.input(note, { target: { value: "见台账" } });
    vi.advanceTimersByTime(TYPING_DELAY_MS - 50);
    expect(calls).toHaveLength(0);
    vi.advanceTimersByTime(100);
    vi.useRealTimers();
    await vi.waitFor(() => expect(calls).toEqual([{ item: "s", value: { option: "a" }, note: "见台账" }]));
    expect(await screen.findByTestId("saved")).toBeTruthy();
  });

  it("saves a note still waiting for the pause when the card goes (「下一部分」 right after typing)", async () => {
    backend();
    const answer = { assessmentId: 1, item: "s", value: { option: "a" }, note: "", author: "", at: "t", revisionId: 1 };
    const { unmount } = render(ItemCard, props(single, { answer }));
    vi.useFakeTimers();
    await fireEvent.input(screen.getByTestId("note"), { target: { value: "见台账" } });
    unmount();
    vi.useRealTimers();
    await vi.waitFor(() => expect(calls).toEqual([{ item: "s", value: { option: "a" }, note: "见台账" }]));
  });

  it("saves nothing on leaving when nothing is waiting", async () => {
    backend();
    const { unmount } = render(ItemCard, props(single));
    unmount();
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual([]);
  });

  it("says what kind of failure a save was, the library's words folded away", async () => {
    mockIPC(() => {
      throw { kind: "storage", message: "数据库操作失败：disk I/O error", fields: [] };
    });
    const { container } = render(ItemCard, props(single));
    await fireEvent.click(container.querySelectorAll('input[type="radio"]')[0]);
    const error = await screen.findByTestId("save-error");
    expect(error.querySelector(".error-sentence")).not.toBeNull();
    expect(error.querySelector("details")!.textContent).toContain("disk I/O error");
  });
});

describe("ItemCard carried answers", () => {
  const carried = (toConfirm: boolean) => ({
    assessmentId: 1, item: "s", value: { option: "a" }, note: "去年的台账", author: "", at: "t", revisionId: 3, toConfirm,
  });

  it("an answer from last time reads 「沿用上次，待确认」; 「确认无变化」 saves it as this year's", async () => {
    backend();
    render(ItemCard, props(single, { answer: carried(true) }));
    expect(screen.getByTestId("to-confirm").textContent).toBe("沿用上次，待确认");
    await fireEvent.click(screen.getByTestId("confirm-unchanged"));
    await screen.findByTestId("saved");
    expect(calls).toEqual([{ item: "s", value: { option: "a" }, note: "去年的台账" }]);
    expect(screen.queryByTestId("to-confirm")).toBeNull();
  });

  it("answering differently confirms it too; a confirmed answer shows no mark", async () => {
    backend();
    const { container } = render(ItemCard, props(single, { answer: carried(true) }));
    await fireEvent.click(container.querySelectorAll('input[type="radio"]')[1]);
    await screen.findByTestId("saved");
    expect(screen.queryByTestId("to-confirm")).toBeNull();
    cleanup();
    render(ItemCard, props(single, { answer: carried(false) }));
    expect(screen.queryByTestId("to-confirm")).toBeNull();
  });
});

describe("ItemCard shared figures", () => {
  it("a total typed in one item fills the other's empty total, which is saved with its own figure", async () => {
    backend();
    const networked = {
      ...band,
      id: "b2",
      kind: {
        ...band.kind,
        fields: [band.kind.kind === "band" ? band.kind.fields[0] : null, { id: "networked", label: { zh: "联网设备数", en: "Networked" }, unit: { zh: "台", en: "units" }, step: "1", unitCostWan: null, shared: null }],
        ratio: { numerator: "networked", denominator: "total", percent: true },
      },
    };
    const first = render(ItemCard, props(band));
    const second = render(ItemCard, props(networked));
    // typed key by key: the other total follows every keystroke, not just the first
    for (const typed of ["8", "80"]) {
      await fireEvent.input(first.container.querySelector('input[name="b.total"]')!, { target: { value: typed } });
    }
    const otherTotal = second.container.querySelector<HTMLInputElement>('input[name="b2.total"]')!;
    await vi.waitFor(() => expect(otherTotal.value).toBe("80"));
    expect(calls).toEqual([]); // nothing saved: neither item has both figures yet
    await fireEvent.input(second.container.querySelector('input[name="b2.networked"]')!, { target: { value: "49" } });
    await vi.waitFor(() => expect(calls).toEqual([{ item: "b2", value: { numbers: { total: "80", networked: "49" } }, note: "" }]), { timeout: 3000 });
    // a total typed in the second card does not overwrite the first's own
    await fireEvent.input(otherTotal, { target: { value: "81" } });
    expect(first.container.querySelector<HTMLInputElement>('input[name="b.total"]')!.value).toBe("80");
  });
});
