import type { Address } from "viem";

const tails = new Map<string, Promise<void>>();

/**
 * Runs `run` after every earlier `run` for the same account in this process has ended: one transaction of an account
 * at a time. Concurrent requests from one requester would otherwise take the same transaction nonce, or sign ERC-2612
 * permits over the same token nonce (the second open reverts with InferenceEscrowPermitFailed).
 */
export function withAccountLock<T>({ address, run }: { address: Address; run: () => Promise<T> }): Promise<T> {
  const key = address.toLowerCase();
  const result = (tails.get(key) ?? Promise.resolve()).then(run);
  const tail = result.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return result;
}
