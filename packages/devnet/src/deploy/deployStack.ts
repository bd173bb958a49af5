import type { Deployment, StackContractName } from "@convergence/contracts";
import {
  agentAccountAbi,
  agentAccountBytecode,
  agentRegistryAbi,
  agentRegistryBytecode,
  didRegistryAbi,
  didRegistryBytecode,
  inferenceAttestorAbi,
  inferenceAttestorBytecode,
  inferenceEscrowAbi,
  inferenceEscrowBytecode,
  modelRegistryAbi,
  modelRegistryBytecode,
  poolAbi,
  poolBytecode,
  reputationRegistryAbi,
  reputationRegistryBytecode,
  usdcAbi,
  usdcBytecode,
  validationRegistryAbi,
  validationRegistryBytecode,
  wethAbi,
  wethBytecode,
} from "@convergence/contracts";
import {
  type Abi,
  type Account,
  type Address,
  type Chain,
  getAddress,
  getContractAddress,
  type Hex,
  maxUint256,
  type PublicActions,
  parseEther,
  parseUnits,
  type Transport,
  type WalletClient,
} from "viem";

export type DeployClient = WalletClient<Transport, Chain, Account> & PublicActions<Transport, Chain, Account>;

export type DeployStackParameters = {
  client: DeployClient;
  /** Accounts that receive `usdcPerAccount` devnet USDC each (the deployer is always funded for seeding). */
  fund?: readonly Address[];
  /** Whole USDC per funded account (default 100,000). */
  usdcPerAccount?: string;
  /** Initial pool liquidity in whole units (default 100 WETH and 300,000 USDC: 3,000 USDC per WETH). */
  seed?: { weth: string; usdc: string };
  onProgress?: (message: string) => void;
};

/**
 * Deploys the identity, payment and DeFi contracts, mints devnet USDC, seeds the WETH/USDC pool, then deploys the
 * inference market (ModelRegistry, ValidationRegistry, InferenceAttestor, InferenceEscrow) wired together, the
 * ReputationRegistry, and the AgentAccount implementation that owners' EOAs delegate to with EIP-7702.
 * Returns the deployment record (write it with `writeDeployment`).
 *
 * @example
 * const deployment = await deployStack({ client, fund: devnetAccounts({ count: 5 }).map((a) => a.address) });
 */
export async function deployStack({
  client,
  fund = [],
  usdcPerAccount = "100000",
  seed = { weth: "100", usdc: "300000" },
  onProgress = () => {},
}: DeployStackParameters): Promise<Deployment> {
  const deployer = client.account.address;
  const startBlock = await client.getBlockNumber();
  const wait = async (hash: Hex, what: string) => {
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${what} reverted in transaction ${hash}`);
    return receipt;
  };
  const deploy = async (name: StackContractName, abi: Abi, bytecode: Hex, args: readonly unknown[] = []) => {
    const hash = await client.deployContract({ abi, bytecode, args } as never);
    const { contractAddress } = await wait(hash, `deploying ${name}`);
    if (!contractAddress) throw new Error(`deploying ${name} returned no contract address (${hash})`);
    onProgress(`${name} at ${getAddress(contractAddress)}`);
    return getAddress(contractAddress);
  };
  const send = async (what: string, request: Parameters<DeployClient["writeContract"]>[0]) =>
    wait(await client.writeContract(request), what);

  const contracts = {} as Record<StackContractName, Address>;
  contracts.DIDRegistry = await deploy("DIDRegistry", didRegistryAbi, didRegistryBytecode);
  contracts.AgentRegistry = await deploy("AgentRegistry", agentRegistryAbi, agentRegistryBytecode);
  contracts.USDC = await deploy("USDC", usdcAbi, usdcBytecode, [deployer]);
  contracts.WETH = await deploy("WETH", wethAbi, wethBytecode);
  contracts.Pool = await deploy("Pool", poolAbi, poolBytecode, [contracts.WETH, contracts.USDC]);

  const usdc = (amount: string) => parseUnits(amount, 6);
  for (const account of new Set(fund)) {
    await send(`minting USDC to ${account}`, {
      address: contracts.USDC,
      abi: usdcAbi,
      functionName: "mint",
      args: [account, usdc(usdcPerAccount)],
    } as never);
  }
  onProgress(`minted ${usdcPerAccount} USDC to ${fund.length} accounts`);

  const wethSeed = parseEther(seed.weth);
  const usdcSeed = usdc(seed.usdc);
  await send("minting the pool's USDC", {
    address: contracts.USDC,
    abi: usdcAbi,
    functionName: "mint",
    args: [deployer, usdcSeed],
  } as never);
  await send("wrapping the pool's ETH", {
    address: contracts.WETH,
    abi: wethAbi,
    functionName: "deposit",
    value: wethSeed,
  } as never);
  for (const token of [contracts.WETH, contracts.USDC]) {
    await send("approving the pool", {
      address: token,
      abi: usdcAbi,
      functionName: "approve",
      args: [contracts.Pool, maxUint256],
    } as never);
  }
  const token0 = await client.readContract({ address: contracts.Pool, abi: poolAbi, functionName: "token0" });
  const [amount0, amount1] =
    token0.toLowerCase() === contracts.WETH.toLowerCase() ? [wethSeed, usdcSeed] : [usdcSeed, wethSeed];
  const { timestamp } = await client.getBlock();
  await send("seeding the pool", {
    address: contracts.Pool,
    abi: poolAbi,
    functionName: "addLiquidity",
    args: [amount0, amount1, amount0, amount1, deployer, timestamp + 600n],
  } as never);
  onProgress(`seeded the pool with ${seed.weth} WETH and ${seed.usdc} USDC`);

  // The inference market. The ValidationRegistry trusts the attestor and the attestor serves the escrow, both
  // immutably and both deployed after it, so their addresses are predicted from the deployer's next nonces; the
  // attestor's and the escrow's constructors revert if the prediction was wrong.
  contracts.ModelRegistry = await deploy("ModelRegistry", modelRegistryAbi, modelRegistryBytecode);
  const nonce = await client.getTransactionCount({ address: deployer, blockTag: "pending" });
  const attestorAt = getContractAddress({ from: deployer, nonce: BigInt(nonce) + 1n });
  const escrowAt = getContractAddress({ from: deployer, nonce: BigInt(nonce) + 2n });
  contracts.ValidationRegistry = await deploy("ValidationRegistry", validationRegistryAbi, validationRegistryBytecode, [
    contracts.AgentRegistry,
    attestorAt,
  ]);
  contracts.InferenceAttestor = await deploy("InferenceAttestor", inferenceAttestorAbi, inferenceAttestorBytecode, [
    contracts.ModelRegistry,
    contracts.ValidationRegistry,
    escrowAt,
  ]);
  contracts.InferenceEscrow = await deploy("InferenceEscrow", inferenceEscrowAbi, inferenceEscrowBytecode, [
    contracts.USDC,
    contracts.AgentRegistry,
    contracts.ModelRegistry,
    contracts.InferenceAttestor,
  ]);
  if (contracts.InferenceAttestor !== attestorAt || contracts.InferenceEscrow !== escrowAt) {
    throw new Error(
      `the inference market was deployed at unexpected addresses (another transaction from ${deployer} ran in between): deploy again`,
    );
  }
  // Last, so that the attestor's and the escrow's predicted nonces above stay as they were.
  contracts.ReputationRegistry = await deploy("ReputationRegistry", reputationRegistryAbi, reputationRegistryBytecode, [
    contracts.AgentRegistry,
  ]);
  // The EIP-7702 account code owners delegate to (one implementation for every owner; it holds no state itself).
  contracts.AgentAccount = await deploy("AgentAccount", agentAccountAbi, agentAccountBytecode);

  return {
    chainId: client.chain.id,
    deployer,
    startBlock: startBlock.toString(),
    deployedAt: new Date().toISOString(),
    contracts,
  };
}
