import {
  type CallBatchSender,
  getAttestation,
  getBalances,
  getValidation,
  parseDid,
  parseTrustedClients,
  quoteSwap,
  type ReadClient,
  registerAgent,
  resolveDid,
  stackTokens,
  swapTokens,
  transferToken,
  unwrapEth,
  ValidationNotByAttestorError,
  type WriteClient,
  wrapEth,
} from "@convergence/sdk";
import { formatUnits, getAddress, isAddress } from "viem";
import { QuickInferenceOnSessionError } from "../errors/session.ts";
import { payQuickRiskInference } from "../inference/payQuickRiskInference.ts";
import { quoteQuickRiskInference } from "../inference/quoteQuickRiskInference.ts";
import { type RequestRiskInferenceParameters, requestRiskInference } from "../inference/requestRiskInference.ts";
import { type TokenSymbol, tokenDecimals } from "../intent/types.ts";
import type { AgentActions, SentTransaction } from "../tools/types.ts";
import { registrationUri } from "./registrationUri.ts";
import { toBaseUnits } from "./toBaseUnits.ts";
import { poolToken, type StackAddresses } from "./tokenAddresses.ts";

export type CreateSdkActionsParameters = {
  publicClient: ReadClient;
  walletClient: WriteClient;
  contracts: StackAddresses;
  /** JSON-RPC URL, for the DID resolver. */
  rpcUrl: string;
  /**
   * The inference worker's HTTP API, to buy from that worker only (default CONVERGENCE_WORKER_URL). Unset, or null
   * (whatever CONVERGENCE_WORKER_URL says): the market chooses among the workers serving the model (see `market`).
   */
  workerUrl?: string | null;
  /**
   * How the market chooses when no worker is named: the deployment's first block, trusted clients (default
   * CONVERGENCE_TRUSTED_CLIENTS), reputation floor, each worker's window.
   */
  market?: RequestRiskInferenceParameters["market"];
  /** Each step of a verified inference (choose, open, deliver, attest, failover, feedback, refund), as it runs. */
  onInferenceStep?: RequestRiskInferenceParameters["onStep"];
  /**
   * Send every transaction from this account through its session key (createSessionSender): `walletClient` is the
   * session key's (it pays the gas) and each send is one batch of calls (approve + call instead of permits).
   */
  session?: CallBatchSender;
};

/** Where `pnpm worker` listens by default (a worker URL users commonly name). */
export const DEFAULT_WORKER_URL = "http://127.0.0.1:8080";

const units = (amount: string, symbol: TokenSymbol) => toBaseUnits({ amount, symbol });
const sent = ({ hash, receipt }: { hash: `0x${string}`; receipt: { gasUsed: bigint } }): SentTransaction => ({
  hash,
  gasUsed: receipt.gasUsed,
});

/**
 * The agent's chain actions over @convergence/sdk: balances, quotes, exact-in swaps (ETH wrapped or
 * unwrapped around the WETH/USDC pool), transfers, wrap/unwrap, ERC-8004 registration and did:ethr
 * resolution, attestations (an attestation id is its escrow job id as 32-byte hex) with their ERC-8004 validation
 * counted only when this deployment's InferenceAttestor gave it, verified risk
 * inference through the escrow and the named worker, or the open market when none is named (requestRiskInference), and
 * quick (unproven) risk inference paid per call over x402 from the same named worker or the market's workers that
 * advertise an x402 price (quoteQuickRiskInference, then payQuickRiskInference).
 *
 * @example
 * const actions = createSdkActions({ publicClient, walletClient, contracts: deployment.contracts, rpcUrl });
 */
export function createSdkActions({
  publicClient,
  walletClient,
  contracts,
  rpcUrl,
  workerUrl = process.env.CONVERGENCE_WORKER_URL?.trim() || undefined,
  market = {},
  onInferenceStep,
  session,
}: CreateSdkActionsParameters): AgentActions {
  const batch = session === undefined ? {} : { batch: session };
  const marketSettings: RequestRiskInferenceParameters["market"] = {
    ...market,
    trustedClients:
      market.trustedClients ??
      parseTrustedClients({ value: process.env.CONVERGENCE_TRUSTED_CLIENTS, source: "CONVERGENCE_TRUSTED_CLIENTS" }),
  };
  const tokens = stackTokens({ deployment: { contracts: contracts as never } });
  const tokenInfo = (symbol: TokenSymbol) => tokens.find((t) => t.symbol === symbol)!;
  return {
    async getBalances({ account }) {
      const balances = await getBalances({ client: publicClient, account, tokens });
      return balances.map((b) => ({ symbol: b.symbol, balance: b.formatted }));
    },
    async quoteSwap({ tokenIn, tokenOut, amountIn }) {
      const raw = await quoteSwap({
        client: publicClient,
        pool: contracts.Pool,
        tokenIn: poolToken({ symbol: tokenIn, contracts }),
        amountIn: units(amountIn, tokenIn),
      });
      return { amountOut: formatUnits(raw, tokenDecimals[tokenOut]) };
    },
    async swapTokens({ tokenIn, tokenOut, amountIn, maxSlippageBps }) {
      const transactions: SentTransaction[] = [];
      const amount = units(amountIn, tokenIn);
      if (tokenIn === "ETH")
        transactions.push(sent(await wrapEth({ client: walletClient, weth: contracts.WETH, amount, ...batch })));
      const swap = await swapTokens({
        client: walletClient,
        pool: contracts.Pool,
        tokenIn: poolToken({ symbol: tokenIn, contracts }),
        amountIn: amount,
        maxSlippageBps,
        ...batch,
      });
      if (swap.approveHash) transactions.push({ hash: swap.approveHash });
      transactions.push(sent(swap));
      if (tokenOut === "ETH") {
        transactions.push(
          sent(await unwrapEth({ client: walletClient, weth: contracts.WETH, amount: swap.amountOut, ...batch })),
        );
      }
      return {
        amountOut: formatUnits(swap.amountOut, tokenDecimals[tokenOut]),
        minAmountOut: formatUnits(swap.minAmountOut, tokenDecimals[tokenOut]),
        transactions,
      };
    },
    async transferTokens({ token, amount, to }) {
      return sent(
        await transferToken({
          client: walletClient,
          token: tokenInfo(token),
          to,
          amount: units(amount, token),
          ...batch,
        }),
      );
    },
    async wrapEth({ amount }) {
      return sent(
        await wrapEth({ client: walletClient, weth: contracts.WETH, amount: units(amount, "ETH"), ...batch }),
      );
    },
    async unwrapEth({ amount }) {
      return sent(
        await unwrapEth({ client: walletClient, weth: contracts.WETH, amount: units(amount, "WETH"), ...batch }),
      );
    },
    async registerAgent({ name, serviceUrl }) {
      const result = await registerAgent({
        client: walletClient,
        registry: contracts.AgentRegistry,
        agentURI: registrationUri(serviceUrl ? { name, serviceUrl } : { name }),
        metadata: { name },
        ...batch,
      });
      return { agentId: result.agentId.toString(), did: result.did, ...sent(result) };
    },
    async resolveDid({ did }) {
      return resolveDid({ did, rpcUrl, registry: contracts.DIDRegistry });
    },
    ...(contracts.InferenceAttestor
      ? {
          getAttestation: async ({ id }: { id: `0x${string}` }) => {
            const attestor = contracts.InferenceAttestor!;
            const attestation = await getAttestation({ client: publicClient, attestor, jobId: BigInt(id) });
            // Only the attestor's answer counts; a validation filed by anyone else is reported as such, never as valid.
            const validation = await getValidation({
              client: publicClient,
              attestor,
              requestHash: attestation.validationRequestHash,
            }).then(
              ({ validator, response }) => ({ validator, response, validatedByAttestor: true }),
              (error: unknown) => {
                if (!(error instanceof ValidationNotByAttestorError)) throw error;
                return { validator: error.validator, validatedByAttestor: false, note: error.shortMessage };
              },
            );
            return { ...attestation, validation };
          },
        }
      : {}),
    ...(contracts.InferenceAttestor && contracts.InferenceEscrow
      ? {
          requestVerifiedInference: (parameters: { model: string; subject: string; maxPayment: string }) =>
            requestRiskInference({
              publicClient,
              walletClient,
              ...(session === undefined ? {} : { requester: session }),
              contracts,
              workerUrl: workerUrl ?? undefined,
              market: marketSettings,
              ...(onInferenceStep === undefined ? {} : { onStep: onInferenceStep }),
              ...parameters,
            }),
        }
      : {}),
    quoteQuickInference: (parameters) =>
      quoteQuickRiskInference({
        publicClient,
        contracts,
        workerUrl: workerUrl ?? undefined,
        market: {
          ...(marketSettings.fromBlock === undefined ? {} : { fromBlock: marketSettings.fromBlock }),
          ...(marketSettings.trustedClients === undefined ? {} : { trustedClients: marketSettings.trustedClients }),
        },
        ...parameters,
      }),
    payQuickInference: ({ quote, maxAmount }) =>
      payQuickRiskInference({ walletClient, usdc: contracts.USDC, quote, maxAmount }),
    // x402 pays with an EIP-3009 authorization signed by the payer's own key: on a session key that is the owner's
    // key, which the agent does not hold, so the quick path refuses before anything is signed.
    ...(session === undefined
      ? {}
      : {
          quoteQuickInference: async () => {
            throw new QuickInferenceOnSessionError();
          },
          payQuickInference: async () => {
            throw new QuickInferenceOnSessionError();
          },
        }),
    async resolveAddress({ value }) {
      if (isAddress(value, { strict: false })) return getAddress(value);
      return parseDid({ did: value }).address;
    },
  };
}
