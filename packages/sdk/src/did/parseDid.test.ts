import { describe, expect, it } from "vitest";
import { InvalidDidError } from "../errors/did.ts";
import { parseDid } from "./parseDid.ts";
import { toDid } from "./toDid.ts";

describe("parseDid / toDid", () => {
  it("reads the chain id and checksums the address, and round-trips", () => {
    const parsed = parseDid({ did: "did:ethr:0x7a69:0x70997970c51812dc3a010c7d01b50e0d17dc79c8" });
    expect(parsed).toMatchObject({ chainId: 31337, address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" });
    expect(toDid(parsed)).toBe("did:ethr:0x7a69:0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  });

  it.each([
    "did:ethr:0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    "did:ethr:0x7a69:0x1234",
    "did:web:example.com",
    "did:ethr:31337:0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    "",
  ])("rejects %j with the expected form", (did) => {
    expect(() => parseDid({ did })).toThrow(InvalidDidError);
    expect(() => parseDid({ did })).toThrow(/Expected did:ethr:<chain id in hex/);
  });
});
