// The questionnaire by keyboard (./keys.ts), on real item cards: what each key chooses, saves
// and focuses.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import ItemCard from "./ItemCard.svelte";
import { keyIntent, type KeyTarget } from "./keys";
import { ladder, multiple, requirements, scale, single } from "./test-items";

let saves: unknown[] = [];

beforeEach(() => {
  saves = [];
  mockIPC((cmd, args: any) => {
    if (cmd !== "save_answer") throw { kind: "internal", message: `unexpected ${cmd}`, fields: [] };
    saves.push(args.value);
    return { revision: { id: saves.length, assessmentId: 1, item: args.item, value: args.value, note: "", author: "", at: "t", carried: false }, score: null };
  });
});
afterEach(() => {
  cleanup();
  clearMocks();
});

const props = (item: any) => ({ item, assessmentId: 1, variant: "discrete", scale });
const card = (id: string) => screen.getByTestId(`item-${id}`);
const inputs = (id: string, type: string) =>
  Array.from(card(id).querySelectorAll<HTMLInputElement>(`fieldset input[type="${type}"]`));

describe("questionnaire keys", () => {
  it("number keys choose the n-th option of the focused item and save it", async () => {
    render(ItemCard, props(single));
    card("s").focus();
    await fireEvent.keyDown(card("s"), { key: "2" });
    await screen.findByTestId("saved");
    expect(saves).toEqual([{ option: "b" }]);
    expect(document.activeElement).toBe(inputs("s", "radio")[1]);
    await fireEvent.keyDown(card("s"), { key: "9" }); // no ninth option: nothing happens
    expect(saves).toHaveLength(1);
  });

  it("number keys pick a ladder's level (1 = below level one) and a requirement row's scale step", async () => {
    render(ItemCard, props(ladder));
    render(ItemCard, props(requirements));
    await fireEvent.keyDown(card("l"), { key: "3" });
    const row = screen.getByTestId("requirement-L2.1");
    const first = row.querySelector<HTMLInputElement>("input")!;
    first.focus();
    await fireEvent.keyDown(first, { key: "2" });
    await screen.findAllByTestId("saved");
    expect(saves).toEqual([{ level: 2 }, { requirements: { "L2.1": "none" } }]);
  });

  it("Space toggles the focused checkbox of a multi-select, once", async () => {
    render(ItemCard, props(multiple));
    const x = inputs("m", "checkbox")[1];
    x.focus();
    await fireEvent.keyDown(x, { key: " " });
    await fireEvent.keyUp(x, { key: " " });
    await screen.findByTestId("saved");
    await fireEvent.keyDown(x, { key: " " });
    expect(saves).toEqual([{ options: ["x"] }, null]);
  });

  it("arrows in a radio group move focus without saving; Space or Enter then chooses", async () => {
    render(ItemCard, props(single));
    render(ItemCard, props(multiple)); // where Enter would go if it moved on
    const [a, b] = inputs("s", "radio");
    a.focus();
    await fireEvent.keyDown(a, { key: "ArrowRight" });
    expect(document.activeElement).toBe(b);
    await fireEvent.keyDown(b, { key: "ArrowLeft" });
    expect(document.activeElement).toBe(a);
    expect(saves).toEqual([]);
    await fireEvent.keyDown(a, { key: "ArrowRight" });
    await fireEvent.keyDown(b, { key: "Enter" });
    await screen.findByTestId("saved");
    expect(saves).toEqual([{ option: "b" }]);
    expect(document.activeElement).toBe(b); // Enter chose: it did not move on
  });

  it("Enter and ↓ go to the next item, ↑ to the previous; typing in a note is left alone", async () => {
    render(ItemCard, props(single));
    render(ItemCard, props(multiple));
    render(ItemCard, props(ladder));
    card("s").focus();
    await fireEvent.keyDown(card("s"), { key: "Enter" });
    expect(document.activeElement).toBe(card("m"));
    await fireEvent.keyDown(card("m"), { key: "ArrowDown" });
    expect(document.activeElement).toBe(card("l"));
    await fireEvent.keyDown(card("l"), { key: "ArrowUp" });
    expect(document.activeElement).toBe(card("m"));
    const note = card("m").querySelector("textarea")!;
    await fireEvent.keyDown(note, { key: "ArrowDown" });
    await fireEvent.keyDown(note, { key: "1" });
    expect(document.activeElement).toBe(card("m"));
    expect(saves).toEqual([]);
  });

  it("ticking the exclusive 「无」 over other ticks can be undone, restoring them", async () => {
    render(ItemCard, props(multiple));
    const boxes = () => inputs("m", "checkbox");
    await fireEvent.click(boxes()[1]);
    await fireEvent.click(boxes()[2]);
    await fireEvent.click(boxes()[0]);
    expect(screen.getByTestId("undo-exclusive").textContent).toContain("选项 none");
    await fireEvent.click(screen.getByTestId("undo"));
    await screen.findByTestId("saved");
    expect(saves).toEqual([{ options: ["x"] }, { options: ["x", "y"] }, { options: ["none"] }, { options: ["x", "y"] }]);
    expect(boxes().map((b) => b.checked)).toEqual([false, true, true]);
    expect(screen.queryByTestId("undo-exclusive")).toBeNull();
  });

  it("offers no undo when 「无」 replaced nothing", async () => {
    render(ItemCard, props(multiple));
    await fireEvent.click(inputs("m", "checkbox")[0]);
    expect(screen.queryByTestId("undo-exclusive")).toBeNull();
  });

  it("makes the card focusable, so ↓ and ↑ can land on an item before an option is chosen", () => {
    render(ItemCard, props(single));
    expect(card("s").getAttribute("tabindex")).toBe("-1");
  });
});

describe("keyIntent (the rules without a DOM)", () => {
  const card: KeyTarget = { kind: "card" };
  const open: KeyTarget = { kind: "radio", checked: false };
  const chosen: KeyTarget = { kind: "radio", checked: true };
  const box: KeyTarget = { kind: "checkbox" };
  const text: KeyTarget = { kind: "other" };
  const rows: [string, KeyTarget, ReturnType<typeof keyIntent>][] = [
    ["1", card, { do: "choose", index: 0 }],
    ["9", open, { do: "choose", index: 8 }],
    ["0", card, { do: "none" }], // no option 0
    [" ", box, { do: "click" }], // ticks and unticks
    [" ", open, { do: "click" }],
    [" ", chosen, { do: "hold" }], // a chosen radio stays chosen, the page does not scroll
    [" ", card, { do: "none" }],
    ["Enter", open, { do: "click" }], // chooses first …
    ["Enter", chosen, { do: "item", by: 1 }], // … then moves on
    ["Enter", box, { do: "item", by: 1 }],
    ["Enter", card, { do: "item", by: 1 }],
    ["ArrowDown", chosen, { do: "item", by: 1 }],
    ["ArrowUp", card, { do: "item", by: -1 }],
    ["ArrowRight", open, { do: "group", by: 1 }], // focus only: nothing saved
    ["ArrowLeft", chosen, { do: "group", by: -1 }],
    ["ArrowRight", box, { do: "none" }],
    ["Tab", card, { do: "none" }],
  ];
  it.each(rows)("%j on %j", (key, target, intent) => {
    expect(keyIntent({ key }, target)).toEqual(intent);
  });

  it("leaves typed text, buttons and shortcuts alone", () => {
    for (const key of ["1", " ", "Enter", "ArrowDown", "ArrowRight"]) expect(keyIntent({ key }, text)).toEqual({ do: "none" });
    expect(keyIntent({ key: "1", ctrlKey: true }, card)).toEqual({ do: "none" });
    expect(keyIntent({ key: "ArrowDown", altKey: true }, card)).toEqual({ do: "none" });
    expect(keyIntent({ key: "Enter", metaKey: true }, open)).toEqual({ do: "none" });
  });
});
