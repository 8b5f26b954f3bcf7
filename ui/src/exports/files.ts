// What the export and import buttons say: default file names, sizes and the import summary.
// Pure functions, so the wording is tested without a window.
import type { BundleImported } from "../bindings/BundleImported";
import type { ReportLang } from "../bindings/ReportLang";

/** Characters Windows and macOS refuse in file names, and control characters. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]/g;

/** A file name from free text (an enterprise name may contain 「/」 or 「:」). */
export function safeFileName(text: string): string {
  const cleaned = text.replace(/\s+/g, " ").trim().replace(UNSAFE, "_");
  return cleaned.length > 0 ? cleaned : "智转";
}

/** 「2025-03-18」 in local time, for file names. */
export function dayStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export type ExportKind = "report" | "plan" | "bundle";

const KIND_NAME: Record<ExportKind, Record<ReportLang, string>> = {
  report: { zh: "评估报告", en: "assessment-report" },
  plan: { zh: "行动计划", en: "action-plan" },
  bundle: { zh: "数据包", en: "bundle" },
};
const EXTENSION: Record<ExportKind, string> = { report: "pdf", plan: "xlsx", bundle: "zip" };

/** The name the save dialog proposes, e.g. 「常州精工-评估报告-2025-03-18.pdf」. */
export function defaultFileName(enterprise: string, kind: ExportKind, lang: ReportLang, today: Date): string {
  return `${safeFileName(enterprise)}-${KIND_NAME[kind][lang]}-${dayStamp(today)}.${EXTENSION[kind]}`;
}

export const FILTERS: Record<ExportKind, { name: string; extensions: string[] }> = {
  report: { name: "PDF 报告", extensions: ["pdf"] },
  plan: { name: "Excel 工作簿", extensions: ["xlsx"] },
  bundle: { name: "智转数据包", extensions: ["zip"] },
};

/** 「1.4 MB」, 「820 KB」, 「512 字节」. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const ENTERPRISE_OUTCOME: Record<string, string> = {
  created: "新建企业",
  merged: "合并到已有企业",
  keptApart: "另存为副本",
};
const ASSESSMENT_OUTCOME: Record<string, string> = {
  created: "新增",
  unchanged: "已存在（未变）",
  extended: "补充了新答案",
  copied: "双方都有修改，另存为副本",
};

/** What an import did, as lines for the success message. */
export function importSummary(r: BundleImported, frameworkTitle: (id: string) => string): string[] {
  const lines = [
    `企业「${r.enterpriseName}」：${ENTERPRISE_OUTCOME[r.enterpriseOutcome] ?? r.enterpriseOutcome}`,
    `${r.assessments.length} 个评估，新增 ${r.evidenceFilesAdded} 个证据文件`,
  ];
  for (const a of r.assessments) {
    const extra = a.outcome === "extended" ? `（${a.answersAdded} 条答案）` : "";
    lines.push(`· ${frameworkTitle(a.frameworkId)}：${ASSESSMENT_OUTCOME[a.outcome] ?? a.outcome}${extra}`);
  }
  return lines;
}
