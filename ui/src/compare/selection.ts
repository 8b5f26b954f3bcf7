// Choosing two assessments to compare, and how a change reads. Pure, so it is tested without
// a window.
import type { Assessment } from "../bindings/Assessment";
import { num } from "../lib/labels";

export type Pick = { ok: true; earlier: Assessment; later: Assessment } | { ok: false; reason: string };

/** Whether the selected assessments can be compared; the older one (started first) comes first. */
export function pickPair(selected: Assessment[]): Pick {
  if (selected.length !== 2) return { ok: false, reason: "请勾选两次评估进行对比" };
  const [a, b] = [...selected].sort((x, y) => x.id - y.id);
  if (a.frameworkId !== b.frameworkId) return { ok: false, reason: "只能对比同一评估框架的两次评估" };
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
  const RANK = ["零", "一", "两", "三", "四", "五"];
  if (levels === 0) return "等级不变";
  const n = RANK[Math.abs(levels)] ?? String(Math.abs(levels));
  return levels > 0 ? `升${n}级` : `降${n}级`;
}
