import { DEVNET_CHAIN_ID, devnetAccounts } from "@convergence/contracts";
import type { Hex, LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { AccountSettingError } from "../errors/account.ts";

/** Hardhat nodes start with 20 accounts from the public mnemonic: all of them are refused off the devnet. */
const PUBLIC_DEVNET_ACCOUNTS = 20;

export type ResolveAccountParameters = {
  /** The setting the key comes from, named in every error: `DEPLOYER_PRIVATE_KEY`. */
  setting: string;
  /** The setting's value (`process.env.DEPLOYER_PRIVATE_KEY`); unset or blank means "the devnet account". */
  privateKey: string | undefined;
  chainId: number;
  /** The well-known Hardhat account (0-19) this role signs with on the local devnet when the key is unset. */
  devnetIndex: number;
  /** What the account must hold on another chain, for the fix: default "a funded account". */
  needs?: string;
};

export type ResolveAccountReturnType = LocalAccount;

/**
 * The account a command or service signs with: the private key from `setting`, or on the local devnet (chain 31337)
 * Hardhat's well-known account `devnetIndex`. The one owner of this rule, so every signer refuses the same things:
 * a malformed key, no key off the devnet, and any of the public Hardhat devnet keys off the devnet (anyone can sign
 * with them, so funds sent to them are anyone's).
 *
 * @throws AccountSettingError naming `setting`, what was wrong and what to do.
 *
 * @example
 * const account = resolveAccount({
 *   setting: "DEPLOYER_PRIVATE_KEY", privateKey: process.env.DEPLOYER_PRIVATE_KEY, chainId, devnetIndex: 0,
 * });
 */
export function resolveAccount({
  setting,
  privateKey,
  chainId,
  devnetIndex,
  needs = "a funded account",
}: ResolveAccountParameters): ResolveAccountReturnType {
  const key = privateKey?.trim();
  const onDevnet = chainId === DEVNET_CHAIN_ID;
  if (!key) {
    if (onDevnet) return devnetAccounts({ count: devnetIndex + 1 })[devnetIndex]!;
    throw new AccountSettingError({
      setting,
      problem: `not set, and chain ${chainId} is not the local devnet (${DEVNET_CHAIN_ID}).`,
      fix: `Export ${setting}=0x<64 hex digits> for ${needs} on chain ${chainId}.`,
    });
  }
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) {
    throw new AccountSettingError({
      setting,
      // The value is a secret: say what is wrong with it, never echo it.
      problem: `is not a private key (${key.length} characters; expected 0x followed by 64 hex digits).`,
      fix: `Set ${setting} to the account's private key${onDevnet ? ", or unset it to use the devnet account" : ""}.`,
    });
  }
  const account = privateKeyToAccount(key as Hex);
  if (!onDevnet) {
    const index = devnetAccounts({ count: PUBLIC_DEVNET_ACCOUNTS }).findIndex((a) => a.address === account.address);
    if (index !== -1) {
      throw new AccountSettingError({
        setting,
        problem: `is a public Hardhat devnet key, refused on chain ${chainId} (account #${index} of the published mnemonic: anyone can sign with it).`,
        fix: `Use a private key of your own for ${needs} on chain ${chainId}; the devnet keys are for chain ${DEVNET_CHAIN_ID} only.`,
      });
    }
  }
  return account;
}
