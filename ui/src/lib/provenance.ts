// Doubts about a framework's wording belong in one place — the 方法说明 beside the questionnaire
// and the notes on the result — not inside the answers a manager picks from. Some framework
// texts still carry them inline (an option ending 「（表述待核，见备注）」, a help text with
// 「表述待核，见备注」, a 「[待核实]」): the UI takes those remarks out where it shows an answer
// or a help text, and the framework's notes carry the doubt instead.
import type { Note } from "../bindings/Note";
import type { Text } from "../bindings/Text";
import { tx } from "../i18n/locale.svelte";

// Written as escapes: Chinese in UI code belongs in the catalog, and these are patterns, not
// text. DOUBT_WORDS: 待核 待核实 见备注 待确认; the brackets （） 【】; the separators ，；; and
// 表述待核 … 见备注.
const DOUBT_WORDS = "\u5f85\u6838|\u5f85\u6838\u5b9e|\u89c1\u5907\u6ce8|\u5f85\u786e\u8ba4|unconfirmed|to be verified|to be checked|see notes";
const OPEN = "(\\[\uff08\u3010";
const CLOSE = ")\\]\uff09\u3011";
const REMARKS: RegExp[] = [
  // a bracketed remark: （表述待核，见备注） [待核实] 【待核实】 (wording unconfirmed, see notes)
  new RegExp(`\\s*[${OPEN}][^${OPEN}${CLOSE}]*(?:${DOUBT_WORDS})[^${OPEN}${CLOSE}]*[${CLOSE}]`, "gi"),
  // a trailing clause: …保留（…），表述待核，见备注。 / …as published; wording to be checked, see notes.
  /[,;\uff0c\uff1b]\s*\u8868\u8ff0\u5f85\u6838[,\uff0c]?\s*\u89c1\u5907\u6ce8/g,
  /[,;\uff0c\uff1b]\s*wording (?:to be checked|unconfirmed)(?:,\s*see notes)?/gi,
];

/** The text without inline doubt remarks (the rest unchanged). */
export function withoutDoubts(text: string): string {
  return REMARKS.reduce((s, re) => s.replace(re, ""), text).trim();
}

/** A framework text in the current language, for an answer or a help line: no doubt remarks. */
export function answerText(text: Text | null | undefined): string {
  return withoutDoubts(tx(text) ?? "");
}

/** The notes about an item, its indicator or its dimension (the ids a note's `about` names). */
export function notesAbout(notes: Note[], ids: string[]): Note[] {
  return notes.filter((n) => n.about.some((a) => ids.includes(a)));
}
