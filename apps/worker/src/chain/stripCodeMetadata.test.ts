import { describe, expect, it } from "vitest";
import { stripCodeMetadata } from "./stripCodeMetadata.ts";

describe("stripCodeMetadata", () => {
  // solc 0.8.30's trailer: a2 64 "ipfs" 58 22 <34-byte multihash> 64 "solc" 43 <version> 0033 (51 bytes + the length).
  const trailer = (hash: string) => `a264697066735822${hash.repeat(34)}64736f6c634300081e0033`;
  const body = "6080604052348015600e575f5ffd5b50";

  it("drops the metadata trailer, so two exports of one key compare equal", () => {
    expect(stripCodeMetadata(`0x${body}${trailer("11")}`)).toBe(`0x${body}`);
    expect(stripCodeMetadata(`0x${body}${trailer("11")}`)).toBe(
      stripCodeMetadata(`0x${body.toUpperCase()}${trailer("22")}`),
    );
  });

  it("keeps code without a trailer (and another contract stays different)", () => {
    expect(stripCodeMetadata(`0x${body}`)).toBe(`0x${body}`);
    expect(stripCodeMetadata("0x")).toBe("0x");
    expect(stripCodeMetadata(`0x${body}00${trailer("11")}`)).not.toBe(`0x${body}`);
  });
});
