/**
 * Step 14: limits the chain enforces (EIP-7702 session keys).
 *
 * Until now the spending policy lived in the agent's own process: caps, allowlist, simulation. If that process is
 * compromised, or a bug skips the guard, nothing stops the agent's key from spending everything. Here you (#1) keep
 * your key and lend the agent a session key instead:
 *
 * 1. Your EOA delegates to the deployment's AgentAccount with EIP-7702 (a type-4 transaction). It keeps its address,
 *    so your balances, your did:ethr DID and your ERC-8004 identity stay where they are.
 * 2. You grant a fresh session key the on-chain part of policy.json (its `onChain` section): per-token caps per call
 *    and per rolling day, the recipients it may pay, the contracts and functions it may call, an expiry. The key is
 *    funded with a little ETH for gas; your own key is never given to the agent.
 * 3. The agent runs on the session key: every tool sends one ERC-7821 batch to your account (approve + swap, approve +
 *    open: the session key cannot sign your permits), and the account checks each batch against the grant.
 *
 * Then: a swap within the limits passes; a transfer the off-chain policy lets through (its cap here is set high on
 * purpose, as a compromised agent would) is refused by the chain with AgentAccountOverCallCap and moves nothing; the
 * same batch signed with the session key and sent unsimulated is mined and reverts; you revoke the key, and the
 * agent's next call is refused with AgentAccountSessionRevoked.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AgentEvent,
  createAgentContext,
  defaultPolicyConfig,
  grantAgentSession,
  type PolicyConfig,
  readSessionKey,
  revokeAgentSession,
  runIntent,
} from "@convergence/agent";
import { agentAccountAbi } from "@convergence/contracts";
import {
  createClients,
  decodeRevert,
  EXECUTE_BATCH_MODE,
  encodeExecuteBatch,
  getBalances,
  resolveDid,
  stackTokens,
  toDid,
} from "@convergence/sdk";
import { encodeFunctionData, erc20Abi, keccak256, parseUnits } from "viem";
import { nextStep } from "./lib/nextStep.ts";
import { workshopChain } from "./lib/workshopChain.ts";

const { rpcUrl, publicClient, deployment, accounts } = await workshopChain();
const chainId = deployment.chainId;
const owner = accounts[1]!;
const friend = accounts[4]!.address;
const home = mkdtempSync(join(tmpdir(), "convergence-workshop-session-"));

// The off-chain policy is deliberately loose (1000 USDC a transaction); the on-chain part is what binds.
const policy: PolicyConfig = {
  ...defaultPolicyConfig,
  allowlist: { ownAccounts: true, addresses: [friend] },
  requireConfirmation: false,
  onChain: {
    perCallCap: { ETH: "0.1", WETH: "1", USDC: "50" },
    dailyCap: { ETH: "0.5", WETH: "5", USDC: "200" },
    recipients: [],
    targets: ["USDC", "WETH", "Pool", "InferenceEscrow", "ReputationRegistry"],
    expiresInHours: 1,
  },
};
writeFileSync(join(home, "policy.json"), `${JSON.stringify(policy, null, 2)}\n`);
process.stdout.write(`policy.json onChain: ${JSON.stringify(policy.onChain)}\n\n`);

const granted = await grantAgentSession({ rpcUrl, chainId, owner, contracts: deployment.contracts, home });
process.stdout.write(
  [
    granted.delegation
      ? `${owner.address} delegated to AgentAccount ${deployment.contracts.AgentAccount} (EIP-7702, tx ${granted.delegation.hash})`
      : `${owner.address} already delegates to AgentAccount ${deployment.contracts.AgentAccount}`,
    `Granted session key ${granted.session} (tx ${granted.grant.hash}); its key is in ${granted.path} (0600), never printed`,
    `Your DID still resolves at the same address: ${(await resolveDid({ did: toDid({ chainId, address: owner.address }), rpcUrl, registry: deployment.contracts.DIDRegistry })).didDocument.id}`,
    "",
    "",
  ].join("\n"),
);

const read = readSessionKey({ home, chainId });
if (!read.found) throw new Error(`the session key file ${read.path} is missing`);
const { context } = createAgentContext({
  rpcUrl,
  chainId,
  session: { account: read.account, key: read.key },
  contracts: deployment.contracts,
  home,
  yes: true,
});
const show = (event: AgentEvent) => {
  if (event.type === "call") process.stdout.write(`  → ${event.name} ${JSON.stringify(event.args)}\n`);
  if (event.type === "result")
    process.stdout.write(`  ${event.ok ? "✔" : "✖"} ${event.name}: ${event.text.slice(0, 200)}\n`);
};
const usdc = async () => {
  const balances = await getBalances({
    client: publicClient,
    account: owner.address,
    tokens: stackTokens({ deployment }),
  });
  return balances.find((b) => b.symbol === "USDC")!.formatted;
};

for (const intent of ["swap 10 USDC for WETH", `send 100 USDC to ${friend}`]) {
  const before = await usdc();
  process.stdout.write(`run "${intent}" on the session key\n`);
  await runIntent({ intent, context, onEvent: show });
  process.stdout.write(`  your USDC: ${before} → ${await usdc()}\n\n`);
}

// A compromised agent skips all of that: it signs the same batch itself, with a gas limit of its own so nothing is
// simulated first. The transaction is mined and reverts; the chain's rule holds without the agent's code.
const { walletClient: attacker } = createClients({ rpcUrl, chainId, account: read.key });
const transfer = encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [friend, parseUnits("100", 6)] });
const execute = {
  address: owner.address,
  abi: agentAccountAbi,
  functionName: "execute",
  args: [EXECUTE_BATCH_MODE, encodeExecuteBatch({ calls: [{ to: deployment.contracts.USDC, data: transfer }] })],
} as const;
const before = await usdc();
// Signed and sent raw: a node that mines on demand (Hardhat) answers a reverting transaction with an error, after mining it.
const signed = await attacker!.signTransaction(
  await attacker!.prepareTransactionRequest({ to: owner.address, data: encodeFunctionData(execute), gas: 300_000n }),
);
const hash = keccak256(signed);
await attacker!.sendRawTransaction({ serializedTransaction: signed }).catch(() => undefined);
const receipt = await publicClient.waitForTransactionReceipt({ hash });
// Why it reverted: the same call replayed on the state it ran against.
const why = await publicClient
  .simulateContract({ ...execute, account: read.key.address, blockNumber: receipt.blockNumber - 1n })
  .then(
    () => "no revert on replay",
    (error: unknown) => decodeRevert(error).summary,
  );
process.stdout.write(
  `The session key sent the 100 USDC transfer itself, unsimulated: tx ${hash} ${receipt.status} in block ${receipt.blockNumber}: ${why}\n  your USDC: ${before} → ${await usdc()}\n\n`,
);

const revoked = await revokeAgentSession({ rpcUrl, chainId, owner, home });
process.stdout.write(`Revoked session key ${revoked.session} (tx ${revoked.hash}); the agent still holds it:\n`);
process.stdout.write(`run "swap 10 USDC for WETH" after the revocation\n`);
await runIntent({ intent: "swap 10 USDC for WETH", context, onEvent: show });

nextStep({
  command: "pnpm demo",
  note: "The CLI does the same: convergence agent session grant | show | revoke. The demo's agent runs on a session key:",
});
