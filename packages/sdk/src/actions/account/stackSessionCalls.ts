import { inferenceEscrowAbi, poolAbi, reputationRegistryAbi, usdcAbi, wethAbi } from "@convergence/contracts";
import type { Abi, Address } from "viem";
import { sessionCall } from "./sessionCall.ts";
import type { SessionCallPermission } from "./sessionPolicy.ts";

export type StackSessionCallsParameters = {
  contracts: { USDC: Address; WETH: Address; Pool: Address; InferenceEscrow: Address; ReputationRegistry: Address };
};

/**
 * The calls an agent makes on the stack, as session permissions: USDC and WETH `transfer` and `approve`, WETH
 * `deposit` and `withdraw`, the pool's `swapExactIn`, the escrow's `openJob` and `refund`, and the ReputationRegistry's
 * `giveFeedback`. Not permits: a session key cannot sign for the account, so it pays with approve + call batches.
 *
 * @example
 * const calls = stackSessionCalls({ contracts: deployment.contracts });
 */
export function stackSessionCalls({ contracts }: StackSessionCallsParameters): SessionCallPermission[] {
  const list: [Address, Abi, string][] = [
    [contracts.USDC, usdcAbi as Abi, "transfer"],
    [contracts.USDC, usdcAbi as Abi, "approve"],
    [contracts.WETH, wethAbi as Abi, "transfer"],
    [contracts.WETH, wethAbi as Abi, "approve"],
    [contracts.WETH, wethAbi as Abi, "deposit"],
    [contracts.WETH, wethAbi as Abi, "withdraw"],
    [contracts.Pool, poolAbi as Abi, "swapExactIn"],
    [contracts.InferenceEscrow, inferenceEscrowAbi as Abi, "openJob"],
    [contracts.InferenceEscrow, inferenceEscrowAbi as Abi, "refund"],
    [contracts.ReputationRegistry, reputationRegistryAbi as Abi, "giveFeedback"],
  ];
  return list.map(([target, abi, functionName]) => sessionCall({ target, abi, functionName }));
}
