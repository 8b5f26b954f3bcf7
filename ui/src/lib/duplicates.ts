// Importing a bundle with 「保留为副本」 stores a second enterprise with the same 统一社会信用代码.
// The list must show which rows share a code, or a consultant cannot tell the copies apart.

/** For each enterprise id whose credit code another enterprise also uses: how many others use it. */
export function sharedCreditCodes(list: readonly { id: number; creditCode: string }[]): Map<number, number> {
  const byCode = new Map<string, number>();
  for (const e of list) byCode.set(e.creditCode, (byCode.get(e.creditCode) ?? 0) + 1);
  const others = new Map<number, number>();
  for (const e of list) {
    const n = (byCode.get(e.creditCode) ?? 0) - 1;
    if (n > 0) others.set(e.id, n);
  }
  return others;
}

/** The tooltip beside the 「重复信用代码」 badge. */
export function sharedCreditCodeNote(others: number): string {
  return `另有 ${others} 家企业使用同一统一社会信用代码（导入时保留为副本）`;
}
