// Autosave for one questionnaire item. A value is shown as 「已保存」 only after the command
// returned (the store committed it); a failure keeps the value and the message for a retry.
// Only the latest save decides the state: an older reply arriving late is ignored.
import type { AnswerValue } from "../bindings/AnswerValue";
import type { SavedAnswer } from "../bindings/SavedAnswer";
import { ApiError } from "../lib/api";

export type SaveStatus = "idle" | "pending" | "saving" | "saved" | "error";

export interface SaveState {
  status: SaveStatus;
  /** An item's own field message, or the failed command (shown with its sentence and detail). */
  error: unknown;
}

export type SaveFn = (value: AnswerValue | null, note: string) => Promise<SavedAnswer>;

/** Debounce for typed text (notes, figures): save once the user pauses. */
export const TYPING_DELAY_MS = 500;

export class Autosave {
  private seq = 0;
  // Saves of this item go out one after another, each once the one before has returned: the
  // backend runs commands on worker threads, where two in flight could commit out of order.
  private last: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private waiting: { value: AnswerValue | null; note: string } | null = null;

  constructor(
    private readonly item: string,
    private readonly save: SaveFn,
    private readonly update: (s: SaveState) => void,
    private readonly saved: (r: SavedAnswer) => void,
  ) {}

  /** Saves now (a click, a choice). */
  async now(value: AnswerValue | null, note: string): Promise<void> {
    this.cancel();
    const mine = ++this.seq;
    this.update({ status: "saving", error: null });
    const sent = this.last.then(() => this.save(value, note));
    this.last = sent.catch(() => undefined);
    try {
      const r = await sent;
      if (mine !== this.seq) return;
      this.update({ status: "saved", error: null });
      this.saved(r);
    } catch (e) {
      if (mine !== this.seq) return;
      this.update({ status: "error", error: e instanceof ApiError ? (e.fieldMessage(this.item) ?? e) : e });
    }
  }

  /** Saves after the user stopped typing for TYPING_DELAY_MS. */
  later(value: AnswerValue | null, note: string): void {
    this.cancel();
    this.seq++; // a reply to an earlier save no longer decides the state
    this.update({ status: "pending", error: null });
    this.waiting = { value, note };
    this.timer = setTimeout(() => void this.now(value, note), TYPING_DELAY_MS);
  }

  /** Saves what is still waiting for the typing pause now (the item is leaving the screen). */
  flush(): void {
    const w = this.waiting;
    if (this.timer !== null && w) void this.now(w.value, w.note);
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.waiting = null;
  }
}
