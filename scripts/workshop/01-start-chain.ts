/**
 * Step 1: a local chain.
 *
 * Everything in Convergence talks to an EVM chain over JSON-RPC. On a laptop that chain is a Hardhat node (EDR, the
 * Rust EVM inside Hardhat 3): chain id 31337, a block per transaction, and twenty accounts derived from a public
 * mnemonic, each holding 10,000 ETH. Those keys are public knowledge: they are for this devnet only, and the CLI
 * refuses them on any other chain.
 *
 * The roles are distinct accounts, as between strangers: #0 deploys and requests, #1 is your agent, #2 runs the
 * worker (it proves and gets paid), #3 publishes the model (it runs the phase-2 setup and registers the model, so the
 * worker that is paid for proofs never holds the setup's secrets), #4 and #5 trade in the demo's market.
 *
 * This step keeps running: leave it in its own terminal and open another for step 2. A Hardhat node keeps its state
 * in memory only, so stopping it (Ctrl-C) forgets every contract and balance: start again from step 2.
 */
import { DEVNET_MNEMONIC, DEVNET_ROLES, devnetAccounts } from "@convergence/contracts";
import { startNode } from "@convergence/devnet";
import { nextStep } from "./lib/nextStep.ts";
import { workshopRpcUrl } from "./lib/workshopRpcUrl.ts";

const url = new URL(workshopRpcUrl());
const node = await startNode({ host: url.hostname, port: Number(url.port || 8545) });
const block = await fetch(node.url, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
}).then((r) => r.json() as Promise<{ result: string }>);
process.stdout.write(
  [
    `A Hardhat node answers at ${node.url}: chain id 31337, block ${Number(block.result)}.`,
    `Its accounts come from the mnemonic "${DEVNET_MNEMONIC}":`,
    ...devnetAccounts({ count: 5 }).map((a, i) => `  #${i} ${a.address}  ${DEVNET_ROLES[i]!.role}`),
    "In this workshop #0 deploys, #1 is you (your agent), #2 runs the worker, #3 publishes the model.",
  ].join("\n"),
);
nextStep({ command: "pnpm workshop 2", note: "Leave this running (Ctrl-C stops the chain); in another terminal:" });
const stop = async () => {
  await node.stop();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
await new Promise((resolve) => node.process.once("exit", resolve));
