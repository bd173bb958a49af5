import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Address } from "viem";
import { QuickPaymentRefusedError } from "../../src/errors/inference.ts";
import {
  type CreatePolicyGuardParameters,
  createPolicyGuard,
  type SimulationResult,
} from "../../src/policy/createPolicyGuard.ts";
import { defaultPolicyConfig, type PolicyConfig } from "../../src/policy/types.ts";
import type { AgentActions, AgentContext, QuickInferenceQuote } from "../../src/tools/types.ts";

// Test double for unit tests of the tools and the agent loop: in-memory actions that record every
// call, behind the real policy guard (real caps, ledger in a temp folder, allowlist, confirmation).
// The real actions (createSdkActions) are tested against a live devnet.

export const ME: Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
export const FRIEND: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
export const STRANGER: Address = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
/** The quick-inference worker (its default payTo is FRIEND, on the allowlist). */
export const WORKER_URL = "http://127.0.0.1:8080";

export type FakeContextOptions = {
  config?: PolicyConfig;
  simulate?: (call: Parameters<CreatePolicyGuardParameters["simulate"]>[0]) => Promise<SimulationResult>;
  risk?: "low" | "medium" | "high";
  inference?: boolean;
  failing?: Partial<Record<keyof AgentActions, string>>;
  yes?: boolean;
  confirm?: (summary: string) => Promise<boolean>;
  /** What the quick-inference worker's 402 asks (default 0.01 USDC to FRIEND); false: no x402 support. */
  quick?: { price: bigint; payTo?: Address } | false;
  /** What the worker asks at payment time, if it changed since the quote: payQuickInference refuses like the SDK. */
  quickAtPayment?: { price: bigint; payTo?: Address };
};

export function fakeContext(options: FakeContextOptions = {}) {
  const calls: { action: string; args: unknown }[] = [];
  const sends = () =>
    calls.filter(
      (c) =>
        !["getBalances", "quoteSwap", "resolveDid", "resolveAddress", "getAttestation", "quoteQuickInference"].includes(
          c.action,
        ),
    );
  const record = <T>(action: keyof AgentActions, args: unknown, result: T): Promise<T> => {
    calls.push({ action, args });
    const failure = options.failing?.[action];
    return failure ? Promise.reject(new Error(failure)) : Promise.resolve(result);
  };
  const actions: AgentActions = {
    getBalances: (p) => record("getBalances", p, [{ symbol: "USDC", balance: "1000" }]),
    quoteSwap: (p) => record("quoteSwap", p, { amountOut: "0.05" }),
    swapTokens: (p) =>
      record("swapTokens", p, { amountOut: "0.05", minAmountOut: "0.049", transactions: [{ hash: "0x02" as const }] }),
    transferTokens: (p) => record("transferTokens", p, { hash: "0x03" as const, gasUsed: 21_000n }),
    wrapEth: (p) => record("wrapEth", p, { hash: "0x04" as const }),
    unwrapEth: (p) => record("unwrapEth", p, { hash: "0x05" as const }),
    registerAgent: (p) =>
      record("registerAgent", p, { agentId: "1", did: `did:ethr:0x7a69:${ME}`, hash: "0x06" as const }),
    resolveDid: (p) => record("resolveDid", p, { didDocument: { id: p.did } }),
    resolveAddress: async ({ value }) => {
      calls.push({ action: "resolveAddress", args: { value } });
      const match = /0x[0-9a-fA-F]{40}$/.exec(value);
      if (!match) throw new Error(`${value} is not an address or did:ethr`);
      return match[0] as Address;
    },
    requestVerifiedInference:
      options.inference === false
        ? undefined
        : (p) =>
            record("requestVerifiedInference", p, {
              attestationId: `0x${"ab".repeat(32)}`,
              risk: options.risk ?? "low",
              score: 0.1,
            }),
    getAttestation: (p) => record("getAttestation", p, { id: p.id, verified: true }),
    ...(options.quick === false
      ? {}
      : {
          quoteQuickInference: async (p) => {
            calls.push({ action: "quoteQuickInference", args: p });
            const asked = options.quick || { price: 10_000n, payTo: FRIEND };
            return {
              model: p.model,
              subject: p.subject,
              workerUrl: WORKER_URL,
              modelId: "1",
              input: [0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n],
              output: { scale: 8, labels: ["low", "medium", "high"] },
              price: asked.price,
              payTo: asked.price === 0n ? undefined : (asked.payTo ?? FRIEND),
              choice: { by: "named" },
            } satisfies QuickInferenceQuote;
          },
          payQuickInference: async (p) => {
            const asked = options.quickAtPayment ?? { price: p.quote.price, payTo: p.quote.payTo };
            // The SDK's checks, before anything is signed.
            if (asked.price > p.maxAmount)
              throw new QuickPaymentRefusedError({ workerUrl: WORKER_URL, problem: "too much" });
            if (asked.payTo !== p.quote.payTo)
              throw new QuickPaymentRefusedError({ workerUrl: WORKER_URL, problem: "wrong payTo" });
            return record("payQuickInference", p, { risk: options.risk ?? "low", verified: false, price: asked.price });
          },
        }),
  };
  const ledgerPath = join(mkdtempSync(join(tmpdir(), "agent-ledger-")), "spend-ledger.json");
  // FRIEND is on the user's explicit list; STRANGER is a registered agent (anyone can register), which alone
  // must not make it a recipient.
  const config = options.config ?? {
    ...defaultPolicyConfig,
    allowlist: { ...defaultPolicyConfig.allowlist, addresses: [FRIEND] },
  };
  const guard = createPolicyGuard({
    config,
    ledgerPath,
    ownAccounts: [ME],
    isRegisteredAgent: async (address) => address.toLowerCase() === STRANGER.toLowerCase(),
    simulate: options.simulate ?? (async () => ({ ok: true })),
    yes: options.yes ?? true,
    confirm: options.confirm,
  });
  const context: AgentContext = { account: ME, actions, guard, defaultSlippageBps: config.defaultSlippageBps };
  return { context, calls, sends, ledgerPath };
}
