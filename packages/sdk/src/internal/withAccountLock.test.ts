import { describe, expect, it } from "vitest";
import { withAccountLock } from "./withAccountLock.ts";

describe("withAccountLock", () => {
  it("runs one call per account at a time, in order, whatever the case of the address; other accounts do not wait", async () => {
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      events.push(`end ${name}`);
      return name;
    };
    const a = "0x00000000000000000000000000000000000000aA";
    const b = "0x00000000000000000000000000000000000000bb";
    const failing = withAccountLock({
      address: a,
      run: async () => {
        events.push("start fail");
        throw new Error("boom");
      },
    });
    const results = await Promise.all([
      withAccountLock({ address: a, run: task("a1", 30) }),
      withAccountLock({ address: a.toLowerCase() as `0x${string}`, run: task("a2", 1) }),
      withAccountLock({ address: b, run: task("b1", 5) }),
      failing.catch((error: Error) => error.message),
    ]);
    expect(results).toEqual(["a1", "a2", "b1", "boom"]);
    // a1 waits for the failing call (it does not block the queue); a2 starts only after a1 ended; b1 runs meanwhile.
    expect(events.indexOf("start a1")).toBeGreaterThan(events.indexOf("start fail"));
    expect(events.indexOf("start a2")).toBeGreaterThan(events.indexOf("end a1"));
    expect(events.indexOf("start b1")).toBeLessThan(events.indexOf("end a1"));
  });
});
