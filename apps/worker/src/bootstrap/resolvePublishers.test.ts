import { describe, expect, it } from "vitest";
import { resolvePublishers } from "./resolvePublishers.ts";

describe("resolvePublishers", () => {
  const worker = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
  const devnetPublisher = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
  const other = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";

  it("defaults to the worker's own account plus Hardhat account #3 on the devnet", () => {
    expect(resolvePublishers({ publishers: undefined, account: worker, chainId: 31337 })).toEqual([
      worker,
      devnetPublisher,
    ]);
  });

  it("defaults to the worker's own account alone on any other chain (account #3's key is public)", () => {
    expect(resolvePublishers({ publishers: undefined, account: worker, chainId: 8453 })).toEqual([worker]);
  });

  it("takes WORKER_PUBLISHERS as the whole list when it is set", () => {
    expect(resolvePublishers({ publishers: [other], account: worker, chainId: 31337 })).toEqual([other]);
  });
});
