import { DevnetWorkerIndexError } from "../errors/devnet.ts";
import { DEVNET_ROLE_INDEX, DEVNET_ROLES } from "./devnetRoles.ts";

/**
 * How many workers one devnet runs at most (`convergence devnet --workers N`): their accounts are Hardhat accounts
 * #2 and #7-#13, all among the 20 a Hardhat node starts with 10,000 ETH each.
 */
export const DEVNET_MAX_WORKERS = 8;

export type DevnetWorkerIndexParameters = {
  /** The worker's number on the devnet: 0 is the worker role, 1..DEVNET_MAX_WORKERS-1 the extra ones. */
  worker: number;
};

/** The worker's account index in the devnet mnemonic (see `devnetAccounts`). */
export type DevnetWorkerIndexReturnType = number;

/**
 * The devnet account index of worker `worker`, the one owner of this rule: worker 0 is the worker role (#2), and
 * worker i >= 1 takes the i-th account after every role's (#7, #8, ...), so a new worker never signs as another role.
 * Throws `DevnetWorkerIndexError` outside 0..DEVNET_MAX_WORKERS-1.
 *
 * @example
 * devnetWorkerIndex({ worker: 0 }); // 2
 * devnetWorkerIndex({ worker: 1 }); // 7
 */
export function devnetWorkerIndex({ worker }: DevnetWorkerIndexParameters): DevnetWorkerIndexReturnType {
  if (!Number.isInteger(worker) || worker < 0 || worker >= DEVNET_MAX_WORKERS) {
    throw new DevnetWorkerIndexError({ worker, max: DEVNET_MAX_WORKERS });
  }
  if (worker === 0) return DEVNET_ROLE_INDEX.worker;
  return Math.max(...DEVNET_ROLES.map(({ index }) => index)) + worker;
}
