import type { Catalog } from "../bindings/Catalog";

/** Label of a code in one of the catalog lists, or the code itself if unknown. */
export function labelOf(list: Catalog["provinces"], code: string): string {
  return list.find((c) => c.code === code)?.label ?? code;
}

/** "江苏省 · 苏州市 · 吴江区", skipping empty parts. */
export function regionText(catalog: Catalog, province: string, city: string, district: string) {
  return [labelOf(catalog.provinces, province), city, district].filter((s) => s).join(" · ");
}
