import { agentRegistryAbi } from "@convergence/contracts";
import { convergenceHome } from "@convergence/paths";
import { createClients } from "@convergence/sdk";
import type { Account, Address } from "viem";
import { AgentAccountConfigError } from "../errors/session.ts";
import { type CreatePolicyGuardParameters, createPolicyGuard } from "../policy/createPolicyGuard.ts";
import { loadPolicy } from "../policy/loadPolicy.ts";
import type { AgentContext } from "../tools/types.ts";
import { createChainSimulator } from "./createChainSimulator.ts";
import { type CreateSdkActionsParameters, createSdkActions } from "./createSdkActions.ts";
import { createSessionSender } from "./createSessionSender.ts";
import { registrationUri } from "./registrationUri.ts";
import type { StackAddresses } from "./tokenAddresses.ts";

export type CreateAgentContextParameters = {
  rpcUrl: string;
  chainId: number;
  /** The agent's own signing account (its address is the agent's). Not with `session`. */
  account?: Account;
  /**
   * Run on a session key instead (EIP-7702): `account` is the owner's address, delegated to the AgentAccount, and the
   * agent's address everywhere (balances, DID, identity, the escrow's requester, the swap's recipient); `key` is the
   * session key the owner granted (readSessionKey). Every tool sends one batch of calls through the account
   * (approve + call instead of permits), which the chain checks against the grant's policy.
   */
  session?: { account: Address; key: Account };
  /** Deployed stack addresses (deployments/<chainId>.json). */
  contracts: StackAddresses;
  /** Folder of policy.json and the spend ledger (default convergenceHome() of @convergence/paths). */
  home?: string;
  /** Other accounts of the user that transfers may go to. */
  ownAccounts?: readonly Address[];
  /** `--yes`: send without asking. */
  yes?: boolean;
  confirm?: (summary: string) => Promise<boolean>;
  /**
   * The inference worker to buy from, and only it (default CONVERGENCE_WORKER_URL; unset, or null whatever that says:
   * the market chooses).
   */
  workerUrl?: string | null;
  /** How the market chooses when no worker is named (see createSdkActions): pass the deployment's `fromBlock`. */
  market?: CreateSdkActionsParameters["market"];
  /** Each step of a verified inference as it runs (choose, open, deliver, attest, failover, feedback, refund). */
  onInferenceStep?: CreateSdkActionsParameters["onInferenceStep"];
  /** Told of every policy decision (see createPolicyGuard). */
  onDecision?: CreatePolicyGuardParameters["onDecision"];
  /** The clock that picks the spend ledger's UTC day (default: the system clock); tests pin it. */
  now?: CreatePolicyGuardParameters["now"];
};

/**
 * Everything the tools need on a real chain: SDK actions signed by `account` (or, with `session`, sent as batches
 * through the owner's EIP-7702 account by the session key), and the spending policy from `<home>/policy.json`
 * (created from the defaults on first use) with on-chain simulation, the spend ledger (the sending key's nonce tells
 * whether a failed send went out), and AgentRegistry owners on the allowlist only if policy.json opts in with
 * `allowlist.anyRegisteredAgent`. The off-chain policy decides first; on a session key the account then refuses what
 * the grant forbids (SessionRefusedError, named), before anything is sent.
 *
 * @example
 * const { context } = createAgentContext({ rpcUrl, chainId: 31337, account, contracts: deployment.contracts, yes: true });
 * const tools = createAgentTools({ context });
 * // On a session key (convergence agent session grant wrote the file):
 * const read = readSessionKey({ home, chainId: 31337 });
 * if (read.found) createAgentContext({ rpcUrl, chainId: 31337, session: { account: read.account, key: read.key }, contracts });
 */
export function createAgentContext(parameters: CreateAgentContextParameters) {
  const {
    rpcUrl,
    chainId,
    contracts,
    session,
    ownAccounts = [],
    yes,
    confirm,
    onDecision,
    workerUrl,
    market,
    onInferenceStep,
    now,
  } = parameters;
  if ((parameters.account === undefined) === (session === undefined)) {
    throw new AgentAccountConfigError({
      problem: session === undefined ? "neither an account nor a session key was given" : "both were given",
    });
  }
  // The key that signs: the agent's own, or the session key (then the agent's address is the owner's account).
  const signer = (session?.key ?? parameters.account)!;
  const account = session?.account ?? signer.address;
  const { publicClient, walletClient } = createClients({ rpcUrl, chainId, account: signer });
  const policy = loadPolicy({ home: parameters.home ?? convergenceHome() });
  const guard = createPolicyGuard({
    config: policy.config,
    ledgerPath: policy.ledgerPath,
    ownAccounts: [account, ...ownAccounts],
    isRegisteredAgent: async (address) =>
      (await publicClient.readContract({
        address: contracts.AgentRegistry,
        abi: agentRegistryAbi,
        functionName: "balanceOf",
        args: [address],
      })) > 0n,
    // The key that sends: with a session key, its nonce tells whether a failed send went out.
    sentTransactionCount: () => publicClient.getTransactionCount({ address: signer.address, blockTag: "pending" }),
    simulate: createChainSimulator({
      client: publicClient,
      account,
      contracts,
      agentURI: registrationUri,
    }),
    ...(yes === undefined ? {} : { yes }),
    ...(confirm === undefined ? {} : { confirm }),
    ...(onDecision === undefined ? {} : { onDecision }),
    ...(now === undefined ? {} : { now }),
  });
  const context: AgentContext = {
    account,
    actions: createSdkActions({
      publicClient,
      walletClient: walletClient!,
      contracts,
      rpcUrl,
      ...(workerUrl === undefined ? {} : { workerUrl }),
      ...(market === undefined ? {} : { market }),
      ...(onInferenceStep === undefined ? {} : { onInferenceStep }),
      ...(session === undefined
        ? {}
        : { session: createSessionSender({ rpcUrl, chainId, account: session.account, key: session.key }) }),
    }),
    guard,
    defaultSlippageBps: policy.config.defaultSlippageBps,
  };
  return { context, policy, publicClient, session: session === undefined ? undefined : { key: signer.address } };
}
