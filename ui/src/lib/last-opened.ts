// The draft last opened in the questionnaire, remembered between runs: after a crash or a
// close, the enterprise list offers to go straight back to it (where the answers stop).
export interface LastOpened {
  enterpriseId: number;
  assessmentId: number;
}

export const LAST_OPENED_KEY = "zhizhuan.lastOpened";

export function lastOpened(): LastOpened | null {
  try {
    const v = JSON.parse(globalThis.localStorage?.getItem(LAST_OPENED_KEY) ?? "null");
    return v && Number.isInteger(v.enterpriseId) && Number.isInteger(v.assessmentId) ? v : null;
  } catch {
    return null; // storage blocked or garbled: nothing to offer
  }
}

export function rememberOpened(v: LastOpened | null): void {
  try {
    if (v) globalThis.localStorage?.setItem(LAST_OPENED_KEY, JSON.stringify(v));
    else globalThis.localStorage?.removeItem(LAST_OPENED_KEY);
  } catch {
    // not remembered: the list simply offers nothing
  }
}
