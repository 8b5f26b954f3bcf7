import { describe, expect, it } from "vitest";
import { backupKindText, labelOf, levelText, num, span } from "./labels";
import { setLang } from "../i18n/locale.svelte";

describe("levelText", () => {
  const fws = [{ id: "miit-2024", levels: [{ zh: "三级", en: "Level 3" }], belowLevel: { zh: "未达一级", en: "Below level 1" } }];
  it("shows a cached level in the UI language through the framework's names", () => {
    setLang("en");
    expect(levelText(fws, "miit-2024", "三级")).toBe("Level 3");
    expect(levelText(fws, "miit-2024", null)).toBeNull();
    expect(levelText(fws, null, "未达一级")).toBe("Below level 1");
    expect(levelText(fws, "other", "三级")).toBe("三级");
    setLang("zh");
    expect(levelText(fws, "miit-2024", "三级")).toBe("三级");
  });
});

describe("labelOf", () => {
  const sizes = [{ code: "medium", label: "中型", labelEn: "Medium" }];
  it("names a code in the UI language and falls back to the code", () => {
    setLang("zh");
    expect(labelOf(sizes, "medium")).toBe("中型");
    setLang("en");
    expect(labelOf(sizes, "medium")).toBe("Medium");
    expect(labelOf(sizes, "huge")).toBe("huge");
    setLang("zh");
  });
});

describe("span", () => {
  it("shows one value when both ends are equal", () => {
    expect(span(1, 1)).toBe("1");
    expect(span("0.50", "0.5")).toBe("0.5");
  });
  it("shows a range otherwise, ends as num writes them", () => {
    expect(span(1, 3)).toBe("1–3");
    expect(span("0", "8.50")).toBe("0–8.5");
    expect(num("8.50")).toBe("8.5");
  });
});

describe("backupKindText", () => {
  it("names each kind of backup in the UI language", () => {
    setLang("zh");
    expect(backupKindText("beforeUpgrade")).toBe("升级前备份");
    expect(backupKindText("replaced")).toBe("被替换的数据库");
    setLang("en");
    expect(backupKindText("scheduled")).toBe("Scheduled");
    setLang("zh");
  });
});
