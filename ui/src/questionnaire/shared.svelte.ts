// Figures several items ask for (生产设备总数, declared `shared` in the framework data): typed
// once in any of them, offered to the others' empty fields. One questionnaire at a time, so
// one map; the questionnaire clears it when it opens.
const figures = $state<Record<string, string>>({});

export const sharedFigures: Readonly<Record<string, string>> = figures;

/** The latest text typed (or loaded) for shared figure `id`. */
export function offer(id: string, text: string): void {
  figures[id] = text;
}

export function clearShared(): void {
  for (const k of Object.keys(figures)) delete figures[k];
}
