import { describe, expect, it } from "vitest";
import { limitSaver } from "./limit";

/** A store whose first save is slow: without ordering, the second would land first. */
function slowFirstStore() {
  const recorded: number[] = [];
  let calls = 0;
  const save = (k: number) =>
    new Promise<void>((done) => {
      const delay = calls++ === 0 ? 20 : 0;
      setTimeout(() => {
        recorded.push(k);
        done();
      }, delay);
    });
  return { recorded, save };
}

describe("limitSaver", () => {
  it("ignores an emptied field instead of resetting the limit", async () => {
    const { recorded, save } = slowFirstStore();
    const change = limitSaver(save);
    await change(null);
    await change(Number.NaN);
    expect(recorded).toEqual([]);
  });

  it("records limits in the order chosen, even when the first save is slow", async () => {
    const { recorded, save } = slowFirstStore();
    const change = limitSaver(save);
    void change(2);
    await change(1);
    expect(recorded).toEqual([2, 1]);
  });

  it("goes on after a refused save", async () => {
    const recorded: number[] = [];
    const change = limitSaver(async (k) => {
      if (k === 0) throw new Error("refused");
      recorded.push(k);
    });
    await change(0).catch(() => {});
    await change(4);
    expect(recorded).toEqual([4]);
  });
});
