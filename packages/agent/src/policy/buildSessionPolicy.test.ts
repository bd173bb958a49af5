import { inferenceEscrowAbi, poolAbi, usdcAbi, wethAbi } from "@convergence/contracts";
import { type Abi, getAbiItem, toFunctionSelector, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import { PolicyConfigError } from "../errors/policy.ts";
import { buildSessionPolicy } from "./buildSessionPolicy.ts";
import { defaultPolicyConfig, type PolicyConfig } from "./types.ts";

const contracts = {
  WETH: "0x0000000000000000000000000000000000000001",
  USDC: "0x0000000000000000000000000000000000000002",
  Pool: "0x0000000000000000000000000000000000000003",
  AgentRegistry: "0x0000000000000000000000000000000000000004",
  DIDRegistry: "0x0000000000000000000000000000000000000005",
  InferenceEscrow: "0x0000000000000000000000000000000000000006",
  ReputationRegistry: "0x0000000000000000000000000000000000000007",
} as const;
const selector = (abi: unknown, name: string) => toFunctionSelector(getAbiItem({ abi: abi as Abi, name }) as never);
const friend = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";

describe("buildSessionPolicy", () => {
  it("without an onChain section: the off-chain caps, the allowlist, every target but the AgentRegistry, 24 hours", () => {
    const config: PolicyConfig = { ...defaultPolicyConfig, allowlist: { ownAccounts: true, addresses: [friend] } };
    const policy = buildSessionPolicy({ config, contracts, now: 1_000n });
    expect(policy.expiresAt).toBe(1_000n + 24n * 3600n);
    expect(policy.limits).toEqual([
      { token: zeroAddress, perCall: 10n ** 18n, perDay: 5n * 10n ** 18n },
      { token: contracts.WETH, perCall: 10n ** 18n, perDay: 5n * 10n ** 18n },
      { token: contracts.USDC, perCall: 1_000_000_000n, perDay: 5_000_000_000n },
    ]);
    // WETH is a recipient because wrapping sends it ETH.
    expect(policy.recipients).toEqual([friend, contracts.WETH]);
    expect(policy.calls).toContainEqual({ target: contracts.Pool, selector: selector(poolAbi, "swapExactIn") });
    expect(policy.calls).toContainEqual({
      target: contracts.InferenceEscrow,
      selector: selector(inferenceEscrowAbi, "openJob"),
    });
    expect(policy.calls).toContainEqual({ target: contracts.WETH, selector: selector(wethAbi, "deposit") });
    expect(policy.calls).toContainEqual({ target: contracts.USDC, selector: selector(usdcAbi, "approve") });
    expect(policy.calls.some((c) => c.target === contracts.AgentRegistry)).toBe(false);
    // No permit: a session key cannot sign for the account.
    expect(policy.calls).not.toContainEqual({ target: contracts.USDC, selector: selector(usdcAbi, "permit") });
    expect(policy.calls.some((c) => c.selector === selector(inferenceEscrowAbi, "openJobWithPermit"))).toBe(false);
  });

  it("with an onChain section: its caps, recipients, targets and expiry", () => {
    const config: PolicyConfig = {
      ...defaultPolicyConfig,
      onChain: {
        perCallCap: { ETH: "0", WETH: "0.5", USDC: "50" },
        dailyCap: { ETH: "0", WETH: "1", USDC: "200" },
        recipients: [friend],
        targets: ["USDC", "Pool"],
        expiresInHours: 1.5,
      },
    };
    const policy = buildSessionPolicy({ config, contracts, now: 0n });
    expect(policy.expiresAt).toBe(5_400n);
    expect(policy.limits[2]).toEqual({ token: contracts.USDC, perCall: 50_000_000n, perDay: 200_000_000n });
    expect(policy.recipients).toEqual([friend]);
    expect(new Set(policy.calls.map((c) => c.target))).toEqual(new Set([contracts.USDC, contracts.Pool]));
  });

  it("refuses a per-call cap over the daily one, and a target the deployment lacks, naming the field", () => {
    const over: PolicyConfig = {
      ...defaultPolicyConfig,
      onChain: {
        perCallCap: { ETH: "1", WETH: "1", USDC: "300" },
        dailyCap: { ETH: "1", WETH: "1", USDC: "200" },
        recipients: [],
        targets: ["USDC"],
        expiresInHours: 1,
      },
    };
    expect(() => buildSessionPolicy({ config: over, contracts, now: 0n })).toThrow(/onChain\.perCallCap\.USDC/);
    const { InferenceEscrow: _e, ...noEscrow } = contracts;
    expect(() => buildSessionPolicy({ config: defaultPolicyConfig, contracts: noEscrow, now: 0n })).toThrow(
      PolicyConfigError,
    );
    expect(() => buildSessionPolicy({ config: defaultPolicyConfig, contracts: noEscrow, now: 0n })).toThrow(
      /no InferenceEscrow/,
    );
  });
});
