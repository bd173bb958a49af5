import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reputationRegistryAbi, stackContractNames } from "@convergence/contracts";
import { findFreePort, type StartNodeReturnType, startNode } from "@convergence/devnet";
import { createPublicClient, http } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/runCli.ts";

describe("convergence deploy", () => {
  let node: StartNodeReturnType;
  const deploymentsDir = mkdtempSync(join(tmpdir(), "convergence-deployments-"));
  const env = { CONVERGENCE_DEPLOYMENTS_DIR: deploymentsDir, DEPLOYER_PRIVATE_KEY: undefined };

  beforeAll(async () => {
    node = await startNode({ port: 0 });
  });
  afterAll(async () => {
    await node?.stop();
  });

  it("deploys every contract, writes deployments/31337.json and prints the same record", async () => {
    const result = await runCli(["deploy", "--rpc", node.url, "--json"], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    const written = JSON.parse(readFileSync(join(deploymentsDir, "31337.json"), "utf8"));
    expect(printed).toEqual(written);
    expect(Object.keys(written.contracts).sort()).toEqual([...stackContractNames].sort());
    const client = createPublicClient({ transport: http(node.url) });
    for (const address of Object.values(written.contracts) as `0x${string}`[]) {
      expect((await client.getCode({ address }))?.length).toBeGreaterThan(2);
    }
    // The reputation registry rates the agents of this stack's identity registry.
    const identityRegistry = await client.readContract({
      address: written.contracts.ReputationRegistry,
      abi: reputationRegistryAbi,
      functionName: "getIdentityRegistry",
    });
    expect(identityRegistry).toBe(written.contracts.AgentRegistry);
  });

  it("ends within seconds naming --rpc when the RPC is unreachable", async () => {
    const port = await findFreePort();
    const result = await runCli(["deploy", "--rpc", `http://127.0.0.1:${port}`], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`No JSON-RPC answer from http://127.0.0.1:${port}`);
    expect(result.stderr).toContain("--rpc");
  });

  it("refuses a chain other than the one asked for, naming --rpc", async () => {
    const result = await runCli(["deploy", "--rpc", node.url, "--chain-id", "1"], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("serves chain 31337, but --chain-id asks for 1");
  });

  it("refuses an unfunded key, naming DEPLOYER_PRIVATE_KEY and what it needs", async () => {
    const key = `0x${"ab".repeat(32)}`;
    const result = await runCli(["deploy", "--rpc", node.url], { ...env, DEPLOYER_PRIVATE_KEY: key });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DEPLOYER_PRIVATE_KEY: 0x[0-9a-fA-F]{40} holds 0 ETH on chain 31337/);
  });

  it("refuses a malformed key and a malformed RPC URL, naming each", async () => {
    const badKey = await runCli(["deploy", "--rpc", node.url], { ...env, DEPLOYER_PRIVATE_KEY: "0x12" });
    expect(badKey.stderr).toContain("DEPLOYER_PRIVATE_KEY: is not a private key");
    const badUrl = await runCli(["deploy", "--rpc", "localhost-8545"], env);
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toContain('Invalid --rpc: "localhost-8545"');
  });
});
