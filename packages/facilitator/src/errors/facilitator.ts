import { BaseError } from "./base.ts";

export class FacilitatorChainMismatchError extends BaseError {
  override name = "FacilitatorChainMismatchError";
  constructor({ rpcUrl, expected, actual }: { rpcUrl: string; expected: number; actual: number }) {
    super(`The RPC at ${rpcUrl} serves chain ${actual}, not chain ${expected}.`, {
      metaMessages: ["Point the facilitator at the chain it settles for (--rpc-url), or pass that chain's id."],
    });
  }
}

export class FacilitatorRpcUnreachableError extends BaseError {
  override name = "FacilitatorRpcUnreachableError";
  constructor({ rpcUrl, cause }: { rpcUrl: string; cause: unknown }) {
    super(`The facilitator cannot reach the chain at ${rpcUrl}.`, {
      cause,
      metaMessages: ["Start the chain (pnpm chain) or pass the RPC URL of a running one (--rpc-url)."],
    });
  }
}

export class FacilitatorNoGasError extends BaseError {
  override name = "FacilitatorNoGasError";
  constructor({ address, chainId }: { address: string; chainId: number }) {
    super(`The facilitator's account ${address} holds no ETH on chain ${chainId}: it could not pay settlement gas.`, {
      metaMessages: ["Fund it with a little ETH, or set FACILITATOR_PRIVATE_KEY to a funded key."],
    });
  }
}

export class FacilitatorListenError extends BaseError {
  override name = "FacilitatorListenError";
  constructor({ host, port, cause }: { host: string; port: number; cause: unknown }) {
    super(`The facilitator could not listen on ${host}:${port}.`, {
      cause,
      metaMessages: ["Choose another port (--port), or stop what listens there."],
    });
  }
}
