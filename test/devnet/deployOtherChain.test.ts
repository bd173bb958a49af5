import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devnetAccounts } from "@convergence/contracts";
import { type StartNodeReturnType, startNode } from "@convergence/devnet";
import { createClients } from "@convergence/sdk";
import { parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/runCli.ts";

// "Another EVM chain needs only an RPC URL and a deployer key": a Hardhat node serving chain 1337
// stands in for it, and the deployer is a fresh key funded there.
describe("convergence deploy on a chain other than the devnet", () => {
  let node: StartNodeReturnType;
  const key = generatePrivateKey();
  const deploymentsDir = mkdtempSync(join(tmpdir(), "convergence-other-chain-"));

  beforeAll(async () => {
    node = await startNode({ port: 0, chainId: 1337 });
    const { walletClient } = createClients({
      rpcUrl: node.url,
      chainId: 1337,
      account: devnetAccounts({ count: 1 })[0]!,
    });
    const hash = await walletClient!.sendTransaction({ to: privateKeyToAccount(key).address, value: parseEther("1") });
    await walletClient!.waitForTransactionReceipt({ hash });
  });
  afterAll(async () => {
    await node?.stop();
  });

  it("deploys with DEPLOYER_PRIVATE_KEY and a small seed, as the README shows", async () => {
    const result = await runCli(["deploy", "--rpc", node.url, "--seed-weth", "0.01", "--seed-usdc", "30", "--json"], {
      DEPLOYER_PRIVATE_KEY: key,
      CONVERGENCE_DEPLOYMENTS_DIR: deploymentsDir,
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const record = JSON.parse(result.stdout);
    expect(record.chainId).toBe(1337);
    expect(record.deployer).toBe(privateKeyToAccount(key).address);
    expect(JSON.parse(readFileSync(join(deploymentsDir, "1337.json"), "utf8"))).toEqual(record);
  });

  it("refuses to run without DEPLOYER_PRIVATE_KEY there, naming it", async () => {
    const result = await runCli(["deploy", "--rpc", node.url], {
      DEPLOYER_PRIVATE_KEY: undefined,
      CONVERGENCE_DEPLOYMENTS_DIR: deploymentsDir,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("DEPLOYER_PRIVATE_KEY: not set, and chain 1337 is not the local devnet");
  });

  it("refuses a public devnet key there", async () => {
    const devnetKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    const result = await runCli(["deploy", "--rpc", node.url], {
      DEPLOYER_PRIVATE_KEY: devnetKey,
      CONVERGENCE_DEPLOYMENTS_DIR: deploymentsDir,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is a public Hardhat devnet key, refused on chain 1337");
  });

  // Six CLI start-ups, ~10 s each on a busy 2-core machine (52 s measured for five): the timeout is a safety net.
  it("refuses the public devnet keys and a missing key in every command that signs, naming the setting", async () => {
    // Hardhat accounts #0, #1 and #3: the devnet defaults of the deployer/requester, the agent and the publisher.
    const devnet0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    const devnet1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    const devnet3 = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";
    const cases = [
      {
        setting: "REQUESTER_PRIVATE_KEY",
        value: devnet0,
        args: ["job", "open", "--input", "[1,2,3,4,5,6,7,8]", "--pay", "1"],
      },
      {
        setting: "REQUESTER_PRIVATE_KEY",
        value: undefined,
        args: ["job", "open", "--input", "[1,2,3,4,5,6,7,8]", "--pay", "1"],
      },
      { setting: "AGENT_PRIVATE_KEY", value: devnet1, args: ["agent", "run", "wrap 1 ETH", "--yes"] },
      { setting: "AGENT_PRIVATE_KEY", value: undefined, args: ["agent", "run", "wrap 1 ETH", "--yes"] },
      {
        setting: "PUBLISHER_PRIVATE_KEY",
        value: devnet3,
        args: ["model", "add", "packages/models/assets/risk-v1/model.onnx", "--name", "x"],
      },
      {
        setting: "PUBLISHER_PRIVATE_KEY",
        value: undefined,
        args: ["model", "add", "packages/models/assets/risk-v1/model.onnx", "--name", "x"],
      },
    ];
    for (const { setting, value, args } of cases) {
      const result = await runCli([...args, "--rpc", node.url], {
        [setting]: value,
        CONVERGENCE_DEPLOYMENTS_DIR: deploymentsDir,
      });
      expect(result.code, `${args[0]} ${args[1]} with ${setting}=${value}`).toBe(1);
      expect(result.stderr).toContain(
        value === undefined
          ? `${setting}: not set, and chain 1337 is not the local devnet`
          : `${setting}: is a public Hardhat devnet key, refused on chain 1337`,
      );
    }
  }, 300_000);
});
