// What the export and import buttons say: default file names, sizes and the import summary.
// Pure functions, so the wording is tested without a window.
import type { BundleImported } from "../bindings/BundleImported";
import type { ReportLang } from "../bindings/ReportLang";
import { catalogs, t } from "../i18n/locale.svelte";
import type { Messages } from "../i18n/zh";

/** Characters Windows and macOS refuse in file names, and control characters. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]/g;

/** A file name from free text (an enterprise name may contain 「/」 or 「:」). */
export function safeFileName(text: string): string {
  const cleaned = text.replace(/\s+/g, " ").trim().replace(UNSAFE, "_");
  return cleaned.length > 0 ? cleaned : t.appName;
}

/** 「2025-03-18」 in local time, for file names. */
export function dayStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export type ExportKind = "report" | "word" | "plan" | "bundle";

// File names follow the document's language (a report in English gets an English name), not the UI's.
const KIND_NAME: Record<ExportKind, keyof Messages> = { report: "fileReport", word: "fileReport", plan: "filePlan", bundle: "fileBundle" };
// Bundles get the extension the installers associate with the app, so a double click opens
// them here; a bundle is a zip whatever its name, and .zip files still import.
const EXTENSION: Record<ExportKind, string> = { report: "pdf", word: "docx", plan: "xlsx", bundle: "zhizhuan" };

/** The name the save dialog proposes, e.g. 「常州精工-评估报告-2025-03-18.pdf」. */
export function defaultFileName(enterprise: string, kind: ExportKind, lang: ReportLang, today: Date): string {
  return `${safeFileName(enterprise)}-${catalogs[lang][KIND_NAME[kind]] as string}-${dayStamp(today)}.${EXTENSION[kind]}`;
}

/** The save and open dialogs' filters, named in the UI's language. */
export const FILTERS: Record<ExportKind, { name: string; extensions: string[] }> = {
  get report() { return { name: t.filterPdf, extensions: ["pdf"] }; },
  get word() { return { name: t.filterDocx, extensions: ["docx"] }; },
  get plan() { return { name: t.filterXlsx, extensions: ["xlsx"] }; },
  get bundle() { return { name: t.filterBundle, extensions: ["zhizhuan", "zip"] }; },
};

/** 「1.4 MB」, 「820 KB」, 「512 字节」. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return t.bytes(bytes);
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const ENTERPRISE_OUTCOME: Record<string, keyof Messages> = {
  created: "outcomeEnterpriseCreated",
  merged: "outcomeMerged",
  keptApart: "outcomeKeptApart",
};
const ASSESSMENT_OUTCOME: Record<string, keyof Messages> = {
  created: "outcomeCreated",
  unchanged: "outcomeUnchanged",
  extended: "outcomeExtended",
  copied: "outcomeCopied",
};

const outcome = (names: Record<string, keyof Messages>, code: string) => (names[code] ? (t[names[code]] as string) : code);

/** What an import did, as lines for the success message. */
export function importSummary(r: BundleImported, frameworkTitle: (id: string) => string): string[] {
  const lines = [
    t.importedEnterprise(r.enterpriseName, outcome(ENTERPRISE_OUTCOME, r.enterpriseOutcome)),
    t.importedCounts(r.assessments.length, r.evidenceFilesAdded),
  ];
  for (const a of r.assessments) {
    const extra = a.outcome === "extended" ? t.answersAdded(a.answersAdded) : "";
    lines.push(t.importedAssessment(frameworkTitle(a.frameworkId), outcome(ASSESSMENT_OUTCOME, a.outcome)) + extra);
  }
  return lines;
}
