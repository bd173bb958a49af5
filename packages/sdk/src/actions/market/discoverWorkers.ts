import { agentRegistryAbi, inferenceEscrowAbi } from "@convergence/contracts";
import { type Address, isAddressEqual, zeroAddress } from "viem";
import type { ReadClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { decodeRevert } from "../../utils/decodeRevert.ts";
import type { ModelPin } from "../inference/types.ts";
import { getReputationSummary } from "../reputation/getReputationSummary.ts";
import { checkMarketContracts } from "./checkMarketContracts.ts";
import { getWorkerRegistration } from "./getWorkerRegistration.ts";
import { readWorkerStats } from "./readWorkerStats.ts";
import type { SkippedWorker, WorkerListing } from "./workerListing.ts";
import { WORKER_SERVICE_NAME, type WorkerRegistration, type WorkerRegistrationModel } from "./workerRegistration.ts";

export type DiscoverWorkersParameters = {
  publicClient: ReadClient;
  /** The deployment's contracts (deployment.contracts): where agents, feedback, validations and jobs live. */
  contracts: {
    AgentRegistry: Address;
    ReputationRegistry: Address;
    ValidationRegistry: Address;
    InferenceEscrow: Address;
  };
  /** First block read for agents and jobs, inclusive: the deployment's block (default 0n). */
  fromBlock?: bigint;
  /** What the requester trusts the model to be: a worker is listed only with a model entry of this commitment and key. */
  pin: Pick<ModelPin, "commitment" | "verificationKey">;
  /**
   * Whose feedback counts: the requester itself and the clients it names. Feedback from anyone else is ignored (anyone
   * can rate). Empty: no reputation is read (every worker shows count 0).
   */
  trustedClients: readonly Address[];
  /** Blocks per eth_getLogs call (default 2000n). */
  logRange?: bigint;
  /** Per registration file fetch (default 5 s). */
  timeoutMs?: number;
};

/** The listed workers, in agent id order, with the agents seen but not listed (and why) in `skipped`. */
export type DiscoverWorkersReturnType = WorkerListing[] & { skipped: SkippedWorker[] };

/**
 * Finds the workers that serve a pinned model: every agent of the AgentRegistry (its Registered events), its current
 * agentURI fetched as an ERC-8004 registration file. A file is used only if its `registrations` name this agent in this
 * AgentRegistry (`eip155:<chainId>:<address>`), it is active, it has a "convergence-inference" service, and a model
 * entry whose commitment and vkeyHash equal the pin, priced in the escrow's token. Everything in it is still the
 * worker's claim: requestInference checks the on-chain registration (checkModelPin) and the worker's identity before
 * paying. Any failure for one agent (its ownerOf/tokenURI/wallet read, its file, its reputation) is recorded in `skipped`
 * ("unreachable: ...", "unreadable: ..."), never thrown: one agent cannot abort discovery for everyone. Each listing
 * carries the reputation over `trustedClients` (getReputationSummary), its escrow figures (readWorkerStats, whose load
 * counts only `trustedClients`' jobs paying its listed price) and its validations: the jobs the attestor settled for it
 * (stats.fulfilled; the ValidationRegistry's per-agent list is unbounded and anyone can file into it). Before reading any
 * agent, the contracts are held against each other (checkMarketContracts: MarketContractsMismatchError).
 *
 * @example
 * const listings = await discoverWorkers({ publicClient, contracts: deployment.contracts, pin, trustedClients: [me] });
 * for (const { agentId, url, model } of listings) console.log(agentId, url, model.price);
 * for (const { agentId, reason } of listings.skipped) console.log(agentId, reason);
 */
export async function discoverWorkers({
  publicClient,
  contracts,
  fromBlock = 0n,
  pin,
  trustedClients,
  logRange = 2000n,
  timeoutMs,
}: DiscoverWorkersParameters): Promise<DiscoverWorkersReturnType> {
  if (logRange < 1n) {
    throw new InvalidParameterError({ parameter: "logRange", value: logRange, expected: "at least 1 block" });
  }
  const { hashVerificationKey } = await import("@convergence/zk/browser");
  const vkeyHash = hashVerificationKey(pin.verificationKey).toLowerCase();
  await checkMarketContracts({ client: publicClient, escrow: contracts.InferenceEscrow, contracts });
  const [chainId, latest, token] = await Promise.all([
    publicClient.getChainId(),
    publicClient.getBlockNumber({ cacheTime: 0 }),
    publicClient.readContract({ address: contracts.InferenceEscrow, abi: inferenceEscrowAbi, functionName: "token" }),
  ]);
  const registryId = `eip155:${chainId}:${contracts.AgentRegistry}`.toLowerCase();

  const agentIds: bigint[] = [];
  for (let from = fromBlock; from <= latest; from += logRange) {
    const to = from + logRange - 1n < latest ? from + logRange - 1n : latest;
    const logs = await publicClient.getContractEvents({
      address: contracts.AgentRegistry,
      abi: agentRegistryAbi,
      eventName: "Registered",
      fromBlock: from,
      toBlock: to,
      strict: true,
    });
    for (const { args } of logs) agentIds.push(args.agentId);
  }

  const skipped: SkippedWorker[] = [];
  const found = await mapLimited(agentIds, 8, async (agentId) => {
    try {
      return await readAgent(agentId);
    } catch (error) {
      skipped.push({ agentId, agentURI: "", reason: `unreadable: ${shortReason(error)}` });
      return undefined;
    }
  });
  async function readAgent(agentId: bigint): Promise<Omit<WorkerListing, "stats" | "validations"> | undefined> {
    const agent = { address: contracts.AgentRegistry, abi: agentRegistryAbi } as const;
    const [agentURI, owner, wallet] = await Promise.all([
      publicClient.readContract({ ...agent, functionName: "tokenURI", args: [agentId] }),
      publicClient.readContract({ ...agent, functionName: "ownerOf", args: [agentId] }),
      publicClient.readContract({ ...agent, functionName: "getAgentWallet", args: [agentId] }),
    ]).catch((error: unknown) => {
      // A burned agent is skipped as such; any other failure is recorded by the caller as "unreadable".
      if (decodeRevert(error).errorName !== "ERC721NonexistentToken") throw error;
      return [undefined, undefined, undefined] as const;
    });
    if (agentURI === undefined || owner === undefined || wallet === undefined) {
      skipped.push({ agentId, agentURI: "", reason: "no longer registered (burned)" });
      return undefined;
    }
    const skip = (reason: string) => {
      skipped.push({ agentId, agentURI, reason });
      return undefined;
    };
    let registration: WorkerRegistration;
    try {
      registration = await getWorkerRegistration({ agentURI, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
    } catch (error) {
      return skip(`unreachable: ${shortReason(error)}`);
    }
    if (
      !registration.registrations.some(
        (entry) => BigInt(entry.agentId) === agentId && entry.agentRegistry.toLowerCase() === registryId,
      )
    ) {
      return skip(`its registration file does not name agent ${agentId} of ${registryId}`);
    }
    if (!registration.active) return skip("its registration file says it is not active");
    if (wallet === zeroAddress) return skip("the agent has no wallet: nobody could fulfil a job reserved for it");
    const service = registration.services.find((entry) => entry.name === WORKER_SERVICE_NAME);
    if (!service) return skip(`no "${WORKER_SERVICE_NAME}" service in its registration file`);
    const model = registration.models.find((entry) => matchesPin(entry, pin.commitment, vkeyHash, token));
    if (!model) {
      return skip("no model entry with the pinned commitment and verification key, priced in the escrow's token");
    }
    let reputation: WorkerListing["reputation"];
    try {
      reputation =
        trustedClients.length === 0
          ? { count: 0, successRate: undefined, medianLatencyMs: undefined }
          : await getReputationSummary({
              client: publicClient,
              registry: contracts.ReputationRegistry,
              agentId,
              clients: trustedClients,
            });
    } catch (error) {
      return skip(`unreadable reputation: ${shortReason(error)}`);
    }
    return {
      agentId,
      owner,
      wallet,
      url: service.endpoint,
      registration,
      model: {
        name: model.name,
        modelId: BigInt(model.modelId),
        price: BigInt(model.priceUnits),
        ...(model.x402 ? { x402: { price: BigInt(model.x402.priceUnits), endpoint: model.x402.endpoint } } : {}),
      },
      reputation,
    };
  }
  const partial = found.filter((listing) => listing !== undefined);
  // Read after the files: a worker's load counts only jobs paying its listed price.
  const stats = await readWorkerStats({
    client: publicClient,
    escrow: contracts.InferenceEscrow,
    fromBlock,
    logRange,
    trustedClients,
    prices: new Map(partial.map(({ agentId, model }) => [agentId, model.price])),
  });
  const listings: WorkerListing[] = partial.map((listing) => {
    const figures = stats.get(listing.agentId) ?? { reserved: 0, fulfilled: 0, failedOver: 0, open: 0 };
    return { ...listing, validations: figures.fulfilled, stats: figures };
  });
  skipped.sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
  return Object.assign(listings, { skipped });
}

/** An error's one-line reason (viem's shortMessage when it has one). */
function shortReason(error: unknown): string {
  return error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error);
}

function matchesPin(entry: WorkerRegistrationModel, commitment: bigint, vkeyHash: string, token: Address): boolean {
  return (
    BigInt(entry.commitment) === commitment &&
    entry.vkeyHash.toLowerCase() === vkeyHash &&
    isAddressEqual(entry.token, token)
  );
}

/** `map` over `items` with at most `limit` calls in flight, results in the items' order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
  return results;
}
