import {
  agentAccountAbi,
  agentRegistryAbi,
  didRegistryAbi,
  inferenceAttestorAbi,
  inferenceEscrowAbi,
  modelRegistryAbi,
  poolAbi,
  reputationRegistryAbi,
  usdcAbi,
  validationRegistryAbi,
  wethAbi,
} from "@convergence/contracts";
import type { Abi } from "viem";

type AbiError = Extract<Abi[number], { type: "error" }>;

/**
 * Every custom error the stack's contracts define, so a revert from a nested call (a token inside the
 * pool, say) or through a generic ABI (erc20Abi) is still decoded by name.
 */
export const stackErrors: readonly AbiError[] = [
  ...new Map(
    [
      agentAccountAbi,
      agentRegistryAbi,
      didRegistryAbi,
      poolAbi,
      usdcAbi,
      wethAbi,
      modelRegistryAbi,
      validationRegistryAbi,
      inferenceAttestorAbi,
      inferenceEscrowAbi,
      reputationRegistryAbi,
    ]
      .flatMap((abi) => (abi as Abi).filter((item): item is AbiError => item.type === "error"))
      .map((error) => [`${error.name}(${error.inputs.map((input) => input.type).join(",")})`, error] as const),
  ).values(),
];
