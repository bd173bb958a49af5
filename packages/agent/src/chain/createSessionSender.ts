import { type CallBatchSender, createClients, decodeRevert } from "@convergence/sdk";
import { type Account, type Address, encodeAbiParameters, type Hex, parseAbi } from "viem";

export type CreateSessionSenderParameters = {
  rpcUrl: string;
  chainId: number;
  /** The owner's account (delegated to the AgentAccount). */
  account: Address;
  /** The session key: it signs and pays for each batch. */
  key: Account;
};

// TEMPORARY until the SDK's executeAsSession is merged (S1): the ERC-7821 batch call, encoded here.
const executeAbi = parseAbi(["function execute(bytes32 mode, bytes executionData) payable"]);
const BATCH_MODE: Hex = "0x0100000000000000000000000000000000000000000000000000000000000000";

/**
 * Sends batches of calls from the owner's account through the session key (ERC-7821 `execute` on the account,
 * simulated first so a refusal is named before anything is signed).
 *
 * @example
 * const sender = createSessionSender({ rpcUrl, chainId, account: owner, key: sessionKey });
 * await sender.send([{ to: usdc, data: transferData }]);
 */
export function createSessionSender({ rpcUrl, chainId, account, key }: CreateSessionSenderParameters): CallBatchSender {
  const { publicClient, walletClient } = createClients({ rpcUrl, chainId, account: key });
  return {
    address: account,
    async send(calls) {
      const executionData = encodeAbiParameters(
        [{ type: "tuple[]", components: [{ type: "address" }, { type: "uint256" }, { type: "bytes" }] }],
        [calls.map((c) => [c.to, c.value ?? 0n, c.data] as const)],
      );
      try {
        const { request } = await publicClient.simulateContract({
          account: key,
          address: account,
          abi: executeAbi,
          functionName: "execute",
          args: [BATCH_MODE, executionData],
        });
        const hash = await walletClient!.writeContract(request);
        const receipt = await publicClient.waitForTransactionReceipt({ hash });
        return { hash, receipt };
      } catch (error) {
        throw new Error(decodeRevert(error).summary, { cause: error });
      }
    },
  };
}
