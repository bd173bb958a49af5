import type { AddressInfo } from "node:net";
import { x402Facilitator } from "@x402/core/facilitator";
import type { Network, PaymentPayload, PaymentRequirements } from "@x402/core/types";
import { ExactEvmScheme } from "@x402/evm/exact/facilitator";
import express, { type NextFunction, type Request, type Response } from "express";
import {
  type Account,
  type Address,
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  http,
  isAddress,
} from "viem";
import { hardhat } from "viem/chains";
import {
  FacilitatorChainMismatchError,
  FacilitatorListenError,
  FacilitatorNoGasError,
  FacilitatorRpcUnreachableError,
} from "../errors/facilitator.ts";
import { createFacilitatorSigner } from "../signer/createFacilitatorSigner.ts";

export type StartFacilitatorParameters = {
  /** The chain it settles on. */
  rpcUrl: string;
  /** That chain's id: the facilitator serves the CAIP-2 network `eip155:<chainId>` and checks the RPC serves it. */
  chainId: number;
  /** The facilitator's own account: it sends the settlement transactions and pays their gas (never the payer's funds). */
  account: Account;
  /**
   * The tokens it settles (the stack's USDC). A payment in any other is refused at /verify and /settle before the chain
   * is read: whoever reaches the facilitator chooses the requirements, and with any token allowed a contract of theirs
   * would be called from the facilitator's account on its gas. Unset: any token (a public facilitator's choice).
   */
  assets?: readonly Address[];
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 4022; 0 = any free port. */
  port?: number;
};

export type StartFacilitatorReturnType = {
  /** http://host:port: the URL a worker's WORKER_FACILITATOR_URL names. */
  url: string;
  /** The CAIP-2 network it settles on. */
  network: Network;
  close(): Promise<void>;
};

/**
 * Starts an x402 v2 facilitator for one EVM chain: `POST /verify`, `POST /settle` and `GET /supported`, as the
 * official `@x402/core` facilitator with the `@x402/evm` `exact` scheme (EIP-3009 `transferWithAuthorization`, on
 * whatever token the payment requirements name). Hosted facilitators cannot reach a local chain: this one can, and a
 * worker on a public chain can point at a public facilitator instead. It pays gas from its own account; a payment only
 * ever moves what its payer signed. With `assets`, it settles those tokens only. Also `GET /healthz`.
 *
 * @example
 * const facilitator = await startFacilitator({ rpcUrl: "http://127.0.0.1:8545", chainId: 31337, account, port: 0 });
 * // WORKER_FACILITATOR_URL=facilitator.url pnpm worker
 * await facilitator.close();
 */
export async function startFacilitator({
  rpcUrl,
  chainId,
  account,
  assets,
  host = "127.0.0.1",
  port = 4022,
}: StartFacilitatorParameters): Promise<StartFacilitatorReturnType> {
  const chain =
    chainId === hardhat.id
      ? hardhat
      : defineChain({
          id: chainId,
          name: `chain ${chainId}`,
          nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
          rpcUrls: { default: { http: [rpcUrl] } },
        });
  const transport = http(rpcUrl, { retryCount: 1, timeout: 30_000 });
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 100 });
  const walletClient = createWalletClient({ chain, transport, account, pollingInterval: 100 });
  let actual: number;
  try {
    actual = await createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 5_000 }) }).getChainId();
  } catch (cause) {
    throw new FacilitatorRpcUnreachableError({ rpcUrl, cause });
  }
  if (actual !== chainId) throw new FacilitatorChainMismatchError({ rpcUrl, expected: chainId, actual });
  if ((await publicClient.getBalance({ address: account.address })) === 0n) {
    throw new FacilitatorNoGasError({ address: account.address, chainId });
  }

  const network = `eip155:${chainId}` as Network;
  const facilitator = new x402Facilitator().register(
    network,
    new ExactEvmScheme(createFacilitatorSigner({ publicClient, walletClient })),
  );

  const app = express();
  app.disable("x-powered-by");
  app.use(express.json({ limit: "64kb" }));
  const allowed = assets?.map((asset) => getAddress(asset));
  const unsupported = (requirements: PaymentRequirements): boolean =>
    allowed !== undefined &&
    !(
      typeof requirements.asset === "string" &&
      isAddress(requirements.asset, { strict: false }) &&
      allowed.includes(getAddress(requirements.asset))
    );
  const UNSUPPORTED = `This facilitator settles only ${allowed?.join(", ")}: pay in that token, or use a facilitator for yours.`;
  // What it answers goes to the worker and on to the payer (PAYMENT-RESPONSE): viem's first line says what failed, the
  // rest names the RPC's URL, where a provider's API key lives.
  const say = (message: string): string => (message.split("\n")[0] ?? "").replaceAll(rpcUrl, "the facilitator's RPC");
  const redact = <T extends { errorMessage?: string; invalidMessage?: string }>(reply: T): T => ({
    ...reply,
    ...(reply.errorMessage === undefined ? {} : { errorMessage: say(reply.errorMessage) }),
    ...(reply.invalidMessage === undefined ? {} : { invalidMessage: say(reply.invalidMessage) }),
  });
  const requests = (req: Request): { paymentPayload?: PaymentPayload; paymentRequirements?: PaymentRequirements } =>
    (req.body ?? {}) as { paymentPayload?: PaymentPayload; paymentRequirements?: PaymentRequirements };

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", network, signer: account.address });
  });
  app.get("/supported", (_req, res) => {
    res.json(facilitator.getSupported());
  });
  app.post("/verify", async (req, res) => {
    const { paymentPayload, paymentRequirements } = requests(req);
    if (!paymentPayload || !paymentRequirements) {
      res.status(400).json({ isValid: false, invalidReason: "missing_parameters", invalidMessage: MISSING });
      return;
    }
    if (unsupported(paymentRequirements)) {
      res.json({ isValid: false, invalidReason: "unsupported_asset", invalidMessage: UNSUPPORTED });
      return;
    }
    res.json(redact(await facilitator.verify(paymentPayload, paymentRequirements)));
  });
  app.post("/settle", async (req, res) => {
    const { paymentPayload, paymentRequirements } = requests(req);
    if (!paymentPayload || !paymentRequirements) {
      res.status(400).json({ success: false, errorReason: "missing_parameters", transaction: "", network });
      return;
    }
    if (unsupported(paymentRequirements)) {
      res.json({
        success: false,
        errorReason: "unsupported_asset",
        errorMessage: UNSUPPORTED,
        transaction: "",
        network,
      });
      return;
    }
    res.json(redact(await facilitator.settle(paymentPayload, paymentRequirements)));
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const { type } = (error ?? {}) as { type?: string };
    if (type === "entity.parse.failed" || type === "entity.too.large") {
      res.status(400).json({ isValid: false, invalidReason: "invalid_json", invalidMessage: String(error) });
      return;
    }
    res.status(500).json({ error: say(error instanceof Error ? error.message : String(error)) });
  });

  const server = app.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", (cause) => reject(new FacilitatorListenError({ host, port, cause })));
  });
  const bound = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${bound}`;
  return {
    url,
    network,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const MISSING = "Send { x402Version, paymentPayload, paymentRequirements } as JSON.";
