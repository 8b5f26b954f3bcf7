// What the plan editor needs besides markup: the statuses with their labels, the user's edits
// by action, and the budget check (an exact decimal in 万元, as the store keeps it).
import type { ActionStatus } from "../bindings/ActionStatus";
import type { RoadmapEdit } from "../bindings/RoadmapEdit";
import type { Messages } from "../i18n/zh";

const LABELS: Record<ActionStatus, keyof Messages> = {
  planned: "statusPlanned",
  inProgress: "statusInProgress",
  done: "statusDone",
  dropped: "statusDropped",
};

/**
 * The statuses the editor offers, in the order an action moves through them. Not 「不做」: the
 * plan is the least that reaches the target, and the schedule would still count a dropped
 * action; one set from the CLI or a bundle is shown with its label.
 */
export const STATUSES: [ActionStatus, keyof Messages][] = (["planned", "inProgress", "done"] as const).map((s) => [s, LABELS[s]]);

export function statusKey(s: ActionStatus): keyof Messages {
  return LABELS[s];
}

export function editsByAction(edits: RoadmapEdit[]): Record<string, RoadmapEdit> {
  return Object.fromEntries(edits.map((e) => [e.action, e]));
}

/**
 * The budget as the exact decimal string the backend takes: "" → null (the estimate applies),
 * "12.5" → "12.5"; anything else (a sign, a comma, 万) → undefined, refused before sending.
 */
export function budget(text: string): string | null | undefined {
  const s = text.trim();
  if (s === "") return null;
  return /^\d{1,9}(\.\d{1,4})?$/.test(s) ? s : undefined;
}
