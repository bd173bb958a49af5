import {
  agentRegistryAbi,
  inferenceEscrowAbi,
  poolAbi,
  reputationRegistryAbi,
  usdcAbi,
  wethAbi,
} from "@convergence/contracts";
import { type Abi, type Address, getAddress, type Hex, toFunctionSelector, zeroAddress } from "viem";
import { toBaseUnits } from "../chain/toBaseUnits.ts";
import type { StackAddresses } from "../chain/tokenAddresses.ts";
import { PolicyConfigError } from "../errors/policy.ts";
import type { TokenSymbol } from "../intent/types.ts";
import { onChainPolicyOf } from "./onChainPolicyOf.ts";
import { type PolicyConfig, SESSION_TARGETS, type SessionTarget } from "./types.ts";

/** A session grant's policy as the AgentAccount takes it (IAgentAccount.SessionPolicy). */
export type SessionGrantPolicy = {
  /** Last valid second, unix time. */
  expiresAt: bigint;
  /** Per-token caps; address(0) is ETH. */
  limits: { token: Address; perCall: bigint; perDay: bigint }[];
  recipients: Address[];
  calls: { target: Address; selector: Hex }[];
};

export type BuildSessionPolicyParameters = {
  config: PolicyConfig;
  contracts: StackAddresses;
  /** The chain's time now (unix seconds): the grant expires `expiresInHours` after it. */
  now: bigint;
  /** The file the config came from, for errors. */
  path?: string;
};

const ABIS: Record<SessionTarget, Abi> = {
  USDC: usdcAbi as Abi,
  WETH: wethAbi as Abi,
  Pool: poolAbi as Abi,
  InferenceEscrow: inferenceEscrowAbi as Abi,
  ReputationRegistry: reputationRegistryAbi as Abi,
  AgentRegistry: agentRegistryAbi as Abi,
};

/**
 * The on-chain policy a session key is granted (onChainPolicyOf): caps per token (ETH as address(0)) in base units,
 * the recipients (allowlist.addresses and onChain.recipients; WETH too when it is a target, since wrapping sends it
 * ETH), each target's functions as (address, selector) pairs from this deployment's ABIs (every overload of a name),
 * and the expiry. A target the deployment lacks (no InferenceEscrow) is an error naming it.
 *
 * @example
 * const policy = buildSessionPolicy({ config, contracts: deployment.contracts, now: block.timestamp });
 */
export function buildSessionPolicy({
  config,
  contracts,
  now,
  path = "policy.json",
}: BuildSessionPolicyParameters): SessionGrantPolicy {
  const onChain = onChainPolicyOf({ config });
  const tokens: Record<TokenSymbol, Address> = { ETH: zeroAddress, WETH: contracts.WETH, USDC: contracts.USDC };
  const limits = (Object.keys(tokens) as TokenSymbol[]).map((symbol) => ({
    token: tokens[symbol],
    perCall: toBaseUnits({ amount: onChain.perCallCap[symbol], symbol }),
    perDay: toBaseUnits({ amount: onChain.dailyCap[symbol], symbol }),
  }));
  for (const limit of limits) {
    if (limit.perCall > limit.perDay) {
      const symbol = (Object.keys(tokens) as TokenSymbol[]).find((s) => tokens[s] === limit.token)!;
      throw new PolicyConfigError({
        path,
        field: `onChain.perCallCap.${symbol}`,
        problem: `${onChain.perCallCap[symbol]} is over the daily cap ${onChain.dailyCap[symbol]}: one call could never spend it`,
      });
    }
  }
  const calls: SessionGrantPolicy["calls"] = [];
  for (const name of new Set(onChain.targets)) {
    const target = contracts[name];
    if (!target) {
      throw new PolicyConfigError({
        path,
        field: "onChain.targets",
        problem: `this deployment has no ${name}; remove it from the targets, or deploy the full stack (pnpm convergence deploy)`,
      });
    }
    const functions = new Set<string>(SESSION_TARGETS[name]);
    const selectors = new Set(
      ABIS[name]
        .filter((item) => item.type === "function" && functions.has(item.name))
        .map((item) => toFunctionSelector(item as never)),
    );
    for (const selector of selectors) calls.push({ target: getAddress(target), selector });
  }
  const recipients = [
    ...config.allowlist.addresses,
    ...onChain.recipients,
    ...(onChain.targets.includes("WETH") ? [contracts.WETH] : []),
  ]
    .map((a) => getAddress(a))
    .filter((a, i, all) => all.indexOf(a) === i);
  return {
    expiresAt: now + BigInt(Math.round(onChain.expiresInHours * 3600)),
    limits,
    recipients,
    calls,
  };
}
