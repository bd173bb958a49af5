import { describe, expect, it } from "vitest";
import { poolToken } from "./tokenAddresses.ts";

const contracts = { WETH: "0x01", USDC: "0x02", Pool: "0x03", AgentRegistry: "0x04", DIDRegistry: "0x05" } as const;

describe("poolToken", () => {
  it("trades ETH as WETH", () => {
    expect(poolToken({ symbol: "ETH", contracts })).toBe("0x01");
    expect(poolToken({ symbol: "WETH", contracts })).toBe("0x01");
    expect(poolToken({ symbol: "USDC", contracts })).toBe("0x02");
  });
});
