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

export function itemKeys(e: KeyboardEvent, choose: Choose): void {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const target = e.target as HTMLElement;
  if (target.closest(LEFT_ALONE)) return;
  const card = e.currentTarget as HTMLElement;
  const box = target instanceof HTMLInputElement && (target.type === "radio" || target.type === "checkbox") ? target : null;

  if (/^[1-9]$/.test(e.key)) {
    const index = Number(e.key) - 1;
    if (!choose(index, target)) return;
    e.preventDefault();
    const scope = target.closest<HTMLElement>("[data-requirement]") ?? card.querySelector<HTMLElement>("fieldset.answer");
    scope?.querySelectorAll<HTMLInputElement>(OPTION)[index]?.focus();
    return;
  }
  switch (e.key) {
    case "ArrowLeft":
    case "ArrowRight":
      if (box?.type === "radio") {
        e.preventDefault(); // the browser would check the neighbour, which saves it
        moveInGroup(card, box, e.key === "ArrowRight" ? 1 : -1);
      }
      return;
    case " ":
      if (box) {
        e.preventDefault(); // one toggle, ours, whichever key event the browser acts on
        if (box.type === "checkbox" || !box.checked) box.click();
      }
      return;
    case "Enter":
      e.preventDefault();
      if (box?.type === "radio" && !box.checked) box.click();
      else step(card, 1);
      return;
    case "ArrowDown":
    case "ArrowUp":
      e.preventDefault();
      step(card, e.key === "ArrowDown" ? 1 : -1);
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
