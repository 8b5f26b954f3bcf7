// The questionnaire by keyboard, for a consultant typing answers in during an interview:
//   1–9         choose option n of the item holding focus (a requirement row: its n-th scale step)
//   Space       tick or untick the focused checkbox; choose the focused radio
//   Enter       choose the focused radio if it is not chosen yet, else go to the next item
//   ↓ / ↑       next / previous item (the last item's ↓ reaches 「下一部分」)
//   ← / →       move among a radio group's options without choosing (nothing is saved until
//               Space, Enter or a number chooses)
// Keys typed into text (notes, figures) and keys on buttons are left alone.

/** Chooses option `index` of the item as a click would; false if there is none. */
export type Choose = (index: number, from: HTMLElement) => boolean;

const LEFT_ALONE = "button, a, summary, textarea, select, input:not([type=radio]):not([type=checkbox])";
const OPTION = "input[type=radio], input[type=checkbox]:not([data-testid=na])";

/** Focuses an item card and brings it into view. */
export function focusItem(card: HTMLElement): void {
  card.focus({ preventScroll: true });
  card.scrollIntoView?.({ block: "nearest" });
}

function step(card: HTMLElement, by: 1 | -1): void {
  const cards = Array.from(document.querySelectorAll<HTMLElement>("article.item"));
  const next = cards[cards.indexOf(card) + by];
  if (next) focusItem(next);
  else if (by > 0) document.querySelector<HTMLElement>('[data-testid="next-section"]')?.focus();
}

function moveInGroup(card: HTMLElement, radio: HTMLInputElement, by: 1 | -1): void {
  const group = Array.from(card.querySelectorAll<HTMLInputElement>("input[type=radio]")).filter(
    (r) => r.name === radio.name && !r.disabled,
  );
  const i = group.indexOf(radio);
  group[(i + by + group.length) % group.length]?.focus();
}

/** Where a key was pressed, as far as the keys care. */
export type KeyTarget =
  | { kind: "other" } // text, a button, a link: the key is theirs
  | { kind: "card" } // the item card itself, or a label inside it
  | { kind: "radio"; checked: boolean }
  | { kind: "checkbox" };

/** What a key does; `none` leaves the event to the browser. */
export type KeyIntent =
  | { do: "none" }
  | { do: "choose"; index: number } // option n (0-based) of the item or requirement row
  | { do: "click" } // the focused radio or checkbox, as a click (saves)
  | { do: "hold" } // swallow the key: the browser would act on it a second time
  | { do: "group"; by: 1 | -1 } // focus a neighbour in the radio group, nothing saved
  | { do: "item"; by: 1 | -1 }; // focus the next / previous item

export interface KeyPress {
  key: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

/** The keyboard rules above, as a pure decision (tested in keys.test.ts without a DOM). */
export function keyIntent(k: KeyPress, target: KeyTarget): KeyIntent {
  if (k.altKey || k.ctrlKey || k.metaKey || target.kind === "other") return { do: "none" };
  if (/^[1-9]$/.test(k.key)) return { do: "choose", index: Number(k.key) - 1 };
  switch (k.key) {
    case "ArrowLeft":
    case "ArrowRight":
      // The browser would check the neighbour, which saves it: move focus only.
      return target.kind === "radio" ? { do: "group", by: k.key === "ArrowRight" ? 1 : -1 } : { do: "none" };
    case " ":
      if (target.kind === "checkbox" || (target.kind === "radio" && !target.checked)) return { do: "click" };
      return target.kind === "radio" ? { do: "hold" } : { do: "none" };
    case "Enter":
      return target.kind === "radio" && !target.checked ? { do: "click" } : { do: "item", by: 1 };
    case "ArrowDown":
      return { do: "item", by: 1 };
    case "ArrowUp":
      return { do: "item", by: -1 };
    default:
      return { do: "none" };
  }
}

function targetOf(el: HTMLElement): KeyTarget {
  if (el.closest(LEFT_ALONE)) return { kind: "other" };
  if (el instanceof HTMLInputElement && el.type === "radio") return { kind: "radio", checked: el.checked };
  if (el instanceof HTMLInputElement && el.type === "checkbox") return { kind: "checkbox" };
  return { kind: "card" };
}

export function itemKeys(e: KeyboardEvent, choose: Choose): void {
  const target = e.target as HTMLElement;
  const card = e.currentTarget as HTMLElement;
  const intent = keyIntent(e, targetOf(target));
  switch (intent.do) {
    case "none":
      return;
    case "choose": {
      if (!choose(intent.index, target)) return; // no such option: the key does nothing
      e.preventDefault();
      const scope = target.closest<HTMLElement>("[data-requirement]") ?? card.querySelector<HTMLElement>("fieldset.answer");
      scope?.querySelectorAll<HTMLInputElement>(OPTION)[intent.index]?.focus();
      return;
    }
    case "group":
      e.preventDefault();
      moveInGroup(card, target as HTMLInputElement, intent.by);
      return;
    case "click":
      e.preventDefault(); // one toggle, ours, whichever key event the browser acts on
      target.click();
      return;
    case "hold":
      e.preventDefault();
      return;
    case "item":
      e.preventDefault();
      step(card, intent.by);
      return;
  }
}

/** Space's keyup would toggle a checkbox a second time in some engines: keydown did it. */
export function itemKeyUp(e: KeyboardEvent): void {
  const target = e.target as HTMLElement;
  if (e.key === " " && target instanceof HTMLInputElement && (target.type === "radio" || target.type === "checkbox")) {
    e.preventDefault();
  }
}
