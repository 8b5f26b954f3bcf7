// The UI language. Every string the UI shows comes from the typed catalog (zh.ts, en.ts) through
// `t`, every framework text (a `Text {zh, en}` from Rust) through `tx`; both read `lang`, a rune,
// so switching re-renders in place without reloading a screen (and losing what is being typed).
import type { Text } from "../bindings/Text";
import { en } from "./en";
import { zh, type Messages } from "./zh";

export type Lang = "zh" | "en";
export const LANGS: Lang[] = ["zh", "en"];
export const catalogs: Record<Lang, Messages> = { zh, en };

/** Where the choice is remembered between runs. */
export const LANG_KEY = "zhizhuan.lang";

function stored(): Lang {
  try {
    const v = globalThis.localStorage?.getItem(LANG_KEY);
    return v === "en" || v === "zh" ? v : "zh";
  } catch {
    return "zh"; // storage blocked: the default
  }
}

const state = $state<{ lang: Lang }>({ lang: stored() });

export function lang(): Lang {
  return state.lang;
}

export function setLang(l: Lang): void {
  state.lang = l;
  try {
    globalThis.localStorage?.setItem(LANG_KEY, l);
  } catch {
    // not remembered, still switched
  }
  if (typeof document !== "undefined") document.documentElement.lang = l === "zh" ? "zh-CN" : "en";
}

/** The messages of the current language: `t.save`, `t.answered(3, 10)`. */
export const t: Messages = new Proxy({} as Messages, {
  get: (_, key) => catalogs[state.lang][key as keyof Messages],
});

/** The half of a framework text for the current language (blank halves fall back to Chinese). */
export function tx(text: Text): string;
export function tx(text: Text | null | undefined): string | undefined;
export function tx(text: Text | null | undefined): string | undefined {
  if (!text) return undefined;
  return (state.lang === "en" ? text.en : text.zh) || text.zh;
}
