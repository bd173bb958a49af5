import { BaseError } from "./base.ts";

/** The chain behind the RPC URL is not the one the worker started on: its genesis block changed. */
export class ChainResetError extends BaseError {
  override name = "ChainResetError";
  constructor({ rpcUrl, before, after }: { rpcUrl: string; before: string; after: string }) {
    super(`The chain at ${rpcUrl} was reset: its genesis block is now ${after}, it was ${before}.`, {
      details: "Every job of the old chain that was not settled is marked failed with code CHAIN_RESET.",
      metaMessages: [
        "Deploy again (pnpm convergence deploy), then start the worker again: it registers itself and its models on the new chain.",
      ],
    });
  }
}

/** The deployment record names no InferenceEscrow (or no contract there). */
export class EscrowMissingError extends BaseError {
  override name = "EscrowMissingError";
  constructor({ chainId, escrow, path }: { chainId: number; escrow: string | undefined; path: string }) {
    super(
      escrow
        ? `No contract at the InferenceEscrow address ${escrow} on chain ${chainId} (from ${path}).`
        : `The deployment record ${path} names no InferenceEscrow.`,
      {
        metaMessages: [
          "Deploy the stack to this chain (pnpm convergence deploy), or point CONVERGENCE_RPC_URL at the chain it was deployed to.",
        ],
      },
    );
  }
}

/** No JSON-RPC answer at startup. */
export class RpcUnreachableError extends BaseError {
  override name = "RpcUnreachableError";
  constructor({ rpcUrl, cause }: { rpcUrl: string; cause: unknown }) {
    super(`No JSON-RPC answer from ${rpcUrl}.`, {
      details:
        cause instanceof Error ? ((cause as { shortMessage?: string }).shortMessage ?? cause.message) : String(cause),
      metaMessages: ["Start the local chain with `pnpm chain`, or set CONVERGENCE_RPC_URL to a running node."],
      cause,
    });
  }
}
