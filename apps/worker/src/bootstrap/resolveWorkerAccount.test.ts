import { devnetAccounts } from "@convergence/contracts";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { UnusableSettingError } from "../errors/config.ts";
import { resolveWorkerAccount } from "./resolveWorkerAccount.ts";

describe("resolveWorkerAccount", () => {
  const devnetKey = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d" as const;

  it("uses Hardhat account #2 on the devnet when no key is set, and the key when one is", () => {
    expect(resolveWorkerAccount({ privateKey: undefined, chainId: 31337 }).address).toBe(
      devnetAccounts({ count: 3 })[2]!.address,
    );
    const key = generatePrivateKey();
    expect(resolveWorkerAccount({ privateKey: key, chainId: 1 }).address).toBe(privateKeyToAccount(key).address);
    expect(resolveWorkerAccount({ privateKey: devnetKey, chainId: 31337 }).address).toBe(
      devnetAccounts({ count: 2 })[1]!.address,
    );
  });

  it("refuses a missing key and a public devnet key on another chain", () => {
    expect(() => resolveWorkerAccount({ privateKey: undefined, chainId: 8453 })).toThrow(UnusableSettingError);
    expect(() => resolveWorkerAccount({ privateKey: devnetKey, chainId: 8453 })).toThrow(/public Hardhat devnet key/);
  });
});
