import { createRequire } from "node:module";
import type { Abi, Hex } from "viem";
import { VerifierCompileError } from "../errors/verifier.ts";

const require = createRequire(import.meta.url);

type Solc = { compile(input: string): string; version(): string };
type SolcOutput = {
  errors?: { severity: string; formattedMessage: string }[];
  contracts?: Record<
    string,
    Record<string, { abi: Abi; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>
  >;
};

let solc: Solc | undefined;

export type CompileVerifierParameters = { source: string; contractName: string };
export type CompileVerifierReturnType = {
  abi: Abi;
  bytecode: Hex;
  /** The runtime code a deployment of `bytecode` holds: compare it with `eth_getCode` to recognise this verifier. */
  deployedBytecode: Hex;
  solcVersion: string;
};

/**
 * Compiles a verifier with solc-js 0.8.30 (evm cancun, optimizer on), offline and without a Hardhat
 * rebuild, so a verifier exported at runtime can be deployed with viem right away.
 *
 * @example
 * const { abi, bytecode } = compileVerifier({ source, contractName: "RiskV1Verifier" });
 * const hash = await walletClient.deployContract({ abi, bytecode });
 */
export function compileVerifier({ source, contractName }: CompileVerifierParameters): CompileVerifierReturnType {
  solc ??= require("solc") as Solc;
  const input = {
    language: "Solidity",
    sources: { [`${contractName}.sol`]: { content: source } },
    settings: {
      evmVersion: "cancun",
      optimizer: { enabled: true, runs: 10_000 },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
  const errors = (output.errors ?? []).filter((error) => error.severity === "error");
  const contract = output.contracts?.[`${contractName}.sol`]?.[contractName];
  if (errors.length > 0 || contract === undefined) {
    throw new VerifierCompileError({
      contractName,
      errors:
        errors.length > 0
          ? errors.map((error) => error.formattedMessage)
          : [`no contract named ${contractName} in the source`],
    });
  }
  return {
    abi: contract.abi,
    bytecode: `0x${contract.evm.bytecode.object}`,
    deployedBytecode: `0x${contract.evm.deployedBytecode.object}`,
    solcVersion: solc.version(),
  };
}
