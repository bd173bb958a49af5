import {
  createClients,
  delegateToAgentAccount,
  getAccountDelegation,
  getSession,
  grantSession,
  revokeSession,
} from "@convergence/sdk";
import { type Address, type Hash, isAddressEqual, type LocalAccount, parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import type { StackAddresses } from "../chain/tokenAddresses.ts";
import { AgentAccountUnavailableError } from "../errors/session.ts";
import { buildSessionPolicy, type SessionGrantPolicy } from "../policy/buildSessionPolicy.ts";
import { loadPolicy } from "../policy/loadPolicy.ts";
import { readSessionKey } from "./readSessionKey.ts";
import { writeSessionKey } from "./writeSessionKey.ts";

export type GrantAgentSessionParameters = {
  rpcUrl: string;
  chainId: number;
  /** The owner's key (the agent's own account): it delegates, grants and funds; the agent never holds it. */
  owner: LocalAccount;
  contracts: StackAddresses;
  /** Folder of policy.json (its `onChain` section) and of the session key file. */
  home: string;
  /** ETH (wei) sent to the new session key for its gas (default 0.05 ETH). */
  fundEth?: bigint;
};

export type GrantAgentSessionReturnType = {
  account: Address;
  session: Address;
  policy: SessionGrantPolicy;
  /** The EIP-7702 delegation sent now, or undefined when the account had already delegated to this AgentAccount. */
  delegation: { hash: Hash } | undefined;
  grant: { hash: Hash; gasUsed: bigint };
  /** The earlier session key of this account in the key file, revoked before the new grant (when still active). */
  revoked: Address | undefined;
  /** The session key file written (0600). */
  path: string;
};

/** Gas for a few dozen batches on a devnet; the owner can send more at any time. */
const DEFAULT_FUND_ETH = parseEther("0.05");

/**
 * Puts the agent on a session key: the owner's EOA delegates to the deployment's AgentAccount with EIP-7702 if it has
 * not yet (keeping its address, balances, DID and ERC-8004 identity), the earlier session key in the key file is
 * revoked if still active, a fresh key is made and granted policy.json's on-chain policy (buildSessionPolicy) with a
 * little ETH for gas, and the key is written to `<home>/session-key.json` (0600). The private key is never returned.
 *
 * @example
 * const { session, policy } = await grantAgentSession({ rpcUrl, chainId, owner, contracts: deployment.contracts, home });
 */
export async function grantAgentSession({
  rpcUrl,
  chainId,
  owner,
  contracts,
  home,
  fundEth = DEFAULT_FUND_ETH,
}: GrantAgentSessionParameters): Promise<GrantAgentSessionReturnType> {
  const implementation = contracts.AgentAccount;
  if (!implementation) {
    throw new AgentAccountUnavailableError({ chainId });
  }
  const { publicClient, walletClient } = createClients({ rpcUrl, chainId, account: owner });
  const ownerClient = walletClient!;
  const current = await getAccountDelegation(publicClient, { account: owner.address });
  const delegation =
    current.implementation && isAddressEqual(current.implementation, implementation)
      ? undefined
      : await delegateToAgentAccount(ownerClient, { implementation });

  let revoked: Address | undefined;
  const previous = readSessionKey({ home, chainId });
  if (previous.found && isAddressEqual(previous.account, owner.address)) {
    const view = await getSession(publicClient, { account: owner.address, session: previous.file.session });
    if (view.active) {
      await revokeSession(ownerClient, { session: previous.file.session });
      revoked = previous.file.session;
    }
  }

  const { config, path: policyPath } = loadPolicy({ home });
  const now = (await publicClient.getBlock()).timestamp;
  const policy = buildSessionPolicy({ config, contracts, now, path: policyPath });
  const privateKey = generatePrivateKey();
  const key = privateKeyToAccount(privateKey);
  const grant = await grantSession(ownerClient, { session: key.address, policy, fundEth });
  const path = writeSessionKey({
    home,
    file: { chainId, account: owner.address, session: key.address, privateKey, expiresAt: Number(policy.expiresAt) },
  });
  return {
    account: owner.address,
    session: key.address,
    policy,
    delegation: delegation === undefined ? undefined : { hash: delegation.hash },
    grant: { hash: grant.hash, gasUsed: grant.receipt.gasUsed },
    revoked,
    path,
  };
}
