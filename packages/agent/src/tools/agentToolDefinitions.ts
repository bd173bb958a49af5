import { getAttestationDefinition } from "./getAttestation.ts";
import { getBalancesDefinition } from "./getBalances.ts";
import { getQuickInferenceDefinition } from "./getQuickInference.ts";
import { quoteSwapDefinition } from "./quoteSwap.ts";
import { registerAgentDefinition } from "./registerAgent.ts";
import { requestVerifiedInferenceDefinition } from "./requestVerifiedInference.ts";
import { resolveDidDefinition } from "./resolveDid.ts";
import { swapTokensDefinition } from "./swapTokens.ts";
import { transferTokensDefinition } from "./transferTokens.ts";
import { unwrapEthDefinition } from "./unwrapEth.ts";
import { wrapEthDefinition } from "./wrapEth.ts";

/**
 * Name, description and zod schema of the eleven tools, without execution: what `agent plan` binds to
 * a chat model, and what plans from any model are validated against.
 *
 * @example
 * model.bindTools(agentToolDefinitions());
 */
export function agentToolDefinitions() {
  return [
    getBalancesDefinition,
    quoteSwapDefinition,
    swapTokensDefinition,
    transferTokensDefinition,
    wrapEthDefinition,
    unwrapEthDefinition,
    registerAgentDefinition,
    resolveDidDefinition,
    requestVerifiedInferenceDefinition,
    getQuickInferenceDefinition,
    getAttestationDefinition,
  ] as const;
}
