import { type Address, getAddress } from "viem";
import type { ReadClient } from "../../client/types.ts";

export type GetAccountDelegationParameters = { account: Address };

export type GetAccountDelegationReturnType = {
  /** The account's code is an EIP-7702 delegation designator (0xef0100 + address). */
  delegated: boolean;
  /** The code it delegates to. */
  implementation: Address | undefined;
};

/** The EIP-7702 delegation designator's prefix: an account whose code is `0xef0100 ‖ address` runs that address's code. */
const DESIGNATOR_PREFIX = "0xef0100";

/**
 * Whether `account` has delegated with EIP-7702, and to which code (read from its code: `0xef0100 ‖ implementation`).
 *
 * @example
 * const { delegated, implementation } = await getAccountDelegation(publicClient, { account: owner });
 */
export async function getAccountDelegation(
  client: Pick<ReadClient, "getCode">,
  { account }: GetAccountDelegationParameters,
): Promise<GetAccountDelegationReturnType> {
  const code = (await client.getCode({ address: account })) ?? "0x";
  if (code.length !== 2 + 46 || !code.toLowerCase().startsWith(DESIGNATOR_PREFIX)) {
    return { delegated: false, implementation: undefined };
  }
  return { delegated: true, implementation: getAddress(`0x${code.slice(8)}`) };
}
