import { devnetAccounts } from "@convergence/contracts";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { DevnetWorkersError } from "../errors/worker.ts";
import { devnetWorkerSettings } from "./devnetWorkerSettings.ts";

const accounts = devnetAccounts({ count: 10 });

describe("devnetWorkerSettings", () => {
  it("runs one worker as `pnpm worker` does: account #2, the worker's default price and store, the given port", () => {
    const settings = devnetWorkerSettings({ worker: 0, workers: 1, port: 8080, storeRoot: "/home" });
    expect(settings).toEqual({
      worker: 0,
      account: accounts[2]!.address,
      port: 8080,
      dbPath: undefined,
      minPrice: undefined,
      env: {},
    });
  });

  it("gives each of several workers its own key, port, store and a price that differs a little (the last cheapest)", () => {
    const all = [0, 1, 2].map((worker) => devnetWorkerSettings({ worker, workers: 3, port: 8080, storeRoot: "/home" }));
    expect(all.map((s) => s.port)).toEqual([8080, 8081, 8082]);
    expect(all.map((s) => s.minPrice)).toEqual(["0.18", "0.17", "0.16"]);
    expect(all.map((s) => s.env.WORKER_MIN_PRICE)).toEqual(["0.18", "0.17", "0.16"]);
    expect(all.map((s) => s.dbPath)).toEqual([undefined, "/home/worker-1/jobs.sqlite", "/home/worker-2/jobs.sqlite"]);
    expect(all.map((s) => s.account)).toEqual([accounts[2]!.address, accounts[7]!.address, accounts[8]!.address]);
    expect(all[0]!.env.WORKER_PRIVATE_KEY).toBeUndefined();
    for (const s of all.slice(1)) {
      expect(privateKeyToAccount(s.env.WORKER_PRIVATE_KEY as `0x${string}`).address).toBe(s.account);
    }
  });

  it("keeps port 0 (any free port) for every worker", () => {
    expect(devnetWorkerSettings({ worker: 1, workers: 2, port: 0, storeRoot: "/home" }).port).toBe(0);
  });

  it("refuses a worker count outside 1..8 and a worker number outside the count", () => {
    for (const [worker, workers] of [
      [0, 0],
      [0, 9],
      [0, 1.5],
      [2, 2],
      [-1, 2],
    ] as const) {
      expect(() => devnetWorkerSettings({ worker, workers, port: 8080, storeRoot: "/home" })).toThrow(
        DevnetWorkersError,
      );
    }
    expect(() => devnetWorkerSettings({ worker: 0, workers: 9, port: 8080, storeRoot: "/h" })).toThrow(
      /cannot run 9 workers: it has keys for 1 to 8 workers/,
    );
  });
});
