// Choosing two assessments to compare, and how a change reads. Pure, so it is tested without
// a window.
import type { Assessment } from "../bindings/Assessment";
import { num } from "../lib/labels";
import { t } from "../i18n/locale.svelte";

export type Pick = { ok: true; earlier: Assessment; later: Assessment } | { ok: false; reason: string };

/** Whether the selected assessments can be compared; the older one (started first) comes first. */
export function pickPair(selected: Assessment[]): Pick {
  if (selected.length !== 2) return { ok: false, reason: t.pickTwo };
  const [a, b] = [...selected].sort((x, y) => x.id - y.id);
  if (a.frameworkId !== b.frameworkId) return { ok: false, reason: t.pickSameFramework };
  return { ok: true, earlier: a, later: b };
}

/** Toggles `a` in the selection, keeping at most the two most recently ticked. */
export function toggle(selected: number[], id: number): number[] {
  if (selected.includes(id)) return selected.filter((x) => x !== id);
  return [...selected, id].slice(-2);
}

export type Trend = "up" | "down" | "same";

/** The direction of an exact decimal change ("1.5", "-2", "0"). */
export function trend(change: string): Trend {
  if (/^-/.test(change)) return "down";
  return /[1-9]/.test(change) ? "up" : "same";
}

/** 「+1.5」, 「−2」, 「±0」 (a real minus sign, so the column lines up). */
export function changeText(change: string): string {
  const t = trend(change);
  if (t === "same") return "±0";
  return t === "up" ? `+${num(change)}` : `−${num(change.slice(1))}`;
}

/** 「升两级」/「降一级」/「等级不变」. */
export function levelChangeText(levels: number): string {
  if (levels === 0) return t.levelSame;
  return levels > 0 ? t.levelUp(levels) : t.levelDown(-levels);
}
