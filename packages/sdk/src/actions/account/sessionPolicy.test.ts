import { zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import { InvalidParameterError } from "../../errors/input.ts";
import { encodeSessionPolicy, type SessionPolicy } from "./sessionPolicy.ts";

const token = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
const base: SessionPolicy = {
  expiresAt: 1_800_000_000n,
  limits: [{ token, perCall: 5n, perDay: 10n }],
  recipients: [token],
  calls: [{ target: token, selector: "0xA9059CBB" }],
};

describe("encodeSessionPolicy", () => {
  it("checksums addresses and lower-cases selectors", () => {
    const policy = encodeSessionPolicy(base);
    expect(policy.limits[0]!.token).toBe("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    expect(policy.recipients[0]).toBe("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    expect(policy.calls[0]!.selector).toBe("0xa9059cbb");
  });

  it("refuses what the contract would refuse, naming the field", () => {
    const cases: [Partial<SessionPolicy>, RegExp][] = [
      [{ expiresAt: 0n }, /policy\.expiresAt/],
      [
        { limits: [base.limits[0]!, { ...base.limits[0]!, token: token.toUpperCase().replace("0X", "0x") as never }] },
        /one limit per token/,
      ],
      [{ limits: [{ token: zeroAddress, perCall: -1n, perDay: 1n }] }, /policy\.limits\[0\]\.perCall/],
      [{ limits: [{ token: zeroAddress, perCall: 1n, perDay: 2n ** 192n }] }, /policy\.limits\[0\]\.perDay/],
      [{ recipients: ["0x1234" as never] }, /policy\.recipients\[0\]/],
      [{ calls: [{ target: token, selector: "0xa9059c" }] }, /policy\.calls\[0\]\.selector/],
    ];
    for (const [change, message] of cases) {
      expect(() => encodeSessionPolicy({ ...base, ...change })).toThrow(InvalidParameterError);
      expect(() => encodeSessionPolicy({ ...base, ...change })).toThrow(message);
    }
  });
});
