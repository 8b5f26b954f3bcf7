// How a failed command reads, and the language switch it (and everything else) follows.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";
import { ApiError } from "./api";
import { errorParts, splitDetail } from "./errors";
import ErrorText from "./ErrorText.svelte";
import { LANG_KEY, lang, setLang, t, tx } from "../i18n/locale.svelte";

afterEach(() => {
  cleanup();
  setLang("zh");
  localStorage.clear();
});

const bundle = "/u/坏的数据包.zip 不是有效的数据包（zip）：invalid Zip archive: Could not find EOCD";

describe("error display", () => {
  it("keeps the app's located message and folds a library's words away", () => {
    expect(splitDetail(bundle)).toEqual({
      message: "/u/坏的数据包.zip 不是有效的数据包（zip）",
      detail: "invalid Zip archive: Could not find EOCD",
    });
    // Chinese after the colon is the app's own sentence: nothing to fold.
    expect(splitDetail("文件「a.zip」：不是数据包").detail).toBeNull();
    expect(splitDetail("数据包内容无效：answers.json:3:5：missing field `item`")).toEqual({
      message: "数据包内容无效：answers.json:3:5",
      detail: "missing field `item`",
    });
  });

  it("names each kind in a plain sentence from the catalog", () => {
    const e = (kind: any) => errorParts(new ApiError({ kind, message: "m", fields: [] })).sentence;
    expect(e("file")).toBe(t.errFile);
    expect(e("storage")).toBe(t.errStorage);
    expect(new Set(["invalidInput", "notFound", "conflict", "storage", "file", "internal"].map(e)).size).toBe(6);
    expect(errorParts(new Error("plain")).sentence).toBeNull();
  });

  it("shows the message and sentence, with the detail behind 「详细信息」", () => {
    const { container } = render(ErrorText, { error: new ApiError({ kind: "invalidInput", message: bundle, fields: [] }), prefix: "导入失败：" });
    expect(container.querySelector(".error-text")!.textContent).toBe("导入失败：/u/坏的数据包.zip 不是有效的数据包（zip）");
    expect(container.textContent).toContain(t.errInvalidInput);
    const details = screen.getByTestId("error-detail");
    expect(details.tagName).toBe("DETAILS");
    expect(details.querySelector("summary")!.textContent).toBe("详细信息");
    expect(details.textContent).toContain("Could not find EOCD");
  });
});

describe("error display in English", () => {
  it("leads with the catalog's sentence and keeps the Chinese original with the detail", () => {
    setLang("en");
    const parts = errorParts(new ApiError({ kind: "invalidInput", message: bundle, fields: [] }));
    expect(parts.message).toBe(t.errInvalidInput);
    expect(parts.sentence).toBeNull();
    expect(parts.detail).toBe("/u/坏的数据包.zip 不是有效的数据包（zip）\ninvalid Zip archive: Could not find EOCD");
    // an English message (none today) would stay as it is
    expect(errorParts(new ApiError({ kind: "file", message: "disk full", fields: [] })).message).toBe("disk full");
  });
});

describe("language", () => {
  it("is Chinese by default, switches the catalog and framework texts, and is remembered", () => {
    expect(lang()).toBe("zh");
    expect(t.save).toBe("保存");
    expect(tx({ zh: "设备", en: "Equipment" })).toBe("设备");
    setLang("en");
    expect(t.save).toBe("Save");
    expect(t.answersAdded(3)).toBe(" (3 answers)");
    expect(tx({ zh: "设备", en: "Equipment" })).toBe("Equipment");
    expect(localStorage.getItem(LANG_KEY)).toBe("en");
  });

  it("starts in the remembered language, and in Chinese when nothing is remembered", async () => {
    localStorage.setItem(LANG_KEY, "en");
    vi.resetModules();
    expect((await import("../i18n/locale.svelte")).lang()).toBe("en");
    localStorage.setItem(LANG_KEY, "klingon");
    vi.resetModules();
    expect((await import("../i18n/locale.svelte")).lang()).toBe("zh");
  });

  it("re-renders what is on screen when switched", async () => {
    const { container } = render(ErrorText, { error: new ApiError({ kind: "file", message: "x", fields: [] }) });
    expect(container.textContent).toContain(t.errFile);
    setLang("en");
    await Promise.resolve();
    expect(container.querySelector(".error-sentence")!.textContent).toContain("could not be read or written");
  });
});
