/**
 * Saves the plant's project limit (「最多同时 N 个项目」) as the user sets it.
 *
 * An emptied field is not a choice: clearing the input fires `change` too, Svelte binds the
 * empty number input as null, and a null sent to the store resets the limit to its default.
 * Saves go one after another in the order chosen: store commands run off the main thread,
 * so two in flight could land swapped and leave the earlier value recorded.
 */
export function limitSaver(save: (k: number) => Promise<void>): (k: number | null) => Promise<void> {
  let last: Promise<void> = Promise.resolve();
  return (k) => {
    if (k === null || !Number.isFinite(k)) return last;
    last = last.catch(() => {}).then(() => save(k));
    return last;
  };
}
