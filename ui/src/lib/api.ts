// The only module that talks to the Rust side. Every command is a typed function here, so the
// rest of the UI never sees `invoke`, command names or raw error payloads.
import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "../bindings/AppInfo";
import type { StartupProblem } from "../bindings/StartupProblem";
import type { Catalog } from "../bindings/Catalog";
import type { CommandError } from "../bindings/CommandError";
import type { Enterprise } from "../bindings/Enterprise";
import type { EnterpriseInput } from "../bindings/EnterpriseInput";
import type { EnterpriseOverview } from "../bindings/EnterpriseOverview";
import type { Answer } from "../bindings/Answer";
import type { AnswerValue } from "../bindings/AnswerValue";
import type { Assessment } from "../bindings/Assessment";
import type { Framework } from "../bindings/Framework";
import type { FrameworkSummary } from "../bindings/FrameworkSummary";
import type { Roadmap } from "../bindings/Roadmap";
import type { SavedAnswer } from "../bindings/SavedAnswer";
import type { Score } from "../bindings/Score";
import type { BundleExported } from "../bindings/BundleExported";
import type { BundleImported } from "../bindings/BundleImported";
import type { ImportMode } from "../bindings/ImportMode";
import type { ReportLang } from "../bindings/ReportLang";
import type { SavedFile } from "../bindings/SavedFile";
import type { Evidence } from "../bindings/Evidence";
import type { Comparison } from "../bindings/Comparison";
import type { About } from "../bindings/About";
import type { AssessmentMeta } from "../bindings/AssessmentMeta";
import type { DiagnosticsSaved } from "../bindings/DiagnosticsSaved";
import type { OpenedFile } from "../bindings/OpenedFile";
import type { RoadmapEdit } from "../bindings/RoadmapEdit";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { Reassessed } from "../bindings/Reassessed";
import type { PortfolioEntry } from "../bindings/PortfolioEntry";
import type { SampleOpened } from "../bindings/SampleOpened";
import type { FieldError } from "../bindings/FieldError";
import type { BackupRestored } from "../bindings/BackupRestored";
import type { DataFolder } from "../bindings/DataFolder";
import type { PeerView } from "../bindings/PeerView";
import type { DataFolderMoved } from "../bindings/DataFolderMoved";
import type { RoadmapEditInput } from "../bindings/RoadmapEditInput";

/** A failed command, with the backend's kind and per-field messages. */
export class ApiError extends Error {
  readonly kind: CommandError["kind"];
  readonly fields: CommandError["fields"];

  constructor(payload: CommandError) {
    super(payload.message);
    this.name = "ApiError";
    this.kind = payload.kind;
    this.fields = payload.fields;
  }

  /** The message for one form field, if the backend reported one. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

function isCommandError(e: unknown): e is CommandError {
  return typeof e === "object" && e !== null && "kind" in e && "message" in e;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isCommandError(e)) throw new ApiError({ ...e, fields: e.fields ?? [] });
    throw new ApiError({ kind: "internal", message: String(e), fields: [] });
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  /** Why the data could not be opened at start (null: it is open). */
  startupProblem: () => call<StartupProblem | null>("startup_problem"),
  retryStart: () => call<null>("retry_start"),
  /** The moved data folder found under another name (`folder`: a grant from `chooseFolder`). */
  locateDataFolder: (folder: string) => call<DataFolder>("locate_data_folder", { folder }),
  /** Gives up a moved data folder that is gone; returns where location.txt was set aside. */
  startAfresh: () => call<string | null>("start_afresh"),
  /** Puts a listed backup back over the database that would not open, then opens it. */
  restoreAtStart: (name: string) => call<BackupRestored>("restore_at_start", { name }),
  uiReady: () => call<void>("ui_ready"),
  catalog: () => call<Catalog>("catalog"),
  listEnterprises: () => call<EnterpriseOverview[]>("list_enterprises"),
  createEnterprise: (input: EnterpriseInput) => call<Enterprise>("create_enterprise", { input }),
  updateEnterprise: (id: number, input: EnterpriseInput) => call<Enterprise>("update_enterprise", { id, input }),
  /** Removes it with its assessments after a backup; resolves to the backup's file name. */
  discardEnterprise: (id: number) => call<string>("discard_enterprise", { id }),
  /** What the form shows beside a field without refusing it (a code registered in another province). */
  enterpriseWarnings: (input: EnterpriseInput) => call<FieldError[]>("enterprise_warnings", { input }),
  getEnterprise: (id: number) => call<Enterprise>("get_enterprise", { id }),
  listFrameworks: () => call<FrameworkSummary[]>("list_frameworks"),
  /** Published level distributions of self-diagnosed firms (CMMM) with this level placed; null if none were published. */
  peerContext: (frameworkId: string, rank: number) => call<PeerView | null>("peer_context", { frameworkId, rank }),
  getFramework: (id: string, version: string) => call<Framework>("get_framework", { id, version }),
  listAssessments: (enterpriseId: number) => call<Assessment[]>("list_assessments", { enterpriseId }),
  getAssessment: (id: number) => call<Assessment>("get_assessment", { id }),
  createAssessment: (enterpriseId: number, frameworkId: string, variant: string | null) =>
    call<Assessment>("create_assessment", { enterpriseId, frameworkId, variant }),
  listAnswers: (assessmentId: number) => call<Answer[]>("list_answers", { assessmentId }),
  /** Resolves only after the answer is committed to disk: then the UI may say 「已保存」. */
  saveAnswer: (assessmentId: number, item: string, value: AnswerValue | null, note: string) =>
    call<SavedAnswer>("save_answer", { assessmentId, item, value, note }),
  scoreAssessment: (id: number) => call<Score>("score_assessment", { id }),
  /** The plan with the assessment's recorded limit of parallel projects: what its exports print. */
  roadmap: (id: number, target: number) => call<Roadmap>("assessment_roadmap", { id, target }),
  /** Records how many projects the plant can run at once (null: the default); drafts only. */
  setMaxParallel: (id: number, maxParallel: number | null) =>
    call<AssessmentMeta>("set_max_parallel", { id, maxParallel }),
  /** How the assessment was made: body, assessor, mode, date, report number, process. */
  assessmentMeta: (id: number) => call<AssessmentMeta>("assessment_meta", { id }),
  /** Records it (drafts only: a final assessment's report is what was filed). */
  setAssessmentMeta: (id: number, meta: AssessmentMeta) => call<AssessmentMeta>("set_assessment_meta", { id, meta }),
  /** The user's edits of the plan's actions, one per action id. */
  listRoadmapEdits: (assessmentId: number) => call<RoadmapEdit[]>("list_roadmap_edits", { assessmentId }),
  /** Records owner, dates, budget, status and note of one action (drafts only); the plan re-flows. */
  editRoadmapAction: (assessmentId: number, edit: RoadmapEditInput) =>
    call<RoadmapEdit>("edit_roadmap_action", { assessmentId, edit }),
  finaliseAssessment: (id: number) => call<Assessment>("finalise_assessment", { id }),
  reviseAssessment: (id: number) => call<Assessment>("revise_assessment", { id }),
  /** Removes a draft from every list (its answers stay in the database's history); finals are refused. */
  discardAssessment: (id: number) => call<void>("discard_assessment", { id }),
  /** A new draft of the same enterprise and framework (as shipped now) starting from `from`'s answers, each to confirm. */
  reassess: (from: number) => call<Reassessed>("reassess", { from }),
  /** Every assessment of every enterprise, with cached score and level, newest change first. */
  portfolio: () => call<PortfolioEntry[]>("portfolio"),

  // Files. The native dialog is opened on the Rust side; the page receives only an opaque
  // grant for the file the user chose (null: cancelled) and hands it back to the command that
  // writes or reads it. The page never names a path.
  chooseSavePath: (defaultName: string, filter: FileFilter) =>
    dialog("save", () => call<string | null>("choose_save_path", { defaultName, filter })),
  chooseOpenPath: (filter?: FileFilter) =>
    dialog("open", () => call<string | null>("choose_open_path", { filter: filter ?? null })),
  /** The native folder dialog (where to move the data folder). */
  chooseFolder: () => dialog("folder", () => call<string | null>("choose_folder")),
  exportReportPdf: (assessmentId: number, lang: ReportLang, target: number, path: string) =>
    call<SavedFile>("export_report_pdf", { assessmentId, lang, target, path }),
  exportReportDocx: (assessmentId: number, lang: ReportLang, target: number, path: string) =>
    call<SavedFile>("export_report_docx", { assessmentId, lang, target, path }),
  exportActionPlan: (assessmentId: number, lang: ReportLang, target: number, path: string) =>
    call<SavedFile>("export_action_plan", { assessmentId, lang, target, path }),
  /** The listed portfolio rows (assessment ids, in the page's order) as an xlsx workbook. */
  exportPortfolio: (assessmentIds: number[], lang: ReportLang, path: string) =>
    call<SavedFile>("export_portfolio", { assessmentIds, lang, path }),
  exportEnterpriseBundle: (enterpriseId: number, path: string) =>
    call<BundleExported>("export_enterprise_bundle", { enterpriseId, path }),
  importBundle: (path: string, mode: ImportMode) => call<BundleImported>("import_bundle", { path, mode }),
  /** Copies the file into the data folder (stored once by SHA-256) and attaches it to the item. */
  attachEvidence: (assessmentId: number, item: string, path: string) =>
    call<Evidence>("attach_evidence", { assessmentId, item, path }),
  listEvidence: (assessmentId: number) => call<Evidence[]>("list_evidence", { assessmentId }),
  removeEvidence: (id: number) => call<void>("remove_evidence", { id }),
  compareAssessments: (earlier: number, later: number) => call<Comparison>("compare_assessments", { earlier, later }),

  /** 「打开示例企业」: the shipped sample, created on first use (marked 「（示例）」), found after. */
  openSample: () => call<SampleOpened>("open_sample"),

  // Backups (the backup folder beside the database; named by file name as listed).
  listBackups: () => call<BackupInfo[]>("list_backups"),
  backupNow: () => call<BackupInfo>("backup_now"),
  /** Replaces the database with the backup (validated first; the replaced file is kept aside). */
  restoreBackup: (name: string) => call<BackupRestored>("restore_backup", { name }),
  /** Where the database, evidence and backups are; whether they were moved from the default. */
  dataFolder: () => call<DataFolder>("data_folder"),
  /** Copies the data to the chosen folder (its grant; null: back to the default folder), verifies every file, switches, then deletes the originals. */
  moveDataFolder: (folder: string | null) => call<DataFolderMoved>("move_data_folder", { folder }),
  /** Shows the data folder in the system's file manager. */
  openDataFolder: () => call<void>("open_data_folder"),

  // The desktop shell (src-tauri/src/shell/).
  about: () => call<About>("about"),
  /** Logs, crash files and the database check in one zip, written to the granted file. */
  exportDiagnostics: (path: string) => call<DiagnosticsSaved>("export_diagnostics", { path }),
  /** Bundle files double-clicked or forwarded by a second launch since the last call. */
  takeOpenedFiles: () => call<OpenedFile[]>("take_opened_files"),
};

export type FileFilter = { name: string; extensions: string[] };

declare global {
  interface Window {
    /**
     * The e2e seam: WebDriver cannot operate the OS file chooser, so the real-window suite
     * queues the paths a user would pick here; they are granted by `e2e_grant_path`, which
     * only an app built with the `e2e-dialog` cargo feature honours. The app never sets it;
     * every command behind the buttons still runs for real.
     */
    __ZHIZHUAN_DIALOG_ANSWERS__?: (string | null)[];
  }
}

async function dialog(purpose: "save" | "open" | "folder", show: () => Promise<string | null>): Promise<string | null> {
  const queued = typeof window === "undefined" ? undefined : window.__ZHIZHUAN_DIALOG_ANSWERS__;
  // Only an app built with the `e2e-dialog` feature grants a queued path; a release build
  // refuses, so a script in the page gains nothing by queueing one.
  if (queued && queued.length > 0) return call<string | null>("e2e_grant_path", { path: queued.shift() ?? null, purpose });
  return show();
}
