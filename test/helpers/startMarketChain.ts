import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Deployment, devnetAccounts, writeDeployment } from "@convergence/contracts";
import { deployStack, type StartNodeReturnType, startNode } from "@convergence/devnet";
import { createClients, type ReadClient, type WriteClient } from "@convergence/sdk";
import { type Hex, type LocalAccount, nonceManager, parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

export type MarketParty = { privateKey: Hex; account: LocalAccount; wallet: WriteClient };

export type StartMarketChainParameters<Name extends string> = {
  /** The chain id the Hardhat node serves (default 1337: not the devnet's 31337, as a public chain would not be). */
  chainId?: number;
  /** Every party besides the deployer, each with a fresh key of its own (requesters, workers, ...). */
  parties: readonly Name[];
  /** ETH sent to each party and to the deployer (default 1). */
  eth?: string;
  /** Whole devnet USDC minted to each party (default 1000). */
  usdc?: string;
};

export type MarketChain<Name extends string> = {
  node: StartNodeReturnType;
  url: string;
  chainId: number;
  deployment: Deployment;
  /** Holds <chainId>.json, for workers and the CLI (CONVERGENCE_DEPLOYMENTS_DIR). */
  deploymentsDir: string;
  /** Every process of a test may keep its files here; removed by stop(). */
  dir: string;
  publicClient: ReadClient;
  deployer: MarketParty;
  parties: Record<Name, MarketParty>;
  stop: () => Promise<void>;
};

/**
 * A Hardhat node on a free port serving `chainId`, and the stack deployed by a fresh deployer key, as on a public
 * chain: nothing signs with a public devnet key. The node's prefunded account #0 only plays the faucet (ETH to the
 * deployer and every party, as a testnet faucet would); the deployer owns the devnet USDC and mints `usdc` to each
 * party. Keys are explicit, so every process started on it is given its own.
 *
 * @example
 * const chain = await startMarketChain({ parties: ["requester", "workerA", "workerB"] });
 * chain.parties.requester.privateKey; // REQUESTER_PRIVATE_KEY
 * await chain.stop();
 */
export async function startMarketChain<Name extends string>({
  chainId = 1337,
  parties,
  eth = "1",
  usdc = "1000",
}: StartMarketChainParameters<Name>): Promise<MarketChain<Name>> {
  const dir = mkdtempSync(join(tmpdir(), `market-chain-${chainId}-`));
  const node = await startNode({ port: 0, chainId });
  try {
    const party = (privateKey: Hex): MarketParty => {
      // A nonce manager: a party may send from several flows at once (a requester with jobs in flight), and two sends
      // that read the same pending nonce would collide.
      const account = privateKeyToAccount(privateKey, { nonceManager });
      return { privateKey, account, wallet: createClients({ rpcUrl: node.url, chainId, account }).walletClient! };
    };
    const deployer = party(generatePrivateKey());
    const named = Object.fromEntries(parties.map((name) => [name, party(generatePrivateKey())])) as Record<
      Name,
      MarketParty
    >;
    const faucet = createClients({ rpcUrl: node.url, chainId, account: devnetAccounts({ count: 1 })[0]! })
      .walletClient!;
    for (const { account } of [deployer, ...Object.values<MarketParty>(named)]) {
      const hash = await faucet.sendTransaction({ to: account.address, value: parseEther(eth) });
      await faucet.waitForTransactionReceipt({ hash });
    }
    const deployment = await deployStack({
      client: deployer.wallet,
      fund: Object.values<MarketParty>(named).map(({ account }) => account.address),
      usdcPerAccount: usdc,
      seed: { weth: "0.01", usdc: "30" },
    });
    const deploymentsDir = join(dir, "deployments");
    writeDeployment({ deployment, dir: deploymentsDir });
    const { publicClient } = createClients({ rpcUrl: node.url, chainId });
    return {
      node,
      url: node.url,
      chainId,
      deployment,
      deploymentsDir,
      dir,
      publicClient,
      deployer,
      parties: named,
      stop: async () => {
        await node.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await node.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
