// One item's saves reach the backend one after another (it runs commands on worker threads,
// where two in flight could commit out of order), and only the latest decides what is shown.
import { describe, expect, it } from "vitest";
import { Autosave, type SaveState } from "./autosave";
import type { SavedAnswer } from "../bindings/SavedAnswer";

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("Autosave", () => {
  it("sends a second save only after the first returned, and shows the latest", async () => {
    const sent: string[] = [];
    const replies: ((r: SavedAnswer) => void)[] = [];
    const states: SaveState["status"][] = [];
    const saved: string[] = [];
    const a = new Autosave(
      "jichu.network",
      (value) => {
        sent.push(JSON.stringify(value));
        return new Promise((resolve) => replies.push(resolve));
      },
      (s) => states.push(s.status),
      (r) => saved.push(JSON.stringify(r.revision)),
    );
    void a.now({ option: "a" }, "");
    void a.now({ option: "b" }, "");
    await flush();
    expect(sent).toEqual(['{"option":"a"}']); // b waits for a's reply
    replies[0]({ revision: { value: { option: "a" } }, score: null } as unknown as SavedAnswer);
    await flush();
    expect(sent).toEqual(['{"option":"a"}', '{"option":"b"}']);
    expect(saved).toEqual([]); // a's reply no longer decides the state
    replies[1]({ revision: { value: { option: "b" } }, score: null } as unknown as SavedAnswer);
    await flush();
    expect(saved).toEqual(['{"value":{"option":"b"}}']);
    expect(states.at(-1)).toBe("saved");
  });

  it("a failed save does not stop the next one", async () => {
    const sent: string[] = [];
    let first = true;
    const a = new Autosave(
      "i",
      async (value) => {
        sent.push(JSON.stringify(value));
        if (first) {
          first = false;
          throw new Error("disk full");
        }
        return { revision: { value }, score: null } as unknown as SavedAnswer;
      },
      () => {},
      () => {},
    );
    await a.now({ option: "a" }, "");
    await a.now({ option: "b" }, "");
    expect(sent).toEqual(['{"option":"a"}', '{"option":"b"}']);
  });
});
