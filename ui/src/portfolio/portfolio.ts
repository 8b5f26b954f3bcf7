// The consultant's portfolio: each enterprise's latest final and latest draft per framework,
// filtered, and counted by level. Pure, so the rules are tested without a window.
import type { PortfolioEntry } from "../bindings/PortfolioEntry";

export type Filter = {
  text: string;
  framework: string; // "" = any
  status: "" | "draft" | "final";
  level: string; // "" = any; "-" = not scored yet
  province: string;
  industry: string;
};

export const NO_FILTER: Filter = { text: "", framework: "", status: "", level: "", province: "", industry: "" };

/**
 * The latest final and the latest draft of each enterprise per framework (entries come newest
 * change first, so the first of each kind wins): what a consultant's week is about, without
 * every revision of every year.
 */
export function latest(entries: PortfolioEntry[]): PortfolioEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const key = `${e.enterpriseId}/${e.frameworkId}/${e.status}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function matches(e: PortfolioEntry, f: Filter): boolean {
  const q = f.text.trim().toUpperCase();
  return (
    (!q || e.enterpriseName.toUpperCase().includes(q) || e.creditCode.includes(q) || e.city.includes(f.text.trim())) &&
    (!f.framework || e.frameworkId === f.framework) &&
    (!f.status || e.status === f.status) &&
    (!f.level || (f.level === "-" ? e.level === null : e.level === f.level)) &&
    (!f.province || e.province === f.province) &&
    (!f.industry || e.industry === f.industry)
  );
}

/** How many of `entries` sit at each level, in the order levels first appear; unscored last as "-". */
export function countsByLevel(entries: PortfolioEntry[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.level ?? "-", (counts.get(e.level ?? "-") ?? 0) + 1);
  const unscored = counts.get("-");
  counts.delete("-");
  const out = [...counts.entries()];
  if (unscored) out.push(["-", unscored]);
  return out;
}

/** The distinct values of one field, for a filter's options. */
export function distinct(entries: PortfolioEntry[], field: "frameworkId" | "province" | "industry" | "level"): string[] {
  return [...new Set(entries.map((e) => e[field]).filter((v): v is string => !!v))].sort();
}
