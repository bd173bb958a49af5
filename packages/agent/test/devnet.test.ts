import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Deployment, devnetAccounts } from "@convergence/contracts";
import { deployStack, type StartNodeReturnType, startNode } from "@convergence/devnet";
import { createClients } from "@convergence/sdk";
import { HumanMessage } from "@langchain/core/messages";
import { createAgent } from "langchain";
import { type Account, type Address, erc20Abi, parseUnits } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgentContext } from "../src/chain/createAgentContext.ts";
import { EmbeddedIntentModel } from "../src/chatModel/EmbeddedIntentModel.ts";
import { readSpendLedger } from "../src/policy/readSpendLedger.ts";
import { defaultPolicyConfig, type PolicyConfig } from "../src/policy/types.ts";
import { utcDay } from "../src/policy/utcDay.ts";
import { createAgentTools } from "../src/tools/createAgentTools.ts";
import { ScriptedToolCallsModel } from "./helpers/scriptedToolCallsModel.ts";

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

/** A fresh CONVERGENCE_HOME, with a policy.json when given (else the defaults are written on first use). */
function home(policy?: PolicyConfig) {
  const dir = mkdtempSync(join(tmpdir(), "agent-home-"));
  if (policy) writeFileSync(join(dir, "policy.json"), JSON.stringify(policy));
  return dir;
}

// One ledger day for every test, even one that runs across midnight UTC.
const today = new Date("2026-06-01T12:00:00Z");

function context(account: Account, dir = home()) {
  return createAgentContext({
    rpcUrl: node.url,
    chainId: 31337,
    account,
    contracts: deployment.contracts,
    home: dir,
    yes: true,
    now: () => today,
  });
}

const usdc = (address: Address) =>
  createClients({ rpcUrl: node.url, chainId: 31337 }).publicClient.readContract({
    address: deployment.contracts.USDC,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [address],
  });

async function run(account: Account, intent: string, dir = home()) {
  const agent = createAgent({
    model: new EmbeddedIntentModel(),
    tools: createAgentTools({ context: context(account, dir).context }),
  });
  const result = await agent.invoke({ messages: [new HumanMessage(intent)] });
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
  it("refuses a registered stranger as recipient by default (anyone can register), and sends nothing", async () => {
    const stranger = accounts[5]!;
    const registered = await run(stranger, "register me as an agent called stranger-bot");
    expect(registered.answer).toMatch(/register_agent: \{"agentId":"\d+","did":"did:ethr:0x7a69:0x/);
    const refused = await run(accounts[1]!, `send 5 USDC to did:ethr:0x7a69:${stranger.address}`);
    expect(refused.answer).toMatch(
      /Refused \(recipient-allowlist\): .* is not one of your accounts nor on the allowlist/,
    );
    expect(await usdc(stranger.address)).toBe(0n);
  });
  it("pays a registered agent only when policy.json opts in with anyRegisteredAgent", async () => {
    const agentAccount = accounts[2]!;
    const registered = await run(
      agentAccount,
      "register me as an agent called devnet-bot with service url http://127.0.0.1:9",
    );
    expect(registered.answer).toMatch(/register_agent: \{"agentId":"\d+","did":"did:ethr:0x7a69:0x/);
    const before = await usdc(agentAccount.address);
    const optIn = home({
      ...defaultPolicyConfig,
      allowlist: { ownAccounts: true, addresses: [], anyRegisteredAgent: true },
    });
    const paid = await run(accounts[1]!, `send 5 USDC to did:ethr:0x7a69:${agentAccount.address}`, optIn);
    expect(paid.answer).toMatch(/^Done\./);
    expect(await usdc(agentAccount.address)).toBe(before + parseUnits("5", 6));
  });
});

describe("the spending policy under parallel tool calls, on a live devnet", () => {
  it("holds the 5000 USDC daily cap against six parallel 1000-USDC transfers in one model turn", async () => {
    const sender = accounts[1]!;
    const recipient = accounts[3]!.address;
    const dir = home({ ...defaultPolicyConfig, allowlist: { ownAccounts: true, addresses: [recipient] } });
    const { context: agentContext, policy } = context(sender, dir);
    const transfer = { name: "transfer_tokens", args: { token: "USDC", amount: "1000", to: recipient } };
    const agent = createAgent({
      model: new ScriptedToolCallsModel(Array.from({ length: 6 }, () => transfer)),
      tools: createAgentTools({ context: agentContext }),
    });
    const [senderBefore, recipientBefore] = [await usdc(sender.address), await usdc(recipient)];
    const result = await agent.invoke({ messages: [new HumanMessage(`send 1000 USDC to ${recipient} six times`)] });
    const toolResults = result.messages.filter((m) => m.getType() === "tool").map((m) => String(m.content));
    expect(toolResults).toHaveLength(6);
    expect(toolResults.filter((r) => /^\{"hash":"0x[0-9a-f]{64}"/.test(r))).toHaveLength(5);
    const refused = toolResults.filter((r) => r.startsWith("Refused"));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(
      /^Refused \(daily-cap\): 1000 USDC on top of 5000 USDC already spent today is over the daily cap of 5000 USDC\. Nothing was sent\.$/,
    );
    expect(await usdc(recipient)).toBe(recipientBefore + parseUnits("5000", 6));
    expect(await usdc(sender.address)).toBe(senderBefore - parseUnits("5000", 6));
    expect(readSpendLedger({ path: policy.ledgerPath }).days[utcDay(today)]).toEqual({ USDC: "5000" });
  });
  it("records a spend whose later step throws, and gives back one that never went out", async () => {
    const sender = accounts[1]!;
    const recipient = accounts[4]!.address;
    const dir = home({ ...defaultPolicyConfig, allowlist: { ownAccounts: true, addresses: [recipient] } });
    const { context: agentContext, policy } = context(sender, dir);
    const call = { name: "transfer_tokens" as const, args: { token: "USDC", amount: "700", to: recipient }, recipient };
    const spentToday = () => readSpendLedger({ path: policy.ledgerPath }).days[utcDay(today)];
    await expect(
      agentContext.guard.enforce(call, async () => {
        await agentContext.actions.transferTokens({ token: "USDC", amount: "700", to: recipient });
        throw new Error("decoding the result failed after paying");
      }),
    ).rejects.toThrow(/after paying/);
    expect(await usdc(recipient)).toBe(parseUnits("700", 6));
    expect(spentToday()).toEqual({ USDC: "700" });
    await expect(
      agentContext.guard.enforce(call, async () => {
        throw new Error("the wallet refused to sign");
      }),
    ).rejects.toThrow(/refused to sign/);
    expect(spentToday()).toEqual({ USDC: "700" });
    expect(await usdc(recipient)).toBe(parseUnits("700", 6));
  });
});
