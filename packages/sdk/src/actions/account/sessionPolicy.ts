import { type Address, getAddress, type Hex, isAddress, isHex, zeroAddress } from "viem";
import { InvalidParameterError } from "../../errors/input.ts";

/** The token address a session limit uses for the account's ETH. */
export const SESSION_ETH = zeroAddress;

/** A cap on what one token (SESSION_ETH: ETH) may leave the account through a session, in base units. */
export type SessionTokenLimit = {
  token: Address;
  /** The most one `execute` (one batch) may spend. */
  perCall: bigint;
  /** The most the session may spend in any rolling 24 hours (at most 2^192 - 1). */
  perDay: bigint;
};

/** A function a session may call: `selector` (4 bytes) on `target`. */
export type SessionCallPermission = { target: Address; selector: Hex };

/**
 * What a session key may do on the owner's account (AgentAccount.SessionPolicy). Tokens without a limit cannot be
 * moved by ERC-20 calls at all, and ETH without a limit cannot leave the account.
 */
export type SessionPolicy = {
  /** The last second (unix) the session is valid. */
  expiresAt: bigint;
  limits: readonly SessionTokenLimit[];
  /** Who may receive tokens, ETH or an allowance (spenders may also be allowed targets). */
  recipients: readonly Address[];
  calls: readonly SessionCallPermission[];
};

const MAX_DAILY_CAP = 2n ** 192n - 1n;

/**
 * The policy as AgentAccount.grantSession takes it: addresses checksummed, selectors lower-case, and everything the
 * contract would refuse refused here first with the field named (a duplicate token, a cap out of range, a bad
 * address or selector). The Solidity twin is AgentAccount.grantSession's checks.
 *
 * @example
 * const policy = encodeSessionPolicy({ expiresAt, limits: [{ token: usdc, perCall: 50_000_000n, perDay: 200_000_000n }], recipients: [], calls });
 */
export function encodeSessionPolicy(policy: SessionPolicy): SessionPolicy {
  const address = (parameter: string, value: string): Address => {
    if (!isAddress(value, { strict: false })) {
      throw new InvalidParameterError({ parameter, value, expected: "a 20-byte hex address" });
    }
    return getAddress(value);
  };
  if (typeof policy.expiresAt !== "bigint" || policy.expiresAt <= 0n || policy.expiresAt >= 2n ** 64n) {
    throw new InvalidParameterError({
      parameter: "policy.expiresAt",
      value: policy.expiresAt,
      expected: "a unix time in seconds (bigint) in the future",
    });
  }
  const seen = new Set<string>();
  const limits = policy.limits.map((limit, i) => {
    const token = address(`policy.limits[${i}].token`, limit.token);
    if (seen.has(token)) {
      throw new InvalidParameterError({
        parameter: `policy.limits[${i}].token`,
        value: token,
        expected: "one limit per token",
      });
    }
    seen.add(token);
    for (const field of ["perCall", "perDay"] as const) {
      const value = limit[field];
      if (typeof value !== "bigint" || value < 0n || value > MAX_DAILY_CAP) {
        throw new InvalidParameterError({
          parameter: `policy.limits[${i}].${field}`,
          value,
          expected: "an amount in base units (bigint) from 0 to 2^192 - 1",
        });
      }
    }
    return { token, perCall: limit.perCall, perDay: limit.perDay };
  });
  const recipients = policy.recipients.map((recipient, i) => address(`policy.recipients[${i}]`, recipient));
  const calls = policy.calls.map((call, i) => {
    if (!isHex(call.selector) || call.selector.length !== 10) {
      throw new InvalidParameterError({
        parameter: `policy.calls[${i}].selector`,
        value: call.selector,
        expected: "a 4-byte function selector (0x + 8 hex digits)",
      });
    }
    return { target: address(`policy.calls[${i}].target`, call.target), selector: call.selector.toLowerCase() as Hex };
  });
  return { expiresAt: policy.expiresAt, limits, recipients, calls };
}
