import { type Abi, type Address, getAddress, type Hash, type Hex, isHex, type TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { TransactionFailedError } from "../../errors/contract.ts";
import { InvalidParameterError } from "../../errors/input.ts";

export type DeployVerifierParameters = {
  client: WriteClient;
  /** The compiled verifier (`compileVerifier` in @convergence/zk, or a Hardhat artifact). */
  abi: Abi;
  bytecode: Hex;
  /** For messages: the contract's name, e.g. "RiskV1Verifier". */
  contractName: string;
};

export type DeployVerifierReturnType = { address: Address; hash: Hash; receipt: TransactionReceipt };

/**
 * Deploys an already compiled Groth16 verifier contract from the client's account and waits for it to be mined.
 * The SDK compiles nothing: the caller brings the ABI and bytecode.
 *
 * @example
 * const { abi, bytecode } = compileVerifier({ source, contractName });
 * const { address } = await deployVerifier({ client, abi, bytecode, contractName });
 */
export async function deployVerifier({
  client,
  abi,
  bytecode,
  contractName,
}: DeployVerifierParameters): Promise<DeployVerifierReturnType> {
  if (!isHex(bytecode) || bytecode.length <= 2) {
    throw new InvalidParameterError({
      parameter: "bytecode",
      value: `${String(bytecode).slice(0, 20)}…`,
      expected: `the creation bytecode of ${contractName} as 0x-hex (compileVerifier's bytecode)`,
    });
  }
  const hash = await client.deployContract({ abi, bytecode, account: client.account, chain: client.chain });
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress) {
    throw new TransactionFailedError({ hash, functionName: `deploy ${contractName}` });
  }
  return { address: getAddress(receipt.contractAddress), hash, receipt };
}
