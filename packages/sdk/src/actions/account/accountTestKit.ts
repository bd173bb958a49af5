/**
 * Test-only set-up for the account action tests (not exported from the package): a fresh owner key funded with ETH and
 * USDC by devnet account 3, delegated to the deployed AgentAccount, and a fresh session key. Fresh keys, so that no
 * other test file's devnet account ends up with code.
 */
import { usdcAbi } from "@convergence/contracts";
import { type Address, parseEther, parseUnits } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { testContext } from "../../../test/context.ts";
import { createClients } from "../../client/createClients.ts";
import type { WriteClient } from "../../client/types.ts";
import { delegateToAgentAccount } from "./delegateToAgentAccount.ts";
import type { SessionPolicy } from "./sessionPolicy.ts";
import { stackSessionCalls } from "./stackSessionCalls.ts";

export async function setupAccount({ delegate = true }: { delegate?: boolean } = {}) {
  const context = testContext();
  const { rpcUrl, deployment, publicClient } = context;
  const funder = context.wallet(3);
  const client = (account = privateKeyToAccount(generatePrivateKey())): WriteClient =>
    createClients({ rpcUrl, chainId: 31337, account }).walletClient!;
  const owner = client();
  const session = client();
  const ownerAddress = owner.account.address;
  await funder.waitForTransactionReceipt({
    hash: await funder.sendTransaction({ to: ownerAddress, value: parseEther("2") }),
  });
  await funder.waitForTransactionReceipt({
    hash: await funder.writeContract({
      address: deployment.contracts.USDC,
      abi: usdcAbi,
      functionName: "transfer",
      args: [ownerAddress, parseUnits("1000", 6)],
    }),
  });
  if (delegate) await delegateToAgentAccount(owner, { implementation: deployment.contracts.AgentAccount });
  const recipient = privateKeyToAccount(generatePrivateKey()).address;
  const policy = async ({ recipients = [recipient] }: { recipients?: Address[] } = {}): Promise<SessionPolicy> => {
    const { timestamp } = await publicClient.getBlock();
    return {
      expiresAt: timestamp + 86_400n,
      limits: [{ token: deployment.contracts.USDC, perCall: parseUnits("50", 6), perDay: parseUnits("100", 6) }],
      recipients,
      calls: stackSessionCalls({ contracts: deployment.contracts }),
    };
  };
  const usdcBalance = (address: Address) =>
    publicClient.readContract({
      address: deployment.contracts.USDC,
      abi: usdcAbi,
      functionName: "balanceOf",
      args: [address],
    });
  return { ...context, owner, ownerAddress, session, client, recipient, policy, usdcBalance };
}
