// How far an assessment is answered: the questionnaire counts it as it is filled in, the
// enterprise list and page show it beside each assessment (「15 / 31」), so a consultant sees
// which draft still needs a visit. One rule for all three, read from the framework and the
// stored answers (the same figures the scorer's `unanswered` list reports).
import type { Answer } from "../bindings/Answer";
import type { AnswerValue } from "../bindings/AnswerValue";
import type { Assessment } from "../bindings/Assessment";
import type { Framework } from "../bindings/Framework";
import type { Item } from "../bindings/Item";
import { api } from "./api";

export interface Progress {
  answered: number;
  total: number;
}

/** The items asked for a variant, in framework order. */
export function itemsFor(framework: Framework, variant: string): Item[] {
  return framework.dimensions
    .filter((d) => d.variants.includes(variant))
    .flatMap((d) => d.indicators.filter((i) => i.variants.includes(variant)))
    .flatMap((i) => i.items.filter((it) => it.variants.includes(variant)));
}

/**
 * Whether an item counts as answered: any value, except a requirements item with a
 * requirement of the variant still open (a partial answer still needs a visit).
 */
export function isDone(item: Item, variant: string, value: AnswerValue | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  if (value === "na" || item.kind.kind !== "requirements") return true;
  const answered = typeof value === "object" && "requirements" in value ? value.requirements : {};
  return item.kind.requirements.filter((r) => r.variants.includes(variant)).every((r) => answered[r.id] !== undefined);
}

/** The assessment's variant, or the framework's only one when none was stored. */
export function variantOf(framework: Framework, variant: string | null): string {
  return variant ?? framework.variants[0]?.id ?? "";
}

export function progressOf(framework: Framework, variant: string, answers: Pick<Answer, "item" | "value">[]): Progress {
  const values = new Map(answers.map((a) => [a.item, a.value]));
  const items = itemsFor(framework, variant);
  return { answered: items.filter((i) => isDone(i, variant, values.get(i.id))).length, total: items.length };
}

/**
 * Reads the progress of assessments, each framework definition once (a list of 30 enterprises
 * on one framework reads it once, not 30 times).
 */
export class ProgressReader {
  private frameworks = new Map<string, Promise<Framework>>();

  /** The framework definition, read once per id and version. */
  framework(id: string, version: string): Promise<Framework> {
    const key = `${id}@${version}`;
    let f = this.frameworks.get(key);
    if (!f) {
      f = api.getFramework(id, version);
      f.catch(() => this.frameworks.delete(key));
      this.frameworks.set(key, f);
    }
    return f;
  }

  /** The assessment's progress; null when it cannot be read (the row shows no count then). */
  async read(a: Pick<Assessment, "id" | "frameworkId" | "frameworkVersion" | "variant">): Promise<Progress | null> {
    try {
      const [fw, answers] = await Promise.all([this.framework(a.frameworkId, a.frameworkVersion), api.listAnswers(a.id)]);
      return progressOf(fw, variantOf(fw, a.variant), answers);
    } catch {
      return null; // a count is a convenience: the row still opens and shows the error there
    }
  }
}
