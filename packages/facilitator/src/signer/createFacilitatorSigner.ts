import { type FacilitatorEvmSigner, toFacilitatorEvmSigner } from "@x402/evm";
import {
  type Account,
  type Address,
  type Chain,
  getAddress,
  type Hex,
  type PublicClient,
  type WalletClient,
} from "viem";

/** Where `@x402/evm` expects Multicall3 (its diagnosis of a failed simulation reads through it). */
const MULTICALL3 = getAddress("0xcA11bde05977b3631167028862bE2a173976CA11");

export type CreateFacilitatorSignerParameters = {
  publicClient: PublicClient;
  walletClient: WalletClient<ReturnType<typeof import("viem").http>, Chain, Account>;
  /** Milliseconds a settlement waits for its receipt before it is reported pending. */
  confirmationTimeoutMs?: number;
};

export type CreateFacilitatorSignerReturnType = FacilitatorEvmSigner;

/**
 * The `@x402/evm` facilitator signer over viem clients, with two things a local chain needs:
 * - sends go out one at a time, so concurrent settlements from the one facilitator account never race for a nonce;
 * - Multicall3's `tryAggregate`, which the exact scheme reads through to say why a payment's simulation failed (nonce
 *   used, balance too low, wrong token name), is answered call by call when the chain has no Multicall3 (a Hardhat
 *   devnet), so a bad payment gets its precise protocol error there too. Where Multicall3 exists it is used as is.
 *
 * @example
 * const signer = createFacilitatorSigner({ publicClient, walletClient });
 * facilitator.register("eip155:31337", new ExactEvmScheme(signer));
 */
export function createFacilitatorSigner({
  publicClient,
  walletClient,
  confirmationTimeoutMs = 60_000,
}: CreateFacilitatorSignerParameters): CreateFacilitatorSignerReturnType {
  let hasMulticall: Promise<boolean> | undefined;
  let sending: Promise<unknown> = Promise.resolve();
  const serialized = <T>(send: () => Promise<T>): Promise<T> => {
    const next = sending.then(send, send);
    sending = next.catch(() => undefined);
    return next;
  };
  const account = walletClient.account;
  const chain = walletClient.chain;

  return toFacilitatorEvmSigner(
    {
      address: account.address,
      async readContract({ address, abi, functionName, args = [] }) {
        if (getAddress(address) === MULTICALL3 && functionName === "tryAggregate") {
          hasMulticall ??= publicClient.getCode({ address: MULTICALL3 }).then((code) => !!code && code !== "0x");
          if (!(await hasMulticall)) {
            const calls = (args[1] ?? []) as readonly { target: Address; callData: Hex }[];
            return Promise.all(
              calls.map(async ({ target, callData }) => {
                try {
                  const { data } = await publicClient.call({ to: target, data: callData });
                  return { success: true, returnData: data ?? "0x" };
                } catch {
                  return { success: false, returnData: "0x" };
                }
              }),
            );
          }
        }
        return publicClient.readContract({ address, abi, functionName, args } as Parameters<
          PublicClient["readContract"]
        >[0]);
      },
      verifyTypedData: (parameters) =>
        publicClient.verifyTypedData(parameters as Parameters<PublicClient["verifyTypedData"]>[0]),
      writeContract: ({ address, abi, functionName, args, gas, dataSuffix }) =>
        serialized(() =>
          walletClient.writeContract({
            address,
            abi,
            functionName,
            args,
            account,
            chain,
            ...(gas === undefined ? {} : { gas }),
            ...(dataSuffix === undefined ? {} : { dataSuffix }),
          } as Parameters<typeof walletClient.writeContract>[0]),
        ),
      sendTransaction: ({ to, data }) => serialized(() => walletClient.sendTransaction({ to, data, account, chain })),
      waitForTransactionReceipt: ({ hash, timeout }) =>
        publicClient.waitForTransactionReceipt({ hash, ...(timeout === undefined ? {} : { timeout }) }),
      getCode: ({ address }) => publicClient.getCode({ address }),
    },
    { confirmationTimeoutMs },
  );
}
