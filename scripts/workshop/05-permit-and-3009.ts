/**
 * Step 5: paying without an approve transaction (ERC-2612 permit and EIP-3009).
 *
 * An agent should pay in one step. ERC-2612 `permit` lets the owner sign (off-chain, EIP-712 typed data) an allowance
 * that anyone may submit: the escrow in step 9 takes your permit and pulls the USDC in the same transaction that opens
 * the job. EIP-3009 `transferWithAuthorization` goes further: the signature is the transfer itself, with a random
 * nonce (no ordering between payments) and a validity window; `receiveWithAuthorization` can only be submitted by the
 * payee, so nobody can front-run it. Here #1 signs both; #2 (a relayer, or the payee) submits and pays the gas.
 */

import { usdcAbi } from "@convergence/contracts";
import {
  signPermit,
  signTransferAuthorization,
  submitTransferAuthorization,
  writeContractAndWait,
} from "@convergence/sdk";
import { erc20Abi, formatUnits, parseUnits } from "viem";
import { nextStep } from "./lib/nextStep.ts";
import { workshopChain } from "./lib/workshopChain.ts";

const { deployment, accounts, wallet, publicClient } = await workshopChain();
const usdc = deployment.contracts.USDC;
const [me, , relayer] = accounts as [(typeof accounts)[0], (typeof accounts)[0], (typeof accounts)[0]];
const { timestamp } = await publicClient.getBlock();
const balance = async (who: `0x${string}`) =>
  formatUnits(
    await publicClient.readContract({ address: usdc, abi: erc20Abi, functionName: "balanceOf", args: [who] }),
    6,
  );

// ERC-2612: #1 signs an allowance of 5 USDC for #2; #2 submits it. #1 sends nothing and pays no gas.
const permit = await signPermit({
  client: publicClient,
  token: usdc,
  owner: accounts[1]!,
  spender: relayer.address,
  value: parseUnits("5", 6),
  deadline: timestamp + 3600n,
});
const { hash: permitHash } = await writeContractAndWait({
  client: wallet(2),
  contract: "USDC",
  address: usdc,
  abi: usdcAbi,
  functionName: "permit",
  args: [accounts[1]!.address, relayer.address, parseUnits("5", 6), timestamp + 3600n, permit.v, permit.r, permit.s],
});
const allowance = await publicClient.readContract({
  address: usdc,
  abi: erc20Abi,
  functionName: "allowance",
  args: [accounts[1]!.address, relayer.address],
});
process.stdout.write(
  `Permit submitted by #2 in ${permitHash}: #2 may now spend ${formatUnits(allowance, 6)} USDC of #1's.\n`,
);

// EIP-3009: #1 signs "pay #0 1 USDC", valid for an hour; #2 relays it.
const before = await balance(me.address);
const authorization = await signTransferAuthorization({
  client: publicClient,
  token: usdc,
  from: accounts[1]!,
  to: me.address,
  value: parseUnits("1", 6),
  validBefore: timestamp + 3600n,
});
const relayed = await submitTransferAuthorization({ client: wallet(2), token: usdc, authorization });
process.stdout.write(
  `transferWithAuthorization relayed by #2 in ${relayed.hash} (${relayed.receipt.gasUsed} gas): #0 went from ${before} to ${await balance(me.address)} USDC.\n`,
);
nextStep({ command: "pnpm workshop 6" });
