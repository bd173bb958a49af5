import { type Account, type Chain, encodeFunctionData, erc20Abi, type PublicClient, type WalletClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { describe, expect, it } from "vitest";
import { createFacilitatorSigner } from "./createFacilitatorSigner.ts";

const MULTICALL3 = "0xcA11bde05977b3631167028862bE2a173976CA11";
const tryAggregateAbi = [
  {
    type: "function",
    name: "tryAggregate",
    stateMutability: "payable",
    inputs: [
      { name: "requireSuccess", type: "bool" },
      {
        name: "calls",
        type: "tuple[]",
        components: [
          { name: "target", type: "address" },
          { name: "callData", type: "bytes" },
        ],
      },
    ],
    outputs: [],
  },
] as const;
const account = privateKeyToAccount(`0x${"11".repeat(32)}`);

// Test doubles of viem's clients: only the calls the signer makes, recorded.
function clients({ multicallCode }: { multicallCode: `0x${string}` | undefined }) {
  const calls: string[] = [];
  const publicClient = {
    getCode: async () => multicallCode,
    call: async ({ to }: { to: string }) => {
      calls.push(`call ${to}`);
      if (to === "0x0000000000000000000000000000000000000bad") throw new Error("reverted");
      return { data: "0x01" };
    },
    readContract: async ({ address, functionName }: { address: string; functionName: string }) => {
      calls.push(`read ${address} ${functionName}`);
      return "read";
    },
  } as unknown as PublicClient;
  let sends = 0;
  let inFlight = 0;
  const walletClient = {
    account,
    chain: hardhat,
    writeContract: async () => {
      inFlight++;
      expect(inFlight).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return `0x${(++sends).toString(16).padStart(64, "0")}`;
    },
  } as unknown as WalletClient<ReturnType<typeof import("viem").http>, Chain, Account>;
  return { publicClient, walletClient, calls };
}

describe("createFacilitatorSigner", () => {
  it("answers Multicall3 tryAggregate call by call on a chain without Multicall3 (a failed call is a failure entry)", async () => {
    const { publicClient, walletClient, calls } = clients({ multicallCode: undefined });
    const signer = createFacilitatorSigner({ publicClient, walletClient });
    const data = encodeFunctionData({ abi: erc20Abi, functionName: "name" });
    const result = await signer.readContract({
      address: MULTICALL3,
      abi: tryAggregateAbi,
      functionName: "tryAggregate",
      args: [
        false,
        [
          { target: "0x0000000000000000000000000000000000000001", callData: data },
          { target: "0x0000000000000000000000000000000000000bad", callData: data },
        ],
      ],
    });
    expect(result).toEqual([
      { success: true, returnData: "0x01" },
      { success: false, returnData: "0x" },
    ]);
    expect(calls).toEqual([
      "call 0x0000000000000000000000000000000000000001",
      "call 0x0000000000000000000000000000000000000bad",
    ]);
  });

  it("uses Multicall3 itself where it is deployed", async () => {
    const { publicClient, walletClient, calls } = clients({ multicallCode: "0x6080" });
    const signer = createFacilitatorSigner({ publicClient, walletClient });
    await signer.readContract({
      address: MULTICALL3,
      abi: tryAggregateAbi,
      functionName: "tryAggregate",
      args: [false, []],
    });
    expect(calls).toEqual([`read ${MULTICALL3} tryAggregate`]);
  });

  it("sends one transaction at a time (concurrent settlements never race for the account's nonce)", async () => {
    const { publicClient, walletClient } = clients({ multicallCode: undefined });
    const signer = createFacilitatorSigner({ publicClient, walletClient });
    const write = () =>
      signer.writeContract({ address: MULTICALL3, abi: erc20Abi, functionName: "transfer", args: [] });
    const hashes = await Promise.all([write(), write(), write()]);
    expect(new Set(hashes).size).toBe(3);
    expect(signer.getAddresses()).toEqual([account.address]);
  });
});
