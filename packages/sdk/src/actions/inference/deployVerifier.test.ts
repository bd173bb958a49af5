import { readFileSync } from "node:fs";
import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";
import type { Abi, Hex } from "viem";
import { describe, expect, it } from "vitest";
import { testContext } from "../../../test/context.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { deployVerifier } from "./deployVerifier.ts";

const artifact = JSON.parse(
  readFileSync(
    join(workspaceRoot(), "artifacts", "contracts", "test", "Groth16VerifierMock.sol", "Groth16VerifierMock.json"),
    "utf8",
  ),
) as { abi: Abi; bytecode: Hex };

describe("deployVerifier", () => {
  const { publicClient, wallet } = testContext();
  const client = wallet(9);

  it("deploys compiled verifier bytecode and returns the address of the live contract", async () => {
    const { address, receipt } = await deployVerifier({ client, ...artifact, contractName: "Groth16VerifierMock" });
    expect(receipt.status).toBe("success");
    expect(receipt.from.toLowerCase()).toBe(client.account.address.toLowerCase());
    expect(await publicClient.getCode({ address })).toMatch(/^0x[0-9a-f]{10,}/);
    expect(await publicClient.readContract({ address, abi: artifact.abi, functionName: "mode" })).toBe(0);
  });

  it("refuses empty bytecode before sending, and fails on init code that reverts", async () => {
    await expect(
      deployVerifier({ client, abi: artifact.abi, bytecode: "0x", contractName: "EmptyVerifier" }),
    ).rejects.toBeInstanceOf(InvalidParameterError);
    const nonce = await publicClient.getTransactionCount({ address: client.account.address });
    // PUSH1 0 PUSH1 0 REVERT: a constructor that always reverts.
    await expect(
      deployVerifier({ client, abi: [], bytecode: "0x60006000fd", contractName: "RevertingVerifier" }),
    ).rejects.toThrow();
    expect(await publicClient.getTransactionCount({ address: client.account.address })).toBeLessThanOrEqual(nonce + 1);
  });
});
