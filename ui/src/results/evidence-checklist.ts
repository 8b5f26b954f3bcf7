// 佐证材料清单 on the results page: each answered item's declared evidence as 已附文件 (files
// attached), 已说明 (a note says what was seen) or 缺 (neither) — the same reading the report's
// 问题诊断 uses for "evidence held". Pure, so the rule is tested without a window.
import type { Answer } from "../bindings/Answer";
import type { Evidence } from "../bindings/Evidence";
import type { Item } from "../bindings/Item";

export type EvidenceState = "attached" | "noted" | "missing";

export type EvidenceRow = { item: Item; state: EvidenceState; files: number };

/** Answered items that declare evidence (not 「不适用」), in framework order. */
export function checklist(items: Item[], answers: Answer[], files: Evidence[]): EvidenceRow[] {
  const byItem = new Map(answers.map((a) => [a.item, a]));
  return items
    .filter((i) => (i.evidence.zh || i.evidence.en) && byItem.has(i.id) && byItem.get(i.id)!.value !== "na")
    .map((item) => {
      const n = files.filter((f) => f.item === item.id).length;
      const note = byItem.get(item.id)!.note.trim() !== "";
      return { item, files: n, state: n > 0 ? "attached" : note ? "noted" : "missing" };
    });
}

/** How many rows are in each state. */
export function tally(rows: EvidenceRow[]): Record<EvidenceState, number> {
  const out: Record<EvidenceState, number> = { attached: 0, noted: 0, missing: 0 };
  for (const r of rows) out[r.state] += 1;
  return out;
}
