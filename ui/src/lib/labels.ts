import type { BackupKind } from "../bindings/BackupKind";
import type { Catalog } from "../bindings/Catalog";
import type { CatalogChoice } from "../bindings/CatalogChoice";
import { lang, t } from "../i18n/locale.svelte";

/** A catalog choice's name in the UI language (the official Chinese name, or its English). */
export function choiceName(c: CatalogChoice): string {
  return lang() === "en" ? c.labelEn : c.label;
}

/** Name of a code in one of the catalog lists, in the UI language, or the code itself if unknown. */
export function labelOf(list: Catalog["provinces"], code: string): string {
  const found = list.find((c) => c.code === code);
  return found ? choiceName(found) : code;
}

/** "Jiangsu · Suzhou · Wujiang" (the catalog's names), skipping empty parts. */
export function regionText(catalog: Catalog, province: string, city: string, district: string) {
  return [labelOf(catalog.provinces, province), city, district].filter((s) => s).join(" · ");
}

/** "2025-03-04 10:20" from an RFC 3339 UTC time, in local time. */
export function dateText(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Decimal strings from Rust are exact; shown as written, without trailing zeros. */
export function num(d: string | null | undefined): string {
  if (d === null || d === undefined) return "—";
  return d.includes(".") ? d.replace(/0+$/, "").replace(/\.$/, "") : d;
}

/** A range of decimal strings (`0–0.5`), or one value when both ends are equal (`1`, not `1–1`). */
export function span(min: string | number, max: string | number): string {
  const [a, b] = [num(String(min)), num(String(max))];
  return a === b ? a : `${a}–${b}`;
}

/**
 * A cached level name (stored in Chinese, as scored) in the UI language, through the
 * framework's own level names; the stored text when the framework does not list it.
 */
export function levelText(
  frameworks: { id: string; levels: { zh: string; en: string }[]; belowLevel?: { zh: string; en: string } }[],
  frameworkId: string | null,
  cached: string | null,
): string | null {
  if (cached === null) return null;
  // null: any framework naming it (the portfolio's level filter spans frameworks).
  const named = frameworks
    .filter((f) => frameworkId === null || f.id === frameworkId)
    .flatMap((f) => (f.belowLevel ? [f.belowLevel, ...f.levels] : f.levels))
    .find((l) => l.zh === cached);
  return named && lang() === "en" && named.en ? named.en : cached;
}

/** A backup's kind in the UI language (「定期备份」, 「升级前备份」, …). */
export function backupKindText(kind: BackupKind): string {
  const key = { scheduled: "backupScheduled", beforeUpgrade: "backupBeforeUpgrade", replaced: "backupReplaced", other: "backupOther" } as const;
  return t[key[kind]];
}
