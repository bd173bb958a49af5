import { type HDAccount, mnemonicToAccount } from "viem/accounts";

/** The well-known Hardhat development mnemonic. Its keys are public: never use them outside a devnet. */
export const DEVNET_MNEMONIC = "test test test test test test test test test test test junk";
export const DEVNET_CHAIN_ID = 31337;

/**
 * The deterministic accounts every Hardhat node starts with, funded with 10,000 ETH each.
 *
 * @example
 * const [deployer, alice] = devnetAccounts({ count: 2 });
 */
export function devnetAccounts({ count = 10 }: { count?: number } = {}): HDAccount[] {
  return Array.from({ length: count }, (_, addressIndex) => mnemonicToAccount(DEVNET_MNEMONIC, { addressIndex }));
}
