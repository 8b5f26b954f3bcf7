import { describe, expect, it } from "vitest";
import { defaultFileName, importSummary, safeFileName, sizeText } from "./files";

describe("export file names and sizes", () => {
  it("proposes a name from the enterprise, the document and the day, without unsafe characters", () => {
    const day = new Date(2025, 2, 8);
    expect(defaultFileName("常州精工/机械:有限公司", "report", "zh", day)).toBe("常州精工_机械_有限公司-评估报告-2025-03-08.pdf");
    expect(defaultFileName("常州精工", "plan", "en", day)).toBe("常州精工-action-plan-2025-03-08.xlsx");
    expect(defaultFileName("常州精工", "bundle", "zh", day)).toBe("常州精工-数据包-2025-03-08.zhizhuan");
    expect(defaultFileName("常州精工", "word", "en", day)).toBe("常州精工-assessment-report-2025-03-08.docx");
    expect(safeFileName("  \t ")).toBe("智转");
  });

  it("shows sizes in the unit a person reads", () => {
    expect(sizeText(512)).toBe("512 字节");
    expect(sizeText(820 * 1024)).toBe("820 KB");
    expect(sizeText(1.45 * 1024 * 1024)).toBe("1.4 MB");
  });

  it("summarises an import: the enterprise, each assessment's outcome and the evidence added", () => {
    const lines = importSummary(
      {
        enterpriseId: 3,
        enterpriseName: "无锡镕昇",
        enterpriseOutcome: "merged",
        assessments: [
          { id: 7, frameworkId: "miit-2024", outcome: "extended", answersAdded: 4 },
          { id: 8, frameworkId: "cmmm-2020", outcome: "unchanged", answersAdded: 0 },
        ],
        evidenceFilesAdded: 2,
      },
      (id) => (id === "miit-2024" ? "中小企业数字化水平评测" : id),
    );
    expect(lines).toEqual([
      "企业「无锡镕昇」：合并到已有企业",
      "2 个评估，新增 2 个证据文件",
      "· 中小企业数字化水平评测：补充了新答案（4 条答案）",
      "· cmmm-2020：已存在（未变）",
    ]);
  });
});
