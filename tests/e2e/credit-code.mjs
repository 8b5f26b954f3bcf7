// Test data: a valid 统一社会信用代码 for each new enterprise a run creates. Outside specs/ so
// the runner does not take it for a spec.

/** The code from its first 17 characters, with the GB 32100 check character appended. */
export function creditCode(first17) {
  const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((a, c, i) => a + chars.indexOf(c) * w[i], 0);
  return first17 + chars[(31 - (sum % 31)) % 31];
}
