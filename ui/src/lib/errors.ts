// How a failed command reads: a plain sentence for its kind (from the catalog), the backend's own
// located message (file, line, field, value — the part a user acts on), and any library detail
// (「invalid Zip archive: Could not find EOCD」) kept apart for a disclosure.
import type { ErrorKind } from "../bindings/ErrorKind";
import type { Messages } from "../i18n/zh";
import { lang, t } from "../i18n/locale.svelte";
import { ApiError } from "./api";

export interface ErrorParts {
  /** The catalog's sentence for the kind; null for an error that did not come from a command. */
  sentence: string | null;
  /** What to show: the backend's message up to the library detail. */
  message: string;
  /** The library's own words, shown on request. */
  detail: string | null;
}

const SENTENCE: Record<ErrorKind, keyof Messages> = {
  invalidInput: "errInvalidInput",
  notFound: "errNotFound",
  conflict: "errConflict",
  storage: "errStorage",
  file: "errFile",
  internal: "errInternal",
};

const COLON = "\uff1a"; // the full-width colon the backend writes before a library's words
const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;

/**
 * Splits a backend message at the first 「：」 whose remainder has no Chinese: the app writes its
 * messages in Chinese and appends what a library said (in English) after a full-width colon.
 */
export function splitDetail(message: string): { message: string; detail: string | null } {
  for (let i = message.indexOf(COLON); i >= 0; i = message.indexOf(COLON, i + 1)) {
    const rest = message.slice(i + 1).trim();
    if (rest !== "" && !CJK.test(rest) && /[A-Za-z]/.test(rest)) {
      return { message: message.slice(0, i), detail: rest };
    }
  }
  return { message, detail: null };
}

export function errorParts(e: unknown): ErrorParts {
  if (e instanceof ApiError) {
    const key = SENTENCE[e.kind];
    const sentence = key ? (t[key] as string) : null;
    const split = splitDetail(e.message);
    if (lang() !== "zh" && sentence && CJK.test(split.message)) {
      // The backend locates its messages in Chinese. In English the catalog's sentence leads;
      // the original (file, line, field) goes with the detail, where support can read it.
      return { sentence: null, message: sentence, detail: [split.message, split.detail].filter((x) => x).join("\n") };
    }
    return { sentence, ...split };
  }
  const text = e instanceof Error ? e.message : String(e);
  return { sentence: null, ...splitDetail(text) };
}
