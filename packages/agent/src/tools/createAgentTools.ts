import { getAttestationTool } from "./getAttestation.ts";
import { getBalancesTool } from "./getBalances.ts";
import { getQuickInferenceTool } from "./getQuickInference.ts";
import { quoteSwapTool } from "./quoteSwap.ts";
import { registerAgentTool } from "./registerAgent.ts";
import { requestVerifiedInferenceTool } from "./requestVerifiedInference.ts";
import { resolveDidTool } from "./resolveDid.ts";
import { swapTokensTool } from "./swapTokens.ts";
import { transferTokensTool } from "./transferTokens.ts";
import type { AgentContext } from "./types.ts";
import { unwrapEthTool } from "./unwrapEth.ts";
import { wrapEthTool } from "./wrapEth.ts";

export type CreateAgentToolsParameters = { context: AgentContext };

/**
 * The eleven tools of the design, bound to one context.
 *
 * @example
 * const agent = createAgent({ model, tools: createAgentTools({ context }) });
 */
export function createAgentTools({ context }: CreateAgentToolsParameters) {
  return [
    getBalancesTool({ context }),
    quoteSwapTool({ context }),
    swapTokensTool({ context }),
    transferTokensTool({ context }),
    wrapEthTool({ context }),
    unwrapEthTool({ context }),
    registerAgentTool({ context }),
    resolveDidTool({ context }),
    requestVerifiedInferenceTool({ context }),
    getQuickInferenceTool({ context }),
    getAttestationTool({ context }),
  ];
}
