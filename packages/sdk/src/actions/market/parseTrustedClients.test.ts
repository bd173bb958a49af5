import { describe, expect, it } from "vitest";
import { InvalidParameterError } from "../../errors/input.ts";
import { parseTrustedClients } from "./parseTrustedClients.ts";

const a = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const b = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

describe("parseTrustedClients", () => {
  it("reads comma-separated addresses, checksummed or lowercase, with spaces, without duplicates", () => {
    expect(parseTrustedClients({ value: ` ${a.toLowerCase()} , ${b},${a}`, source: "--trust-clients" })).toEqual([
      a,
      b,
    ]);
  });

  it("is empty when unset or blank", () => {
    expect(parseTrustedClients({ value: undefined, source: "X" })).toEqual([]);
    expect(parseTrustedClients({ value: "  ", source: "X" })).toEqual([]);
  });

  it.each([
    ["0x1234", '"0x1234"'],
    [`${a},`, '""'],
    [`${a};${b}`, `"${a};${b}"`],
    // A checksum typo is refused, not taken as another address.
    [a.replace("C8", "c8"), `"${a.replace("C8", "c8")}"`],
  ])("refuses %j naming the source and the entry", (value, entry) => {
    const parse = () => parseTrustedClients({ value, source: "CONVERGENCE_TRUSTED_CLIENTS" });
    expect(parse).toThrow(InvalidParameterError);
    expect(parse).toThrow(`Invalid CONVERGENCE_TRUSTED_CLIENTS entry: ${entry}. Expected comma-separated 0x addresses`);
  });
});
