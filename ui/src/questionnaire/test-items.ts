// Items of every kind, shaped like the generated bindings, for the component tests.
import type { Item } from "../bindings/Item";
import type { ScaleValue } from "../bindings/ScaleValue";

const t = (zh: string) => ({ zh, en: zh });

function item(id: string, kind: Item["kind"], na: Item["na"] = "no"): Item {
  return {
    id,
    title: t(`题目 ${id}`),
    question: t("问题？"),
    help: t("帮助文字"),
    evidence: t("设备清单"),
    points: "6",
    weights: {},
    na,
    variants: ["manufacturing", "discrete"],
    kind,
    actions: [],
    outcome: false,
    effects: [],
  };
}

const choice = (id: string, points: string, exclusive = false) => ({
  id, label: t(`选项 ${id}`), description: null, points, exclusive,
});

export const single = item("s", { kind: "single", options: [choice("a", "0"), choice("b", "3")], fields: [] }, "zero");
export const multiple = item("m", {
  kind: "multiple",
  options: [choice("none", "0", true), choice("x", "2"), choice("y", "2")],
  cap: "4",
});
export const band = item("b", {
  kind: "band",
  fields: [
    { id: "total", label: t("生产设备总数"), unit: t("台"), step: "1", unitCostWan: null, shared: "equipment-total" },
    { id: "digital", label: t("数字化生产设备数"), unit: t("台"), step: "1", unitCostWan: null, shared: null },
  ],
  ratio: { numerator: "digital", denominator: "total", percent: true },
  bands: [
    { id: "b0", label: t("0–20%"), lower: "0", upper: "20", lowerClosed: true, upperClosed: true, points: "0" },
    { id: "b1", label: t("20%以上"), lower: "20", upper: "100", lowerClosed: false, upperClosed: true, points: "6" },
  ],
});
export const ladder = item("l", {
  kind: "ladder",
  constraint: true,
  rungs: [1, 2, 3, 4].map((level) => ({ level, description: t(`第 ${level} 级描述`) })),
});
export const requirements = item("r", {
  kind: "requirements",
  requirements: [
    { id: "L1.1", level: 1, text: t("一级要求一"), variants: ["discrete"] },
    { id: "L1.2", level: 1, text: t("只适用流程型"), variants: ["process"] },
    { id: "L2.1", level: 2, text: t("二级要求一"), variants: ["discrete"] },
  ],
});
export const kpi = item("k", {
  kind: "kpi",
  fields: [
    { id: "nc", label: t("数控化关键工序数"), unit: t("道"), step: "1", unitCostWan: null, shared: null },
    { id: "all", label: t("关键工序总数"), unit: t("道"), step: "1", unitCostWan: null, shared: null },
  ],
  measure: { ratio: { numerator: "nc", denominator: "all", percent: true } },
  unit: t("%"),
  better: "higher",
  targets: [{ id: "t", label: t("2025 年目标"), value: "68", year: 2025, programme: null }],
});

export const scale: ScaleValue[] = [
  { id: "full", label: t("全部满足"), value: "1" },
  { id: "none", label: t("不满足"), value: "0" },
];
