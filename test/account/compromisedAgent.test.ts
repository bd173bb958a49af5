import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  agentAccountAbi,
  agentRegistryAbi,
  didRegistryAbi,
  inferenceEscrowAbi,
  poolAbi,
  usdcAbi,
  wethAbi,
} from "@convergence/contracts";
import { workspaceRoot } from "@convergence/paths";
import {
  createClients,
  decodeRevert,
  delegateToAgentAccount,
  EXECUTE_BATCH_MODE,
  encodeExecuteBatch,
  getAccountDelegation,
  getAgent,
  getSession,
  grantSession,
  registerAgent,
  registerModel,
  resolveDid,
  revokeSession,
  type SessionPolicy,
  stackSessionCalls,
  submitDidChange,
  toDid,
  type WriteClient,
} from "@convergence/sdk";
import {
  type Abi,
  type Address,
  encodeFunctionData,
  erc20Abi,
  getAddress,
  type Hex,
  keccak256,
  parseEther,
  parseUnits,
  toHex,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Devnet, startDevnet } from "../helpers/startDevnet.ts";
import { increaseTime } from "../worker/increaseTime.ts";

type Call = { to: Address; value?: bigint; data: Hex };

const usdc = (amount: string) => parseUnits(amount, 6);
const PER_CALL = usdc("50");
const PER_DAY = usdc("120");

/**
 * The agent process is assumed compromised: the attacker holds the session key and nothing else, and calls the owner's
 * account directly with raw viem calls (no SDK, no agent policy). The chain must refuse what the session's policy
 * forbids, by name, and move nothing; within the policy the same calls go through.
 */
describe("a compromised agent holding only a session key (EIP-7702 AgentAccount)", () => {
  let devnet: Devnet;
  let contracts: Devnet["deployment"]["contracts"];
  let owner: WriteClient;
  let ownerAddress: Address;
  let attacker: WriteClient;
  let agentId: bigint;
  let modelId: bigint;
  let didBefore: unknown;
  let agentBefore: unknown;
  const session = privateKeyToAccount(generatePrivateKey());
  const alice = privateKeyToAccount(generatePrivateKey()).address;
  const mallory = privateKeyToAccount(generatePrivateKey()).address;

  const did = () => toDid({ chainId: 31337, address: ownerAddress });
  const resolveOwnerDid = async () =>
    (await resolveDid({ did: did(), rpcUrl: devnet.url, registry: contracts.DIDRegistry })).didDocument;
  const readAgent = () => getAgent({ client: devnet.publicClient, registry: contracts.AgentRegistry, agentId });

  const policy = async (expiresIn = 86_400n): Promise<SessionPolicy> => {
    const { timestamp } = await devnet.publicClient.getBlock();
    return {
      expiresAt: timestamp + expiresIn,
      limits: [
        { token: contracts.USDC, perCall: PER_CALL, perDay: PER_DAY },
        { token: contracts.WETH, perCall: parseEther("0.02"), perDay: parseEther("0.05") },
      ],
      recipients: [alice],
      calls: stackSessionCalls({ contracts }),
    };
  };

  /** What the attack could move: every balance it touches. */
  const balances = async () => {
    const read = (token: Address, who: Address) =>
      devnet.publicClient.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [who] });
    return {
      ownerUsdc: await read(contracts.USDC, ownerAddress),
      ownerWeth: await read(contracts.WETH, ownerAddress),
      ownerEth: await devnet.publicClient.getBalance({ address: ownerAddress }),
      aliceUsdc: await read(contracts.USDC, alice),
      malloryUsdc: await read(contracts.USDC, mallory),
      escrowUsdc: await read(contracts.USDC, contracts.InferenceEscrow),
      poolUsdc: await read(contracts.USDC, contracts.Pool),
    };
  };

  const executeData = (calls: readonly Call[]) =>
    encodeFunctionData({
      abi: agentAccountAbi,
      functionName: "execute",
      args: [EXECUTE_BATCH_MODE, encodeExecuteBatch({ calls })],
    });

  /** The attacker's raw call: the revert the chain names (eth_call), then the same call mined anyway. */
  const attack = async (calls: readonly Call[], errorName: string) => {
    const { errorName: named } = decodeRevert(
      await devnet.publicClient
        .simulateContract({
          account: session.address,
          address: ownerAddress,
          abi: agentAccountAbi,
          functionName: "execute",
          args: [EXECUTE_BATCH_MODE, encodeExecuteBatch({ calls })],
        })
        .catch((error: unknown) => error),
    );
    expect(named).toBe(errorName);
    // Sent anyway with a fixed gas limit (no estimate to stop it): the node mines it (and answers with the revert),
    // the transaction failed, and nothing moved.
    const before = await balances();
    const nonce = await devnet.publicClient.getTransactionCount({ address: session.address });
    await attacker
      .sendTransaction({ to: ownerAddress, data: executeData(calls), gas: 2_000_000n, nonce })
      .catch((error: unknown) => expect(String(error)).toContain(errorName));
    const block = await devnet.publicClient.getBlock({ includeTransactions: true });
    const sent = block.transactions.find((tx) => tx.from === session.address.toLowerCase() && tx.nonce === nonce);
    expect(sent, "the attack was not mined").toBeDefined();
    const receipt = await devnet.publicClient.getTransactionReceipt({ hash: sent!.hash });
    expect(receipt.status).toBe("reverted");
    expect(await balances()).toEqual(before);
  };

  /** The attacker's raw call within the policy: mined and successful. */
  const within = async (calls: readonly Call[]) => {
    const hash = await attacker.sendTransaction({ to: ownerAddress, data: executeData(calls), gas: 2_000_000n });
    const receipt = await devnet.publicClient.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe("success");
  };

  const transfer = (to: Address, amount: bigint): Call => ({
    to: contracts.USDC,
    data: encodeFunctionData({ abi: usdcAbi, functionName: "transfer", args: [to, amount] }),
  });
  const approve = (spender: Address, amount: bigint): Call => ({
    to: contracts.USDC,
    data: encodeFunctionData({ abi: usdcAbi, functionName: "approve", args: [spender, amount] }),
  });
  const openJob = async (amount: bigint): Promise<Call> => {
    const { timestamp } = await devnet.publicClient.getBlock();
    return {
      to: contracts.InferenceEscrow,
      data: encodeFunctionData({
        abi: inferenceEscrowAbi,
        functionName: "openJob",
        args: [modelId, 1n, amount, timestamp + 3_600n, 0n, 0n],
      }),
    };
  };

  beforeAll(async () => {
    devnet = await startDevnet();
    contracts = devnet.deployment.contracts;
    owner = devnet.wallets[1]!;
    ownerAddress = owner.account.address;
    attacker = createClients({ rpcUrl: devnet.url, chainId: 31337, account: session }).walletClient!;

    // The owner's identity before delegation: an ERC-8004 agent with its DID, and a DID service attribute.
    ({ agentId } = await registerAgent({
      client: owner,
      registry: contracts.AgentRegistry,
      agentURI: "https://agent.example/agent.json",
    }));
    await submitDidChange({
      client: owner,
      registry: contracts.DIDRegistry,
      identity: ownerAddress,
      change: {
        type: "setAttribute",
        name: "did/svc/AgentService",
        value: "https://agent.example/a2a",
        validity: 86_400n,
      },
    });
    didBefore = await resolveOwnerDid();
    agentBefore = await readAgent();

    // A model to open escrow jobs for (a mock verifier: no proof is made here).
    const artifact = JSON.parse(
      readFileSync(
        join(workspaceRoot(), "artifacts", "contracts", "test", "Groth16VerifierMock.sol", "Groth16VerifierMock.json"),
        "utf8",
      ),
    ) as { abi: Abi; bytecode: Hex };
    const publisher = devnet.wallets[2]!;
    const { contractAddress } = await devnet.publicClient.waitForTransactionReceipt({
      hash: await publisher.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode }),
    });
    ({ modelId } = await registerModel({
      client: publisher,
      registry: contracts.ModelRegistry,
      commitment: 12345n,
      verifier: getAddress(contractAddress!),
      numOutputs: 3,
      circuitId: keccak256(toHex("circuit")),
      vkeyHash: keccak256(toHex("vkey")),
      onnxHash: keccak256(toHex("onnx")),
      uri: "https://models.example/m.json",
    }));

    // The owner wraps some ETH, delegates to the AgentAccount code and grants the session key, funding its gas.
    await owner.waitForTransactionReceipt({
      hash: await owner.writeContract({
        address: contracts.WETH,
        abi: wethAbi,
        functionName: "deposit",
        value: parseEther("1"),
      }),
    });
    await delegateToAgentAccount(owner, { implementation: contracts.AgentAccount });
    await grantSession(owner, { session: session.address, policy: await policy(), fundEth: parseEther("1") });
  });
  afterAll(async () => {
    await devnet?.stop();
  });

  it("delegated the owner's EOA to the AgentAccount code and funded the session key", async () => {
    expect(await getAccountDelegation(devnet.publicClient, { account: ownerAddress })).toEqual({
      delegated: true,
      implementation: contracts.AgentAccount,
    });
    expect(await devnet.publicClient.getBalance({ address: session.address })).toBe(parseEther("1"));
    const grant = await getSession(devnet.publicClient, { account: ownerAddress, session: session.address });
    expect(grant).toMatchObject({ granted: true, active: true, revoked: false });
  });

  it("the owner's DID and ERC-8004 identity resolve unchanged after the delegation", async () => {
    expect(await resolveOwnerDid()).toEqual(didBefore);
    expect(await readAgent()).toEqual(agentBefore);
    expect((await readAgent()).owner).toBe(ownerAddress);
  });

  it("within the limits: a USDC transfer to an allowed recipient, a pool swap, an escrow job (approve + open)", async () => {
    const before = await balances();
    await within([transfer(alice, usdc("40"))]);
    const { timestamp } = await devnet.publicClient.getBlock();
    await within([
      approve(contracts.Pool, usdc("30")),
      {
        to: contracts.Pool,
        data: encodeFunctionData({
          abi: poolAbi,
          functionName: "swapExactIn",
          args: [contracts.USDC, usdc("30"), 1n, ownerAddress, timestamp + 600n],
        }),
      },
    ]);
    const jobsBefore = await devnet.publicClient.readContract({
      address: contracts.InferenceEscrow,
      abi: inferenceEscrowAbi,
      functionName: "jobCount",
    });
    await within([approve(contracts.InferenceEscrow, usdc("5")), await openJob(usdc("5"))]);
    const job = await devnet.publicClient.readContract({
      address: contracts.InferenceEscrow,
      abi: inferenceEscrowAbi,
      functionName: "getJob",
      args: [jobsBefore + 1n],
    });
    expect(job.requester).toBe(ownerAddress);
    const after = await balances();
    expect(after.aliceUsdc - before.aliceUsdc).toBe(usdc("40"));
    expect(after.escrowUsdc - before.escrowUsdc).toBe(usdc("5"));
    expect(after.ownerUsdc).toBe(before.ownerUsdc - usdc("75"));
    expect(after.ownerWeth).toBeGreaterThan(before.ownerWeth);
    const { spentToday } = await getSession(devnet.publicClient, { account: ownerAddress, session: session.address });
    expect(spentToday).toEqual([
      { token: contracts.USDC, spent: usdc("75") },
      { token: contracts.WETH, spent: 0n },
    ]);
  });

  it("refuses more than the per-call cap", async () => {
    await attack([transfer(alice, usdc("51"))], "AgentAccountOverCallCap");
  });

  it("refuses more than the daily cap across calls", async () => {
    // 75 spent above; 45 more reaches the 120 cap exactly, then any more is over it.
    await within([transfer(alice, usdc("45"))]);
    await attack([transfer(alice, usdc("1"))], "AgentAccountOverDailyCap");
  });

  it("refuses an unknown recipient", async () => {
    await attack([transfer(mallory, usdc("1"))], "AgentAccountUnknownRecipient");
  });

  it("refuses a target not allowed: taking over the owner's DID or ERC-8004 identity, or granting itself more", async () => {
    await attack(
      [
        {
          to: contracts.DIDRegistry,
          data: encodeFunctionData({ abi: didRegistryAbi, functionName: "changeOwner", args: [ownerAddress, mallory] }),
        },
      ],
      "AgentAccountTargetNotAllowed",
    );
    await attack(
      [
        {
          to: contracts.AgentRegistry,
          data: encodeFunctionData({
            abi: agentRegistryAbi,
            functionName: "transferFrom",
            args: [ownerAddress, mallory, agentId],
          }),
        },
      ],
      "AgentAccountTargetNotAllowed",
    );
    const wider = { ...(await policy()), recipients: [alice, mallory] };
    await attack(
      [
        {
          to: ownerAddress,
          data: encodeFunctionData({
            abi: agentAccountAbi,
            functionName: "grantSession",
            args: [session.address, wider],
          }),
        },
      ],
      "AgentAccountTargetNotAllowed",
    );
    expect(await resolveOwnerDid()).toEqual(didBefore);
    expect((await readAgent()).owner).toBe(ownerAddress);
  });

  it("refuses a function not allowed on an allowed target", async () => {
    await attack(
      [
        {
          to: contracts.USDC,
          data: encodeFunctionData({ abi: usdcAbi, functionName: "transferFrom", args: [ownerAddress, mallory, 1n] }),
        },
      ],
      "AgentAccountFunctionNotAllowed",
    );
  });

  it("refuses an approval larger than the call needs", async () => {
    await attack(
      [approve(contracts.InferenceEscrow, usdc("1000")), await openJob(usdc("1"))],
      "AgentAccountApprovalNotConsumed",
    );
  });

  it("refuses everything after the owner revokes the session", async () => {
    await revokeSession(owner, { session: session.address });
    await attack([transfer(alice, 1n)], "AgentAccountSessionRevoked");
  });

  it("refuses everything after the session expires", async () => {
    await grantSession(owner, { session: session.address, policy: await policy(3_600n) });
    await within([transfer(alice, 1n)]);
    await increaseTime({ rpcUrl: devnet.url, seconds: 3_601 });
    await attack([transfer(alice, 1n)], "AgentAccountSessionExpired");
    expect((await getSession(devnet.publicClient, { account: ownerAddress, session: session.address })).active).toBe(
      false,
    );
  });

  it("the owner keeps full control of its own account", async () => {
    const before = await balances();
    await owner.waitForTransactionReceipt({
      hash: await owner.writeContract({
        address: contracts.USDC,
        abi: usdcAbi,
        functionName: "transfer",
        args: [mallory, usdc("500")],
      }),
    });
    expect((await balances()).malloryUsdc - before.malloryUsdc).toBe(usdc("500"));
  });
});
