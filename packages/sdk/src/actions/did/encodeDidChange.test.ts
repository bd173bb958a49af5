import { stringToHex } from "viem";
import { describe, expect, it } from "vitest";
import { InvalidParameterError } from "../../errors/input.ts";
import { encodeDidChange } from "./encodeDidChange.ts";

describe("encodeDidChange", () => {
  it("pads names to bytes32 and encodes text values as UTF-8 bytes", () => {
    const { args, packedTypes } = encodeDidChange({
      change: { type: "setAttribute", name: "did/svc/AgentService", value: "https://a.example", validity: 10n },
    });
    expect(args).toEqual([stringToHex("did/svc/AgentService", { size: 32 }), stringToHex("https://a.example"), 10n]);
    expect(packedTypes).toEqual(["bytes32", "bytes", "uint256"]);
  });

  it("keeps hex values as they are", () => {
    const { args } = encodeDidChange({ change: { type: "revokeAttribute", name: "x", value: "0xdeadbeef" } });
    expect(args[1]).toBe("0xdeadbeef");
  });

  it("rejects a name longer than 32 bytes, naming the parameter", () => {
    expect(() =>
      encodeDidChange({ change: { type: "setAttribute", name: "did/svc/".padEnd(33, "x"), value: "v", validity: 1n } }),
    ).toThrow(InvalidParameterError);
    expect(() =>
      encodeDidChange({
        change: {
          type: "addDelegate",
          delegateType: "",
          delegate: "0x0000000000000000000000000000000000000001",
          validity: 1n,
        },
      }),
    ).toThrow(/Invalid delegateType/);
  });
});
