import { describe, expect, it } from "vitest";
import { DevnetWorkerIndexError } from "../errors/devnet.ts";
import { devnetAccounts } from "./devnetAccounts.ts";
import { DEVNET_ROLE_INDEX, DEVNET_ROLES } from "./devnetRoles.ts";
import { devnetWorkerAccount } from "./devnetWorkerAccount.ts";
import { DEVNET_MAX_WORKERS, devnetWorkerIndex } from "./devnetWorkerIndex.ts";

// A Hardhat node starts with 20 accounts holding 10,000 ETH each: every worker must have one of them (gas).
const HARDHAT_FUNDED_ACCOUNTS = 20;

describe("devnetWorkerIndex", () => {
  it("keeps worker 0 on the worker role and puts the others after every role, each its own funded account", () => {
    const indexes = Array.from({ length: DEVNET_MAX_WORKERS }, (_, worker) => devnetWorkerIndex({ worker }));
    expect(indexes).toEqual([2, 7, 8, 9, 10, 11, 12, 13]);
    expect(indexes[0]).toBe(DEVNET_ROLE_INDEX.worker);
    expect(new Set(indexes).size).toBe(indexes.length);
    const roles = new Set(DEVNET_ROLES.map(({ index }) => index));
    for (const index of indexes.slice(1)) expect(roles.has(index)).toBe(false);
    expect(Math.max(...indexes)).toBeLessThan(HARDHAT_FUNDED_ACCOUNTS);
  });

  it("refuses a worker number outside 0..7, naming the range", () => {
    for (const worker of [-1, DEVNET_MAX_WORKERS, 1.5, Number.NaN]) {
      expect(() => devnetWorkerIndex({ worker })).toThrow(DevnetWorkerIndexError);
    }
    expect(() => devnetWorkerIndex({ worker: 8 })).toThrow(/workers 0 to 7/);
  });
});

describe("devnetWorkerAccount", () => {
  it("is the Hardhat account at the worker's index", () => {
    const all = devnetAccounts({ count: 9 });
    expect(devnetWorkerAccount({ worker: 0 }).address).toBe(all[2]!.address);
    expect(devnetWorkerAccount({ worker: 1 }).address).toBe(all[7]!.address);
    expect(devnetWorkerAccount({ worker: 2 }).address).toBe(all[8]!.address);
  });
});
