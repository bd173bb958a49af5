import type { Address, Hex, LocalAccount, WalletClient } from "viem";

export type SignAgentWalletParameters = {
  registry: Address;
  chainId: number;
  agentId: bigint;
  /** The agent's owner, bound into the signature. */
  owner: Address;
  /** The new wallet, which signs to prove it consents. */
  wallet: LocalAccount | { client: WalletClient; address: Address };
  /** Unix seconds; the registry accepts at most 5 minutes ahead. */
  deadline: bigint;
};

/**
 * The new wallet's EIP-712 consent to become an agent's payment wallet (ERC-8004 `AgentWalletSet`).
 *
 * @example
 * const signature = await signAgentWallet({ registry, chainId: 31337, agentId, owner, wallet, deadline });
 */
export async function signAgentWallet({
  registry,
  chainId,
  agentId,
  owner,
  wallet,
  deadline,
}: SignAgentWalletParameters): Promise<Hex> {
  const typedData = {
    domain: { name: "ERC8004IdentityRegistry", version: "1", chainId, verifyingContract: registry },
    types: {
      AgentWalletSet: [
        { name: "agentId", type: "uint256" },
        { name: "newWallet", type: "address" },
        { name: "owner", type: "address" },
        { name: "deadline", type: "uint256" },
      ],
    },
    primaryType: "AgentWalletSet",
    message: { agentId, newWallet: wallet.address, owner, deadline },
  } as const;
  if ("client" in wallet) return wallet.client.signTypedData({ account: wallet.address, ...typedData });
  return wallet.signTypedData(typedData);
}
