import type { ReadClient, WriteClient } from "@convergence/sdk";
import { type Address, type Hex, zeroHash } from "viem";
import { describe, expect, it } from "vitest";
import { fakeContext } from "../../test/helpers/fakeContext.ts";
import { QuickInferenceOnSessionError } from "../errors/session.ts";
import { readSpendLedger } from "../policy/readSpendLedger.ts";
import { getQuickInferenceTool } from "../tools/getQuickInference.ts";
import type { QuickInferenceQuote } from "../tools/types.ts";
import { createSdkActions } from "./createSdkActions.ts";

// Unit test with a stub read client: which validator answered is the one thing under test here; the real reads
// are tested against a live chain (packages/sdk fulfillJob.test.ts, test/agent/verifiedInference.test.ts).
const attestor: Address = "0x00000000000000000000000000000000000000A1";
const registry: Address = "0x00000000000000000000000000000000000000B2";
const squatter: Address = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const requestHash: Hex = `0x${"cd".repeat(32)}`;

function actionsAnsweredBy(validator: Address) {
  const readContract = async ({ functionName }: { functionName: string }) => {
    if (functionName === "getAttestation") {
      return {
        jobId: 7n,
        modelId: 1n,
        inputCommitment: 5n,
        outputs: [1n, 2n, 3n],
        worker: squatter,
        timestamp: 1n,
        validationRequestHash: requestHash,
      };
    }
    if (functionName === "validationRegistry") return registry;
    if (functionName === "getValidationStatus") return [validator, 3n, 100, zeroHash, "", 1n];
    throw new Error(`unexpected read ${functionName}`);
  };
  const zero: Address = "0x0000000000000000000000000000000000000000";
  return createSdkActions({
    publicClient: { readContract } as unknown as ReadClient,
    walletClient: {} as WriteClient,
    contracts: {
      WETH: zero,
      USDC: zero,
      Pool: zero,
      AgentRegistry: zero,
      DIDRegistry: zero,
      InferenceAttestor: attestor,
    },
    rpcUrl: "http://127.0.0.1:1",
  });
}

describe("createSdkActions getAttestation", () => {
  it("counts a validation answered by this deployment's attestor", async () => {
    const read = await actionsAnsweredBy(attestor).getAttestation!({ id: `0x${"0".repeat(63)}7` });
    expect(read).toMatchObject({ validation: { validator: attestor, response: 100, validatedByAttestor: true } });
  });
  it("reports a validation answered by anyone else as not validated by this deployment's attestor", async () => {
    const read = await actionsAnsweredBy(squatter).getAttestation!({ id: `0x${"0".repeat(63)}7` });
    expect(read).toMatchObject({
      validation: {
        validator: squatter,
        validatedByAttestor: false,
        note: expect.stringMatching(/not validated by this deployment's attestor/),
      },
    });
    expect((read as { validation: Record<string, unknown> }).validation).not.toHaveProperty("response");
  });
});

describe("createSdkActions requestVerifiedInference: which worker", () => {
  const zero: Address = "0x0000000000000000000000000000000000000000";
  const contracts = {
    WETH: zero,
    USDC: zero,
    Pool: zero,
    AgentRegistry: zero,
    DIDRegistry: zero,
    InferenceAttestor: attestor,
    InferenceEscrow: registry,
  };
  const request = { model: "risk-v1", subject: "WETH/USDC", maxPayment: "2" };
  const withEnv = async (env: Record<string, string | undefined>, run: () => Promise<void>) => {
    const previous = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
    const set = (values: Record<string, string | undefined>) => {
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    };
    set(env);
    try {
      await run();
    } finally {
      set(previous);
    }
  };
  const actions = (workerUrl?: string | null) =>
    createSdkActions({
      publicClient: {} as ReadClient,
      walletClient: {} as WriteClient,
      contracts,
      rpcUrl: "http://127.0.0.1:1",
      ...(workerUrl === undefined ? {} : { workerUrl }),
    });

  it("buys from CONVERGENCE_WORKER_URL when it is set (that worker only)", async () => {
    await withEnv({ CONVERGENCE_WORKER_URL: "http://127.0.0.1:9" }, async () => {
      await expect(actions().requestVerifiedInference!(request)).rejects.toThrow(/127\.0\.0\.1:9/);
    });
  });

  it("goes to the market when no worker is named, or when told null whatever CONVERGENCE_WORKER_URL says", async () => {
    const market = /no worker is named \(CONVERGENCE_WORKER_URL\) and this deployment has no ReputationRegistry/;
    await withEnv({ CONVERGENCE_WORKER_URL: undefined }, async () => {
      await expect(actions().requestVerifiedInference!(request)).rejects.toThrow(market);
    });
    await withEnv({ CONVERGENCE_WORKER_URL: "http://127.0.0.1:9" }, async () => {
      await expect(actions(null).requestVerifiedInference!(request)).rejects.toThrow(market);
    });
  });

  it("refuses a CONVERGENCE_TRUSTED_CLIENTS entry that is not an address, naming it", async () => {
    await withEnv({ CONVERGENCE_TRUSTED_CLIENTS: "0xnope" }, async () => {
      expect(() => actions()).toThrow(/Invalid CONVERGENCE_TRUSTED_CLIENTS entry: "0xnope"/);
    });
  });
});

describe("createSdkActions on a session key", () => {
  it("refuses a quick (x402) answer before anything is read or signed, and get_quick_inference says why and what to do", async () => {
    // x402 pays with an EIP-3009 authorization signed by the USDC holder: the owner's account, whose key the agent
    // does not hold. The session key's own signature would pay from the session key (which holds no USDC).
    const zero: Address = "0x0000000000000000000000000000000000000000";
    const used: string[] = [];
    const record =
      (what: string) =>
      async (..._: unknown[]) => {
        used.push(what);
        throw new Error(`unexpected ${what}`);
      };
    const actions = createSdkActions({
      publicClient: { readContract: record("read"), call: record("call") } as unknown as ReadClient,
      walletClient: {
        account: { address: squatter },
        signTypedData: record("signTypedData"),
        signMessage: record("signMessage"),
      } as unknown as WriteClient,
      contracts: { WETH: zero, USDC: zero, Pool: zero, AgentRegistry: zero, DIDRegistry: zero },
      rpcUrl: "http://127.0.0.1:1",
      workerUrl: "http://127.0.0.1:9",
      session: { address: registry, send: record("send") },
    });
    const quick = { model: "risk-v1", subject: "WETH/USDC", maxPayment: "0.05" };
    await expect(actions.quoteQuickInference!(quick)).rejects.toThrow(QuickInferenceOnSessionError);
    await expect(actions.payQuickInference!({ quote: {} as QuickInferenceQuote, maxAmount: 10_000n })).rejects.toThrow(
      QuickInferenceOnSessionError,
    );

    const { context, ledgerPath } = fakeContext();
    const text = await getQuickInferenceTool({ context: { ...context, actions } }).invoke(quick);
    expect(text).toMatch(/cannot be paid on a session key[\s\S]*Nothing was signed/);
    // What to do: the verified path, or the agent's own key.
    expect(text).toMatch(/verified[\s\S]*--no-session/);
    expect(used).toEqual([]);
    expect(readSpendLedger({ path: ledgerPath }).days).toEqual({});
  });
});
