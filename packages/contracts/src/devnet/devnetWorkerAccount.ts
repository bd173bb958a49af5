import type { HDAccount } from "viem/accounts";
import { devnetAccounts } from "./devnetAccounts.ts";
import { devnetWorkerIndex } from "./devnetWorkerIndex.ts";

export type DevnetWorkerAccountParameters = {
  /** The worker's number on the devnet (0 = the worker role; see `devnetWorkerIndex`). */
  worker: number;
};

export type DevnetWorkerAccountReturnType = HDAccount;

/**
 * The devnet account worker `worker` signs with and is paid to (its well-known Hardhat key: devnet only). Pass its
 * private key as that worker's WORKER_PRIVATE_KEY: `toHex(account.getHdKey().privateKey!)`.
 *
 * @example
 * const second = devnetWorkerAccount({ worker: 1 }); // Hardhat account #7
 */
export function devnetWorkerAccount({ worker }: DevnetWorkerAccountParameters): DevnetWorkerAccountReturnType {
  const index = devnetWorkerIndex({ worker });
  return devnetAccounts({ count: index + 1 })[index]!;
}
