import { DEVNET_ROLE_INDEX } from "@convergence/contracts";
import { AccountSettingError, resolveAccount } from "@convergence/sdk";
import type { Hex, LocalAccount } from "viem";
import { UnusableSettingError } from "../errors/config.ts";

export type ResolveWorkerAccountParameters = {
  /** WORKER_PRIVATE_KEY, already checked for form by loadConfig. */
  privateKey: Hex | undefined;
  chainId: number;
};

export type ResolveWorkerAccountReturnType = LocalAccount;

/**
 * The worker's account: WORKER_PRIVATE_KEY, or on the local devnet (chain 31337) Hardhat's account #2, by the SDK's
 * `resolveAccount` (a public devnet key is refused on any other chain: anyone could take its payments). Its refusal
 * comes back as the worker's UnusableSettingError, so the worker reports every setting problem with its own errors.
 *
 * @example
 * const account = resolveWorkerAccount({ privateKey: config.privateKey, chainId: 31337 });
 */
export function resolveWorkerAccount({
  privateKey,
  chainId,
}: ResolveWorkerAccountParameters): ResolveWorkerAccountReturnType {
  try {
    return resolveAccount({
      setting: "WORKER_PRIVATE_KEY",
      privateKey,
      chainId,
      devnetIndex: DEVNET_ROLE_INDEX.worker,
      needs: "an account with gas",
    });
  } catch (error) {
    if (!(error instanceof AccountSettingError)) throw error;
    throw new UnusableSettingError({ variable: error.setting, problem: error.problem, fix: error.fix, cause: error });
  }
}
