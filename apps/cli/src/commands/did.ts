import { readDeployment } from "@convergence/contracts";
import { parseDid, resolveDid } from "@convergence/sdk";
import type { Command } from "commander";
import { type Address, isAddress } from "viem";
import { connect } from "../chain/connect.ts";
import { InvalidArgumentError, SettingError } from "../errors.ts";
import { rpcUrlFrom } from "../options.ts";
import { printResult } from "../output.ts";

/** `convergence did ...`: did:ethr identities on the ERC-1056 registry. */
export function registerDidCommand(program: Command): void {
  const did = program.command("did").description("did:ethr identities (ERC-1056).");
  did
    .command("resolve")
    .description("Resolve a did:ethr DID to its W3C DID document with the standard ethr-did-resolver.")
    .argument(
      "<did>",
      "did:ethr:<hex chain id>:<address>, e.g. did:ethr:0x7a69:0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    )
    .option("--rpc <url>", "JSON-RPC URL (default CONVERGENCE_RPC_URL or http://127.0.0.1:8545)")
    .option("--registry <address>", "DIDRegistry address (default: from deployments/<chainId>.json)")
    .option("--json", "print the DID document as JSON")
    .action(async (value: string, options: { rpc?: string; registry?: string; json?: boolean }) => {
      let chainId: number;
      try {
        ({ chainId } = parseDid({ did: value }));
      } catch {
        throw new InvalidArgumentError({
          argument: "<did>",
          value,
          expected:
            "did:ethr:<hex chain id>:<0x address with 40 hex digits>, e.g. did:ethr:0x7a69:0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        });
      }
      if (options.registry !== undefined && !isAddress(options.registry)) {
        throw new InvalidArgumentError({
          argument: "--registry",
          value: options.registry,
          expected: "a 0x address with 40 hex digits",
        });
      }
      const rpcUrl = rpcUrlFrom(options.rpc);
      const { chainId: rpcChainId } = await connect({ rpcUrl });
      if (rpcChainId !== chainId) {
        throw new SettingError({
          setting: "--rpc",
          problem: `${rpcUrl} serves chain ${rpcChainId}, but the DID names chain ${chainId} (0x${chainId.toString(16)}).`,
          fix: "Point --rpc at that chain's node, or use a DID of this chain.",
        });
      }
      const registry = (options.registry as Address | undefined) ?? readDeployment({ chainId }).contracts.DIDRegistry;
      const result = await resolveDid({ did: value, rpcUrl, registry });
      printResult({ json: options.json, data: result.didDocument, human: (doc) => JSON.stringify(doc, null, 2) });
    });
}
