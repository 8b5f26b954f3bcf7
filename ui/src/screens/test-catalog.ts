import type { Catalog } from "../bindings/Catalog";

// A cut-down catalog for component tests.
export const catalog: Catalog = {
  provinces: [{ code: "320000", label: "江苏省", labelEn: "Jiangsu" }],
  industries: [{ code: "C34", label: "通用设备制造业", labelEn: "General-purpose equipment" }],
  sizes: [{ code: "small", label: "小型", labelEn: "Small" }],
};
