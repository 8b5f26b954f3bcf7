import type { Catalog } from "../bindings/Catalog";

// A cut-down catalog for component tests.
export const catalog: Catalog = {
  provinces: [{ code: "320000", label: "江苏省" }],
  industries: [{ code: "C34", label: "通用设备制造业" }],
  sizes: [{ code: "small", label: "小型" }],
};
