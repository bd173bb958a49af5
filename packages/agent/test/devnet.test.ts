import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Deployment, devnetAccounts } from "@convergence/contracts";
import { deployStack, type StartNodeReturnType, startNode } from "@convergence/devnet";
import { createClients } from "@convergence/sdk";
import { HumanMessage } from "@langchain/core/messages";
import { createAgent } from "langchain";
import { type Account, erc20Abi, parseUnits } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgentContext } from "../src/chain/createAgentContext.ts";
import { EmbeddedIntentModel } from "../src/chatModel/EmbeddedIntentModel.ts";
import { createAgentTools } from "../src/tools/createAgentTools.ts";

// The real wiring on a live Hardhat node with the stack deployed: embedded model -> tools ->
// policy (on-chain simulation, ledger, allowlist with AgentRegistry lookups) -> @convergence/sdk.
let node: StartNodeReturnType;
let deployment: Deployment;
const accounts = devnetAccounts({ count: 8 });

beforeAll(async () => {
  node = await startNode({ port: 0 });
  const { walletClient } = createClients({ rpcUrl: node.url, chainId: 31337, account: accounts[0]! });
  deployment = await deployStack({ client: walletClient!, fund: [accounts[1]!.address, accounts[2]!.address] });
}, 180_000);
afterAll(() => node?.stop());

async function run(account: Account, intent: string) {
  const { context, publicClient } = createAgentContext({
    rpcUrl: node.url,
    chainId: 31337,
    account,
    contracts: deployment.contracts,
    home: mkdtempSync(join(tmpdir(), "agent-home-")),
    yes: true,
  });
  const agent = createAgent({ model: new EmbeddedIntentModel(), tools: createAgentTools({ context }) });
  const result = await agent.invoke({ messages: [new HumanMessage(intent)] });
  const usdc = (address: `0x${string}`) =>
    publicClient.readContract({
      address: deployment.contracts.USDC,
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [address],
    });
  return { answer: String(result.messages.at(-1)?.content), usdc };
}

describe("the agent on a live devnet", () => {
  it("wraps, swaps and reports balances", async () => {
    const me = accounts[1]!;
    const { answer, usdc } = await run(
      me,
      "check my balance, wrap 0.5 ETH then swap 0.5 WETH for USDC with max 1% slippage",
    );
    expect(answer).toMatch(/^Done\./);
    expect(answer).toMatch(/3\. swap_tokens: \{"amountOut":"1\d\d\d\.\d+"/);
    expect(await usdc(me.address)).toBeGreaterThan(parseUnits("100000", 6));
  });
  it("quotes and resolves a DID without sending", async () => {
    const { answer } = await run(
      accounts[1]!,
      `quote 1 WETH to USDC then resolve did:ethr:0x7a69:${accounts[2]!.address}`,
    );
    expect(answer).toMatch(/quote_swap: \{"tokenIn":"WETH","tokenOut":"USDC","amountIn":"1","amountOut":"2\d\d\d\./);
    expect(answer).toMatch(/resolve_did: .*"didDocument"/);
  });
  it("reads attestations from the InferenceAttestor, and says when there is none", async () => {
    const { answer } = await run(accounts[1]!, `show attestation 0x${"0".repeat(63)}1`);
    expect(answer).toMatch(/Step 1 \(get_attestation\) did not complete: Error: .*(attestation|Attestation)/);
  });
  it("refuses a transfer to an unknown recipient and sends nothing", async () => {
    const stranger = accounts[6]!.address;
    const { answer, usdc } = await run(accounts[1]!, `send 5 USDC to ${stranger}`);
    expect(answer).toMatch(/Refused \(recipient-allowlist\)/);
    expect(await usdc(stranger)).toBe(0n);
  });
  it("refuses when the simulation reverts, with the custom error", async () => {
    const broke = accounts[7]!;
    const { answer } = await run(broke, `send 5 USDC to ${broke.address}`);
    expect(answer).toMatch(/Refused \(simulation\): the simulated send reverted: ERC20InsufficientBalance\(/);
  });
  it("registers an agent, which then counts as an allowed recipient", async () => {
    const agentAccount = accounts[2]!;
    const registered = await run(
      agentAccount,
      "register me as an agent called devnet-bot with service url http://127.0.0.1:9",
    );
    expect(registered.answer).toMatch(/register_agent: \{"agentId":"\d+","did":"did:ethr:0x7a69:0x/);
    const before = await registered.usdc(agentAccount.address);
    const paid = await run(accounts[1]!, `send 5 USDC to did:ethr:0x7a69:${agentAccount.address}`);
    expect(paid.answer).toMatch(/^Done\./);
    expect(await paid.usdc(agentAccount.address)).toBe(before + parseUnits("5", 6));
  });
});
