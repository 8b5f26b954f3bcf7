// The only module that talks to the Rust side. Every command is a typed function here, so the
// rest of the UI never sees `invoke`, command names or raw error payloads.
import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "../bindings/AppInfo";
import type { Catalog } from "../bindings/Catalog";
import type { CommandError } from "../bindings/CommandError";
import type { Enterprise } from "../bindings/Enterprise";
import type { EnterpriseInput } from "../bindings/EnterpriseInput";
import type { Answer } from "../bindings/Answer";
import type { AnswerValue } from "../bindings/AnswerValue";
import type { Assessment } from "../bindings/Assessment";
import type { Framework } from "../bindings/Framework";
import type { FrameworkSummary } from "../bindings/FrameworkSummary";
import type { Roadmap } from "../bindings/Roadmap";
import type { SavedAnswer } from "../bindings/SavedAnswer";
import type { Score } from "../bindings/Score";

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
  uiReady: () => call<void>("ui_ready"),
  catalog: () => call<Catalog>("catalog"),
  listEnterprises: () => call<Enterprise[]>("list_enterprises"),
  createEnterprise: (input: EnterpriseInput) => call<Enterprise>("create_enterprise", { input }),
  getEnterprise: (id: number) => call<Enterprise>("get_enterprise", { id }),
  listFrameworks: () => call<FrameworkSummary[]>("list_frameworks"),
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
  roadmap: (id: number, target: number) => call<Roadmap>("assessment_roadmap", { id, target }),
  finaliseAssessment: (id: number) => call<Assessment>("finalise_assessment", { id }),
  reviseAssessment: (id: number) => call<Assessment>("revise_assessment", { id }),
};
