/**
 * Step 2: deploy the contracts, then read them.
 *
 * `deployStack` deploys, in order: the ERC-1056 DIDRegistry (did:ethr identities), the ERC-8004 AgentRegistry (agent
 * ids as ERC-721 tokens), a 6-decimal USDC with ERC-2612 permit and EIP-3009 authorizations, WETH9, a Uniswap-V2-style
 * WETH/USDC pool (seeded with 100 WETH and 300,000 USDC), and the inference market: ModelRegistry,
 * ValidationRegistry, InferenceAttestor and InferenceEscrow. The addresses go to deployments/31337.json, where every
 * later command finds them. The ABIs come typed from @convergence/contracts (generated from the Hardhat build), so
 * viem checks every argument and return type at compile time.
 */
import { DEVNET_CHAIN_ID, poolAbi, writeDeployment } from "@convergence/contracts";
import { deployStack } from "@convergence/devnet";
import { erc20Abi, formatUnits } from "viem";
import { nextStep } from "./lib/nextStep.ts";
import { workshopChain } from "./lib/workshopChain.ts";

const { wallet, accounts, publicClient } = await workshopChain({ needsDeployment: false });
const deployment = await deployStack({
  client: wallet(0),
  fund: accounts.map((a) => a.address),
  onProgress: (message) => process.stdout.write(`  ${message}\n`),
});
const path = writeDeployment({ deployment });
process.stdout.write(`\nDeployed to chain ${DEVNET_CHAIN_ID}; the record is ${path}.\n`);

// Reading is free: no transaction, no gas, just eth_call against the node's current state.
const { USDC, Pool } = deployment.contracts;
const [name, decimals, mine] = await Promise.all([
  publicClient.readContract({ address: USDC, abi: erc20Abi, functionName: "name" }),
  publicClient.readContract({ address: USDC, abi: erc20Abi, functionName: "decimals" }),
  publicClient.readContract({ address: USDC, abi: erc20Abi, functionName: "balanceOf", args: [accounts[1]!.address] }),
]);
const [r0, r1] = await publicClient.readContract({ address: Pool, abi: poolAbi, functionName: "getReserves" });
process.stdout.write(
  `USDC is "${name}" with ${decimals} decimals; account #1 holds ${formatUnits(mine, decimals)} USDC.\n` +
    `The pool holds reserves ${r0} and ${r1} (raw units of token0 and token1).\n`,
);
nextStep({ command: "pnpm workshop 3" });
