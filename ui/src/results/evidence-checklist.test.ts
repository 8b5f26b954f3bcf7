import { describe, expect, it } from "vitest";
import { checklist, tally } from "./evidence-checklist";
import { band, single } from "../questionnaire/test-items";

const answer = (item: string, value: any, note = "") => ({ assessmentId: 1, item, value, note, author: "", at: "t", revisionId: 1, toConfirm: false });
const file = (item: string) => ({ id: 1, assessmentId: 1, item, sha256: "x", originalName: "a.pdf", mediaType: "application/pdf", size: 1, addedBy: "", addedAt: "t", removedAt: null });

describe("evidence checklist", () => {
  const items = [single, band, { ...single, id: "s2" }, { ...single, id: "s3" }, { ...single, id: "s4", evidence: { zh: "", en: "" } }];

  it("reads each answered item's evidence as attached, noted or missing; N/A, unanswered and undeclared are left out", () => {
    const rows = checklist(
      items as any,
      [answer("s", { option: "a" }), answer("b", { numbers: {} }, "看过设备台账"), answer("s2", { option: "a" }), answer("s3", "na"), answer("s4", { option: "a" })],
      [file("s"), file("s")] as any,
    );
    expect(rows.map((r) => [r.item.id, r.state, r.files])).toEqual([
      ["s", "attached", 2],
      ["b", "noted", 0],
      ["s2", "missing", 0],
    ]);
    expect(tally(rows)).toEqual({ attached: 1, noted: 1, missing: 1 });
  });
});
