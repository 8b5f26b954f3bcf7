import { describe, expect, it } from "vitest";
import { notesAbout, withoutDoubts } from "./provenance";

describe("withoutDoubts", () => {
  // The texts as they stand in assessments/miit-2024.toml, and what an answer shows instead.
  it.each([
    ["能向同行输出数字化转型成果或经验（表述待核，见备注）", "能向同行输出数字化转型成果或经验"],
    ["Can offer its transformation results or experience to peers (wording unconfirmed, see notes)", "Can offer its transformation results or experience to peers"],
    ["成立不足三年的按实际年限计算。档位按公布口径保留（最高档60%–100%），表述待核，见备注。", "成立不足三年的按实际年限计算。档位按公布口径保留（最高档60%–100%）。"],
    ["Bands kept as published (top band 60–100 %); wording to be checked, see notes.", "Bands kept as published (top band 60–100 %)."],
    ["改造后应达到的最低等级未见官方文本 [待核实]", "改造后应达到的最低等级未见官方文本"],
    ["卓越级对应三级及以上（单一来源，待核实）。", "卓越级对应三级及以上。"],
    ["【待核实】二级门槛", "二级门槛"],
  ])("%s", (text, shown) => {
    expect(withoutDoubts(text)).toBe(shown);
  });

  it("keeps brackets and words that are no doubt", () => {
    for (const text of ["生产设备（含检测设备）总数", "Top band (60–100 %)", "[注] 按年计", "备注：见附件"]) {
      expect(withoutDoubts(text)).toBe(text);
    }
  });
});

describe("notesAbout", () => {
  const note = (id: string, about: string[]) => ({ id, status: "doubt" as const, text: { zh: id, en: id }, about });
  it("finds the notes naming the item, its indicator or its dimension", () => {
    const notes = [note("a", ["guanli.plan-exec"]), note("b", ["guanli"]), note("c", ["levels"]), note("d", ["jichu.network"])];
    expect(notesAbout(notes, ["guanli.plan-exec", "guanli.plan", "guanli"]).map((n) => n.id)).toEqual(["a", "b"]);
    expect(notesAbout(notes, ["x"])).toEqual([]);
  });
});
