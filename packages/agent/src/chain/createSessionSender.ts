import { type CallBatchSender, ContractRevertError, createClients, executeAsSession } from "@convergence/sdk";
import type { Account, Address } from "viem";
import { SessionRefusedError } from "../errors/session.ts";

export type CreateSessionSenderParameters = {
  rpcUrl: string;
  chainId: number;
  /** The owner's account (delegated to the AgentAccount). */
  account: Address;
  /** The session key: it signs and pays for each batch. */
  key: Account;
};

/**
 * Sends batches of calls from the owner's account through the session key (the SDK's executeAsSession: one ERC-7821
 * `execute`, simulated first). A refusal by the account's session policy comes back as SessionRefusedError naming the
 * custom error (AgentAccountOverCallCap, AgentAccountUnknownRecipient, ...), before anything was sent.
 *
 * @example
 * const sender = createSessionSender({ rpcUrl, chainId, account: owner, key: sessionKey });
 * await sender.send([{ to: usdc, data: transferData }]);
 */
export function createSessionSender({ rpcUrl, chainId, account, key }: CreateSessionSenderParameters): CallBatchSender {
  const { walletClient } = createClients({ rpcUrl, chainId, account: key });
  return {
    address: account,
    async send(calls) {
      try {
        return await executeAsSession(walletClient!, { account, calls });
      } catch (error) {
        if (error instanceof ContractRevertError && error.errorName?.startsWith("AgentAccount")) {
          throw new SessionRefusedError({ errorName: error.errorName, args: error.args ?? [], cause: error });
        }
        throw error;
      }
    },
  };
}
