/**
 * Gas of every public state-changing function of the foundation contracts, from real transaction receipts on
 * Hardhat's in-process chain. Each row is one transaction; `case` says what state it ran in (a first write to a
 * storage slot costs ~17k more than a later one). `pnpm bench gas` prints the table; the snapshot test in
 * test/contracts/gasSnapshot.test.ts compares it with bench/gas-snapshot.json.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import hre from "hardhat";
import {
  type Abi,
  type Address,
  concat,
  createWalletClient,
  custom,
  encodeAbiParameters,
  encodeFunctionData,
  getAbiItem,
  getContractAddress,
  type Hex,
  keccak256,
  maxUint256,
  parseEther,
  parseSignature,
  parseUnits,
  stringToHex,
  toFunctionSelector,
  toHex,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { BenchSection } from "../types.ts";

type GasRow = {
  contract: string;
  function: string;
  case: string;
  gas: number;
  "vs snapshot": string;
  target: string;
};

/** Targets from issue 2, with the anchor each is reported against. */
const targets: Record<string, { max: number; label: string }> = {
  "Pool.swapExactIn": { max: 110_000, label: "< 110k (Uniswap V2 router swap: 115k-135k)" },
  "USDC.transfer": { max: 60_000, label: "< 60k (Circle FiatToken transfer: ~45k-60k)" },
};

const SNAPSHOT_PATH = join(import.meta.dirname, "..", "gas-snapshot.json");

/**
 * Deploys DIDRegistry, AgentRegistry, USDC, WETH and a WETH/USDC Pool on a fresh in-process chain, calls every
 * public state-changing function and returns a row per call with its gasUsed.
 *
 * @example
 * const section = await run();
 * console.log(section.rows.find((row) => row.function === "swapExactIn"));
 */
export async function run(): Promise<BenchSection> {
  const connection = await hre.network.connect();
  const { viem } = connection;
  const publicClient = await viem.getPublicClient();
  const [deployer, alice, bob, carol] = (await viem.getWalletClients()) as [
    WalletClient,
    WalletClient,
    WalletClient,
    WalletClient,
  ];
  const addr = (wallet: WalletClient) => wallet.account!.address;
  const chainId = await publicClient.getChainId();
  const rows: GasRow[] = [];
  const snapshot = readSnapshot();

  const record = (contract: string, fn: string, caseLabel: string, gas: number) => {
    const previous = snapshot[gasKey(contract, fn, caseLabel)];
    rows.push({
      contract,
      function: fn,
      case: caseLabel,
      gas,
      "vs snapshot": previous === undefined ? "new" : formatChange(gas, previous),
      target: targets[`${contract}.${fn}`]?.label ?? "",
    });
    return gas;
  };
  /** Sends each transaction in turn and records their gasUsed summed as one row. */
  const measure = async (
    contract: string,
    fn: string,
    caseLabel: string,
    ...sends: [() => Promise<Hex>, ...(() => Promise<Hex>)[]]
  ) => {
    let gas = 0;
    for (const send of sends) {
      const hash = await send();
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`${contract}.${fn} (${caseLabel}) reverted: ${hash}`);
      gas += Number(receipt.gasUsed);
    }
    return record(contract, fn, caseLabel, gas);
  };
  const deadline = async (seconds = 3600) => (await publicClient.getBlock()).timestamp + BigInt(seconds);

  // ---------------------------------------------------------------------------------------------------------------
  // DIDRegistry: direct calls by the identity (alice), then signed calls for a key that holds no ETH, relayed by bob.
  // ---------------------------------------------------------------------------------------------------------------
  const did = await viem.deployContract("DIDRegistry");
  const veriKey = stringToHex("veriKey", { size: 32 });
  const svcName = stringToHex("did/svc/AgentService", { size: 32 });
  const svcValue = stringToHex("https://agent.example.com/a2a");
  const day = 86_400n;
  const delegate = addr(carol);
  const aliceId = addr(alice);

  await measure("DIDRegistry", "addDelegate", "first change of the identity", () =>
    did.write.addDelegate([aliceId, veriKey, delegate, day], { account: alice.account! }),
  );
  await measure("DIDRegistry", "revokeDelegate", "", () =>
    did.write.revokeDelegate([aliceId, veriKey, delegate], { account: alice.account! }),
  );
  await measure("DIDRegistry", "setAttribute", "32-byte name, 29-byte value", () =>
    did.write.setAttribute([aliceId, svcName, svcValue, day], { account: alice.account! }),
  );
  await measure("DIDRegistry", "revokeAttribute", "", () =>
    did.write.revokeAttribute([aliceId, svcName, svcValue], { account: alice.account! }),
  );
  await measure("DIDRegistry", "changeOwner", "", () =>
    did.write.changeOwner([aliceId, addr(bob)], { account: alice.account! }),
  );

  const identity = privateKeyToAccount(fixedKey("did identity"));
  const signDid = async (parts: Hex) => {
    const hash = erc1056Hash(did.address, await did.read.nonce([identity.address]), identity.address, parts);
    return parseSignature(await identity.sign({ hash }));
  };
  const relayer = { account: bob.account! };
  {
    const { v, r, s } = await signDid(encodeParts(["addDelegate", veriKey, delegate, toHex(day, { size: 32 })]));
    await measure("DIDRegistry", "addDelegateSigned", "first change of the identity", () =>
      did.write.addDelegateSigned([identity.address, Number(v), r, s, veriKey, delegate, day], relayer),
    );
  }
  {
    const { v, r, s } = await signDid(encodeParts(["revokeDelegate", veriKey, delegate]));
    await measure("DIDRegistry", "revokeDelegateSigned", "", () =>
      did.write.revokeDelegateSigned([identity.address, Number(v), r, s, veriKey, delegate], relayer),
    );
  }
  {
    const { v, r, s } = await signDid(encodeParts(["setAttribute", svcName, svcValue, toHex(day, { size: 32 })]));
    await measure("DIDRegistry", "setAttributeSigned", "32-byte name, 29-byte value", () =>
      did.write.setAttributeSigned([identity.address, Number(v), r, s, svcName, svcValue, day], relayer),
    );
  }
  {
    const { v, r, s } = await signDid(encodeParts(["revokeAttribute", svcName, svcValue]));
    await measure("DIDRegistry", "revokeAttributeSigned", "", () =>
      did.write.revokeAttributeSigned([identity.address, Number(v), r, s, svcName, svcValue], relayer),
    );
  }
  {
    const { v, r, s } = await signDid(encodeParts(["changeOwner", addr(carol)]));
    await measure("DIDRegistry", "changeOwnerSigned", "", () =>
      did.write.changeOwnerSigned([identity.address, Number(v), r, s, addr(carol)], relayer),
    );
  }

  // ---------------------------------------------------------------------------------------------------------------
  // AgentRegistry
  // ---------------------------------------------------------------------------------------------------------------
  const agents = await viem.deployContract("AgentRegistry");
  const asAlice = { account: alice.account! };
  const agentURI = "https://agent.example.com/.well-known/agent-registration.json";
  await measure("AgentRegistry", "register", "no URI (agent 1)", () => agents.write.register(asAlice));
  await measure("AgentRegistry", "register", "with URI (agent 2)", () => agents.write.register([agentURI], asAlice));
  await measure("AgentRegistry", "register", "with URI and a `did` metadata entry (agent 3)", () =>
    agents.write.register(
      [agentURI, [{ metadataKey: "did", metadataValue: stringToHex(`did:ethr:0x7a69:${aliceId.toLowerCase()}`) }]],
      asAlice,
    ),
  );
  await measure("AgentRegistry", "setAgentURI", "agent 1", () => agents.write.setAgentURI([1n, agentURI], asAlice));
  await measure("AgentRegistry", "setMetadata", "`did` on agent 1", () =>
    agents.write.setMetadata([1n, "did", stringToHex(`did:ethr:0x7a69:${aliceId.toLowerCase()}`)], asAlice),
  );
  const agentWallet = privateKeyToAccount(fixedKey("agent wallet"));
  {
    const walletDeadline = await deadline(120);
    const signature = await agentWallet.signTypedData({
      domain: { name: "ERC8004IdentityRegistry", version: "1", chainId, verifyingContract: agents.address },
      types: {
        AgentWalletSet: [
          { name: "agentId", type: "uint256" },
          { name: "newWallet", type: "address" },
          { name: "owner", type: "address" },
          { name: "deadline", type: "uint256" },
        ],
      },
      primaryType: "AgentWalletSet",
      message: { agentId: 1n, newWallet: agentWallet.address, owner: aliceId, deadline: walletDeadline },
    });
    await measure("AgentRegistry", "setAgentWallet", "EOA signature", () =>
      agents.write.setAgentWallet([1n, agentWallet.address, walletDeadline, signature], asAlice),
    );
  }
  await measure("AgentRegistry", "unsetAgentWallet", "", () => agents.write.unsetAgentWallet([2n], asAlice));
  await measure("AgentRegistry", "approve", "", () => agents.write.approve([addr(bob), 3n], asAlice));
  await measure("AgentRegistry", "setApprovalForAll", "", () =>
    agents.write.setApprovalForAll([addr(carol), true], asAlice),
  );
  await measure("AgentRegistry", "transferFrom", "clears the agent wallet", () =>
    agents.write.transferFrom([aliceId, addr(bob), 1n], asAlice),
  );
  await measure("AgentRegistry", "safeTransferFrom", "by an approved account, to an EOA", () =>
    agents.write.safeTransferFrom([aliceId, addr(carol), 3n], { account: bob.account! }),
  );
  await measure("AgentRegistry", "safeTransferFrom", "with data, by an operator", () =>
    agents.write.safeTransferFrom([aliceId, addr(bob), 2n, "0x"], { account: carol.account! }),
  );

  // ---------------------------------------------------------------------------------------------------------------
  // USDC
  // ---------------------------------------------------------------------------------------------------------------
  const usdc = await viem.deployContract("USDC", [addr(deployer)]);
  const asDeployer = { account: deployer.account! };
  const usd = (amount: string) => parseUnits(amount, 6);
  await measure("USDC", "mint", "to an empty account", () => usdc.write.mint([aliceId, usd("10000")], asDeployer));
  await measure("USDC", "mint", "to a holder", () => usdc.write.mint([aliceId, usd("10000")], asDeployer));
  await measure("USDC", "transfer", "to an empty account", () => usdc.write.transfer([addr(bob), usd("100")], asAlice));
  await measure("USDC", "transfer", "to a holder", () => usdc.write.transfer([addr(bob), usd("100")], asAlice));
  await measure("USDC", "approve", "finite allowance", () => usdc.write.approve([addr(carol), usd("500")], asAlice));
  await measure("USDC", "transferFrom", "finite allowance, to a holder", () =>
    usdc.write.transferFrom([aliceId, addr(bob), usd("100")], { account: carol.account! }),
  );

  const payer = privateKeyToAccount(fixedKey("usdc payer"));
  await usdc.write.mint([payer.address, usd("1000")], asDeployer);
  const usdcDomain = { name: "USD Coin (Devnet)", version: "1", chainId, verifyingContract: usdc.address } as const;
  {
    const permitDeadline = await deadline();
    const signature = await payer.signTypedData({
      domain: usdcDomain,
      types: {
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      primaryType: "Permit",
      message: { owner: payer.address, spender: addr(carol), value: usd("100"), nonce: 0n, deadline: permitDeadline },
    });
    const { v, r, s } = parseSignature(signature);
    await measure("USDC", "permit", "relayed by the spender", () =>
      usdc.write.permit([payer.address, addr(carol), usd("100"), permitDeadline, Number(v), r, s], {
        account: carol.account!,
      }),
    );
  }
  let authorizations = 0;
  const authorization = async (primaryType: "TransferWithAuthorization" | "ReceiveWithAuthorization", to: Address) => {
    const message = {
      from: payer.address,
      to,
      value: usd("10"),
      validAfter: 0n,
      validBefore: await deadline(),
      nonce: keccak256(stringToHex(`authorization ${++authorizations}`)),
    };
    const fields = [
      { name: "from", type: "address" },
      { name: "to", type: "address" },
      { name: "value", type: "uint256" },
      { name: "validAfter", type: "uint256" },
      { name: "validBefore", type: "uint256" },
      { name: "nonce", type: "bytes32" },
    ];
    const signature = await payer.signTypedData({
      domain: usdcDomain,
      types: { [primaryType]: fields },
      primaryType,
      message,
    });
    const args = [message.from, message.to, message.value, message.validAfter, message.validBefore, message.nonce];
    return { args, signature, ...parseSignature(signature) } as const;
  };
  {
    const { args, v, r, s } = await authorization("TransferWithAuthorization", addr(bob));
    await measure("USDC", "transferWithAuthorization", "v, r, s; relayed, to a holder", () =>
      usdc.write.transferWithAuthorization([...args, Number(v), r, s] as never, { account: carol.account! }),
    );
  }
  {
    const { args, signature } = await authorization("TransferWithAuthorization", addr(bob));
    await measure("USDC", "transferWithAuthorization", "packed signature; relayed, to a holder", () =>
      usdc.write.transferWithAuthorization([...args, signature] as never, { account: carol.account! }),
    );
  }
  {
    const { args, v, r, s } = await authorization("ReceiveWithAuthorization", addr(bob));
    await measure("USDC", "receiveWithAuthorization", "v, r, s; by the payee, a holder", () =>
      usdc.write.receiveWithAuthorization([...args, Number(v), r, s] as never, { account: bob.account! }),
    );
  }
  {
    const { args, signature } = await authorization("ReceiveWithAuthorization", addr(bob));
    await measure("USDC", "receiveWithAuthorization", "packed signature; by the payee, a holder", () =>
      usdc.write.receiveWithAuthorization([...args, signature] as never, { account: bob.account! }),
    );
  }
  const cancel = async () => {
    const nonce = keccak256(stringToHex(`cancel ${++authorizations}`));
    const signature = await payer.signTypedData({
      domain: usdcDomain,
      types: {
        CancelAuthorization: [
          { name: "authorizer", type: "address" },
          { name: "nonce", type: "bytes32" },
        ],
      },
      primaryType: "CancelAuthorization",
      message: { authorizer: payer.address, nonce },
    });
    return { nonce, signature, ...parseSignature(signature) };
  };
  {
    const { nonce, v, r, s } = await cancel();
    await measure("USDC", "cancelAuthorization", "v, r, s", () =>
      usdc.write.cancelAuthorization([payer.address, nonce, Number(v), r, s], { account: carol.account! }),
    );
  }
  {
    const { nonce, signature } = await cancel();
    await measure("USDC", "cancelAuthorization", "packed signature", () =>
      usdc.write.cancelAuthorization([payer.address, nonce, signature], { account: carol.account! }),
    );
  }
  await measure("USDC", "transferOwnership", "step 1 of 2", () =>
    usdc.write.transferOwnership([addr(bob)], asDeployer),
  );
  await measure("USDC", "acceptOwnership", "step 2 of 2", () => usdc.write.acceptOwnership({ account: bob.account! }));
  await measure("USDC", "renounceOwnership", "", () => usdc.write.renounceOwnership({ account: bob.account! }));

  // ---------------------------------------------------------------------------------------------------------------
  // WETH
  // ---------------------------------------------------------------------------------------------------------------
  const weth = await viem.deployContract("WETH");
  await measure("WETH", "deposit", "first deposit of the account", () =>
    weth.write.deposit({ account: alice.account!, value: parseEther("10") }),
  );
  await measure("WETH", "receive", "plain ETH transfer, a holder", () =>
    alice.sendTransaction({ account: alice.account!, chain: alice.chain, to: weth.address, value: parseEther("1") }),
  );
  await measure("WETH", "withdraw", "partial", () => weth.write.withdraw([parseEther("1")], asAlice));
  await measure("WETH", "transfer", "to an empty account", () =>
    weth.write.transfer([addr(bob), parseEther("1")], asAlice),
  );
  await measure("WETH", "approve", "finite allowance", () =>
    weth.write.approve([addr(carol), parseEther("1")], asAlice),
  );
  await measure("WETH", "transferFrom", "finite allowance, to a holder", () =>
    weth.write.transferFrom([aliceId, addr(bob), parseEther("1")], { account: carol.account! }),
  );

  // ---------------------------------------------------------------------------------------------------------------
  // Pool (WETH/USDC; the pool is also its LP token)
  // ---------------------------------------------------------------------------------------------------------------
  // A fresh USDC owned by the deployer, since ownership of the first one was renounced above.
  const usdc2 = await viem.deployContract("USDC", [addr(deployer)]);
  const pool = await viem.deployContract("Pool", [weth.address, usdc2.address]);
  const wethIsToken0 = (await pool.read.token0()).toLowerCase() === weth.address.toLowerCase();
  const pair = (wethAmount: bigint, usdcAmount: bigint) =>
    wethIsToken0 ? ([wethAmount, usdcAmount] as const) : ([usdcAmount, wethAmount] as const);
  for (const wallet of [alice, bob]) {
    await usdc2.write.mint([addr(wallet), usd("1000000")], asDeployer);
    await weth.write.deposit({ account: wallet.account!, value: parseEther("200") });
    await weth.write.approve([pool.address, maxUint256], { account: wallet.account! });
    await usdc2.write.approve([pool.address, maxUint256], { account: wallet.account! });
  }
  {
    const [amount0, amount1] = pair(parseEther("100"), usd("300000"));
    const end = await deadline();
    await measure("Pool", "addLiquidity", "first deposit (mints the locked minimum)", () =>
      pool.write.addLiquidity([amount0, amount1, 0n, 0n, aliceId, end], asAlice),
    );
  }
  {
    const [amount0, amount1] = pair(parseEther("10"), usd("30000"));
    const end = await deadline();
    await measure("Pool", "addLiquidity", "second provider", () =>
      pool.write.addLiquidity([amount0, amount1, 0n, 0n, addr(bob), end], { account: bob.account! }),
    );
  }
  const asBob = { account: bob.account! };
  {
    const end = await deadline();
    await measure("Pool", "swapExactIn", "WETH -> USDC, recipient holds USDC, max approval", () =>
      pool.write.swapExactIn([weth.address, parseEther("1"), 1n, addr(bob), end], asBob),
    );
  }
  {
    const end = await deadline();
    await measure("Pool", "swapExactIn", "USDC -> WETH, recipient holds WETH, max approval", () =>
      pool.write.swapExactIn([usdc2.address, usd("3000"), 1n, addr(bob), end], asBob),
    );
  }
  {
    const end = await deadline();
    await measure("Pool", "swapExactIn", "WETH -> USDC, recipient holds no USDC", () =>
      pool.write.swapExactIn([weth.address, parseEther("1"), 1n, addr(carol), end], asBob),
    );
  }
  const lp = await pool.read.balanceOf([addr(bob)]);
  await measure("Pool", "transfer", "LP tokens to an empty account", () =>
    pool.write.transfer([addr(carol), lp / 4n], asBob),
  );
  await measure("Pool", "approve", "LP tokens, finite allowance", () =>
    pool.write.approve([addr(carol), lp / 4n], asBob),
  );
  await measure("Pool", "transferFrom", "LP tokens, finite allowance, to a holder", () =>
    pool.write.transferFrom([addr(bob), addr(carol), lp / 4n], { account: carol.account! }),
  );
  {
    const end = await deadline();
    await measure("Pool", "removeLiquidity", "part of a position", () =>
      pool.write.removeLiquidity([lp / 4n, 0n, 0n, addr(bob), end], asBob),
    );
  }

  // ---------------------------------------------------------------------------------------------------------------
  // ReputationRegistry: a requester (alice) rates agent 1 (now bob's) the way the SDK's feedback scheme does, bob
  // answers. Last, so that the contracts above keep their addresses (and calldata, and gas).
  // ---------------------------------------------------------------------------------------------------------------
  const reputation = await viem.deployContract("ReputationRegistry", [agents.address]);
  const endpoint = "http://127.0.0.1:8080";
  const jobHash = (jobId: bigint) => keccak256(toHex(jobId, { size: 32 }));
  await measure(
    "ReputationRegistry",
    "giveFeedback",
    "a client's first feedback for the agent, success and latency",
    () =>
      reputation.write.giveFeedback([1n, 100n, 0, "successRate", "latencyMs:8421", endpoint, "", jobHash(1n)], asAlice),
  );
  await measure("ReputationRegistry", "giveFeedback", "a later success of the same client", () =>
    reputation.write.giveFeedback([1n, 100n, 0, "successRate", "latencyMs:7310", endpoint, "", jobHash(2n)], asAlice),
  );
  await measure("ReputationRegistry", "giveFeedback", "a later failure (noShow)", () =>
    reputation.write.giveFeedback([1n, 0n, 0, "successRate", "noShow", endpoint, "", jobHash(3n)], asAlice),
  );
  await measure("ReputationRegistry", "revokeFeedback", "", () => reputation.write.revokeFeedback([1n, 3n], asAlice));
  await measure("ReputationRegistry", "appendResponse", "the agent's owner answers a feedback, first response", () =>
    reputation.write.appendResponse([1n, aliceId, 3n, "https://worker.example/responses/3.json", jobHash(3n)], asBob),
  );

  // ---------------------------------------------------------------------------------------------------------------
  // AgentAccount (EIP-7702): an owner EOA delegates, grants a session key, and the session swaps and opens an escrow
  // job through the account; a plain EOA makes the same calls (approve, then the call: two transactions, summed).
  // Last, so that the contracts above keep their addresses. Keys are fixed (deterministic signatures and calldata).
  // ---------------------------------------------------------------------------------------------------------------
  const accountNotes: string[] = [];
  {
    const models = await viem.deployContract("ModelRegistry");
    const verifier = await viem.deployContract("Groth16VerifierMock");
    const nonce = await publicClient.getTransactionCount({ address: addr(deployer) });
    const attestorAt = getContractAddress({ from: addr(deployer), nonce: BigInt(nonce) + 1n });
    const escrowAt = getContractAddress({ from: addr(deployer), nonce: BigInt(nonce) + 2n });
    const validations = await viem.deployContract("ValidationRegistry", [agents.address, attestorAt]);
    const attestor = await viem.deployContract("InferenceAttestor", [models.address, validations.address, escrowAt]);
    const escrow = await viem.deployContract("InferenceEscrow", [
      usdc2.address,
      agents.address,
      models.address,
      attestor.address,
    ]);
    await models.write.registerModel(
      [
        {
          commitment: 1234n,
          verifier: verifier.address,
          numOutputs: 3,
          circuitId: keccak256(stringToHex("mlp-8-16-3")),
          vkeyHash: keccak256(stringToHex("vkey")),
          onnxHash: keccak256(stringToHex("onnx")),
          uri: "https://models.example/risk-v1.json",
        },
      ],
      asDeployer,
    );
    const implementation = await viem.deployContract("AgentAccount");
    const local = (label: string) =>
      createWalletClient({
        account: privateKeyToAccount(fixedKey(label)),
        chain: publicClient.chain,
        transport: custom(connection.provider),
      });
    const owner = local("agent account owner");
    const session = local("agent account session key");
    const plain = local("plain EOA for comparison");
    const ownerId = owner.account.address;
    for (const wallet of [owner, plain]) {
      const to = wallet.account.address;
      await publicClient.waitForTransactionReceipt({
        hash: await deployer.sendTransaction({
          account: deployer.account!,
          chain: deployer.chain,
          to,
          value: parseEther("10"),
        }),
      });
      await usdc2.write.mint([to, usd("10000")], asDeployer);
      await weth.write.deposit({ account: wallet.account, value: parseEther("1") });
    }
    // A first job and a first spend of the model's escrow by someone else, so neither side pays for the escrow's
    // first job.
    await usdc2.write.approve([escrow.address, usd("1")], { account: alice.account! });
    await escrow.write.openJob([1n, 1n, usd("1"), await deadline(), 0n, 0n], { account: alice.account! });

    const delegation = await measure("AgentAccount", "delegate", "EIP-7702 type-4 transaction to itself", async () =>
      owner.sendTransaction({
        to: ownerId,
        data: "0x",
        authorizationList: [
          await owner.signAuthorization({ contractAddress: implementation.address, chainId, executor: "self" }),
        ],
      }),
    );
    const selector = (abi: Abi, name: string) => toFunctionSelector(getAbiItem({ abi, name } as never) as never);
    const policy = {
      expiresAt: (await deadline()) + 86_400n,
      limits: [
        { token: usdc2.address, perCall: usd("5000"), perDay: usd("20000") },
        { token: weth.address, perCall: parseEther("1"), perDay: parseEther("5") },
      ],
      recipients: [addr(bob)],
      calls: [
        ...(["transfer", "approve"] as const).flatMap((name) => [
          { target: usdc2.address, selector: selector(usdc2.abi, name) },
          { target: weth.address, selector: selector(weth.abi, name) },
        ]),
        { target: weth.address, selector: selector(weth.abi, "deposit") },
        { target: weth.address, selector: selector(weth.abi, "withdraw") },
        { target: pool.address, selector: selector(pool.abi, "swapExactIn") },
        { target: escrow.address, selector: selector(escrow.abi, "openJob") },
        { target: escrow.address, selector: selector(escrow.abi, "refund") },
        { target: reputation.address, selector: selector(reputation.abi, "giveFeedback") },
      ],
    };
    const grant = await measure("AgentAccount", "grantSession", "2 token caps, 1 recipient, 10 calls", () =>
      owner.writeContract({
        address: ownerId,
        abi: implementation.abi,
        functionName: "grantSession",
        args: [session.account.address, policy],
      }),
    );
    await publicClient.waitForTransactionReceipt({
      hash: await owner.sendTransaction({ to: session.account.address, value: parseEther("1") }),
    });

    const approveCall = (spender: Address, amount: bigint) => ({
      target: usdc2.address,
      value: 0n,
      callData: encodeFunctionData({ abi: usdc2.abi, functionName: "approve", args: [spender, amount] }),
    });
    const swapCall = async (recipient: Address) => ({
      target: pool.address,
      value: 0n,
      callData: encodeFunctionData({
        abi: pool.abi,
        functionName: "swapExactIn",
        args: [usdc2.address, usd("3000"), 1n, recipient, await deadline()],
      }),
    });
    const openCall = async () => ({
      target: escrow.address,
      value: 0n,
      callData: encodeFunctionData({
        abi: escrow.abi,
        functionName: "openJob",
        args: [1n, 2n, usd("2"), await deadline(), 0n, 0n],
      }),
    });
    const batchMode = `0x01${"00".repeat(31)}` as Hex;
    const execute = async (wallet: typeof owner, calls: Awaited<ReturnType<typeof swapCall>>[]) =>
      wallet.writeContract({
        address: ownerId,
        abi: implementation.abi,
        functionName: "execute",
        args: [
          batchMode,
          encodeAbiParameters(
            [{ type: "tuple[]", components: [{ type: "address" }, { type: "uint256" }, { type: "bytes" }] }],
            [calls.map((call) => [call.target, call.value, call.callData] as const)],
          ),
        ],
      });

    const plainSwap = await measure(
      "plain EOA",
      "USDC.approve + Pool.swapExactIn",
      "3,000 USDC -> WETH, exact approval, 2 transactions",
      () => usdc2.write.approve([pool.address, usd("3000")], { account: plain.account }),
      async () =>
        pool.write.swapExactIn([usdc2.address, usd("3000"), 1n, plain.account.address, await deadline()], {
          account: plain.account,
        }),
    );
    const sessionSwap = await measure(
      "AgentAccount",
      "execute (session key)",
      "USDC approve + Pool.swapExactIn, the session's first spend",
      async () => execute(session, [approveCall(pool.address, usd("3000")), await swapCall(ownerId)]),
    );
    const sessionSwapLater = await measure(
      "AgentAccount",
      "execute (session key)",
      "USDC approve + Pool.swapExactIn, a later spend within the hour",
      async () => execute(session, [approveCall(pool.address, usd("3000")), await swapCall(ownerId)]),
    );
    await measure("AgentAccount", "execute (owner)", "USDC approve + Pool.swapExactIn, unrestricted", async () =>
      execute(owner, [approveCall(pool.address, usd("3000")), await swapCall(ownerId)]),
    );
    const plainOpen = await measure(
      "plain EOA",
      "USDC.approve + InferenceEscrow.openJob",
      "a 2 USDC job, exact approval, 2 transactions",
      () => usdc2.write.approve([escrow.address, usd("2")], { account: plain.account }),
      async () => escrow.write.openJob([1n, 2n, usd("2"), await deadline(), 0n, 0n], { account: plain.account }),
    );
    const sessionOpen = await measure(
      "AgentAccount",
      "execute (session key)",
      "USDC approve + InferenceEscrow.openJob, a 2 USDC job",
      async () => execute(session, [approveCall(escrow.address, usd("2")), await openCall()]),
    );
    await measure("AgentAccount", "revokeSession", "", () =>
      owner.writeContract({
        address: ownerId,
        abi: implementation.abi,
        functionName: "revokeSession",
        args: [session.account.address],
      }),
    );
    const signed = (n: number) => `${n >= 0 ? "+" : ""}${n.toLocaleString("en-US")}`;
    accountNotes.push(
      `AgentAccount: delegating costs ${delegation.toLocaleString("en-US")} gas once and a session grant ${grant.toLocaleString("en-US")}; through a session key, a swap (approve + swap in one batch) costs ${signed(sessionSwapLater - plainSwap)} gas against a plain EOA's approve then swap (${signed(sessionSwap - plainSwap)} for the session's first spend, whose spending-window slots are new), and an escrow job ${signed(sessionOpen - plainOpen)} gas against approve then openJob. The session's checks read its policy (cold storage), measure each capped token's balance before and after, check the allowance is back to 0, and record the spend in its rolling window; the batch saves one transaction's 21,000 base.`,
    );
  }

  const hardfork = (connection.networkConfig as { hardfork?: string }).hardfork ?? "default";
  return {
    name: "Gas per public function (receipts on Hardhat's in-process chain)",
    rows,
    notes: [
      `gasUsed from receipts on Hardhat ${connection.networkName} (EDR, hardfork ${hardfork}), solc 0.8.30, optimizer 10,000 runs, evm cancun; includes the 21,000 base and calldata.`,
      "'vs snapshot' compares with bench/gas-snapshot.json; test/contracts/gasSnapshot.test.ts fails above +5% (regenerate: GAS_SNAPSHOT=update pnpm exec vitest run test/contracts/gasSnapshot.test.ts).",
      "Uniswap V2 anchor: Uniswap's smart-order-router prices a one-hop V2 swap through the router at BASE_SWAP_COST = 135,000 gas (115,000 before 2022-07; src/routers/alpha-router/gas-models/v2/v2-heuristic-gas-model.ts). Pool.swapExactIn needs no router hop: the pool pulls the input itself.",
      "Circle anchor: FiatToken (USDC) transfer is ~45k-60k gas on Ethereum mainnet (proxy delegatecall plus blacklist/pause checks; the upper end for a recipient with no balance). Not measured here: Circle's source is not in this workspace.",
      "Swaps and transfers to a holder rewrite non-zero slots; 'to an empty account' rows pay the 20k cost of a new balance slot.",
      ...accountNotes,
    ],
  };
}

/** Keys and nonces are fixed so that calldata, and with it gas, is the same on every run. */
function fixedKey(label: string): Hex {
  return keccak256(stringToHex(label));
}

/** ERC-1056 signed-message hash: keccak256(0x19 0x00 registry nonce identity <function name> <arguments>). */
function erc1056Hash(registry: Address, nonce: bigint, identity: Address, parts: Hex): Hex {
  return keccak256(concat(["0x1900", registry, toHex(nonce, { size: 32 }), identity, parts]));
}

/** Encodes a function name (UTF-8) followed by already-encoded arguments, as abi.encodePacked would. */
function encodeParts([name, ...args]: [string, ...Hex[]]): Hex {
  return concat([stringToHex(name), ...args]);
}

function gasKey(contract: string, fn: string, caseLabel: string): string {
  return caseLabel ? `${contract}.${fn} (${caseLabel})` : `${contract}.${fn}`;
}

function formatChange(gas: number, previous: number): string {
  if (gas === previous) return "=";
  const percent = ((gas - previous) / previous) * 100;
  return `${gas > previous ? "+" : ""}${percent.toFixed(1)}%`;
}

function readSnapshot(): Record<string, number> {
  try {
    const parsed = JSON.parse(readFileSync(SNAPSHOT_PATH, "utf8")) as { figures?: Record<string, number> };
    return parsed.figures ?? {};
  } catch {
    return {};
  }
}
