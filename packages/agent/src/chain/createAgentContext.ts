import { agentRegistryAbi } from "@convergence/contracts";
import { convergenceHome } from "@convergence/paths";
import { createClients } from "@convergence/sdk";
import type { Account, Address } from "viem";
import { type CreatePolicyGuardParameters, createPolicyGuard } from "../policy/createPolicyGuard.ts";
import { loadPolicy } from "../policy/loadPolicy.ts";
import type { AgentContext } from "../tools/types.ts";
import { createChainSimulator } from "./createChainSimulator.ts";
import { type CreateSdkActionsParameters, createSdkActions } from "./createSdkActions.ts";
import { registrationUri } from "./registrationUri.ts";
import type { StackAddresses } from "./tokenAddresses.ts";

export type CreateAgentContextParameters = {
  rpcUrl: string;
  chainId: number;
  /** The agent's signing account. */
  account: Account;
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
 * Everything the tools need on a real chain: SDK actions signed by `account`, and the spending policy
 * from `<home>/policy.json` (created from the defaults on first use) with on-chain simulation, the
 * spend ledger (the account's nonce tells whether a failed send went out), and AgentRegistry owners
 * on the allowlist only if policy.json opts in with `allowlist.anyRegisteredAgent`.
 *
 * @example
 * const { context } = createAgentContext({ rpcUrl, chainId: 31337, account, contracts: deployment.contracts, yes: true });
 * const tools = createAgentTools({ context });
 */
export function createAgentContext(parameters: CreateAgentContextParameters) {
  const {
    rpcUrl,
    chainId,
    account,
    contracts,
    ownAccounts = [],
    yes,
    confirm,
    onDecision,
    workerUrl,
    market,
    onInferenceStep,
    now,
  } = parameters;
  const { publicClient, walletClient } = createClients({ rpcUrl, chainId, account });
  const policy = loadPolicy({ home: parameters.home ?? convergenceHome() });
  const guard = createPolicyGuard({
    config: policy.config,
    ledgerPath: policy.ledgerPath,
    ownAccounts: [account.address, ...ownAccounts],
    isRegisteredAgent: async (address) =>
      (await publicClient.readContract({
        address: contracts.AgentRegistry,
        abi: agentRegistryAbi,
        functionName: "balanceOf",
        args: [address],
      })) > 0n,
    sentTransactionCount: () => publicClient.getTransactionCount({ address: account.address, blockTag: "pending" }),
    simulate: createChainSimulator({
      client: publicClient,
      account: account.address,
      contracts,
      agentURI: registrationUri,
    }),
    ...(yes === undefined ? {} : { yes }),
    ...(confirm === undefined ? {} : { confirm }),
    ...(onDecision === undefined ? {} : { onDecision }),
    ...(now === undefined ? {} : { now }),
  });
  const context: AgentContext = {
    account: account.address,
    actions: createSdkActions({
      publicClient,
      walletClient: walletClient!,
      contracts,
      rpcUrl,
      ...(workerUrl === undefined ? {} : { workerUrl }),
      ...(market === undefined ? {} : { market }),
      ...(onInferenceStep === undefined ? {} : { onInferenceStep }),
    }),
    guard,
    defaultSlippageBps: policy.config.defaultSlippageBps,
  };
  return { context, policy, publicClient };
}
