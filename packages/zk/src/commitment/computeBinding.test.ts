import { keccak256 } from "viem";
import { describe, expect, it } from "vitest";
import { FIELD_MODULUS } from "../fixedPoint/constants.ts";
import { computeBinding } from "./computeBinding.ts";

const escrow = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const worker = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

describe("computeBinding", () => {
  it("is keccak256 of the four abi-encoded 32-byte words, reduced into the field", () => {
    const word = (hex: string) => hex.toLowerCase().replace(/^0x/, "").padStart(64, "0");
    const encoded = `0x${word((31337).toString(16))}${word(escrow)}${word((42).toString(16))}${word(worker)}` as const;
    const expected = BigInt(keccak256(encoded)) % FIELD_MODULUS;
    expect(computeBinding({ chainId: 31337, escrow, jobId: 42n, worker })).toBe(expected);
    expect(computeBinding({ chainId: 31337n, escrow, jobId: 42n, worker })).toBe(expected);
  });

  it("differs per chain, escrow, job and worker", () => {
    const base = computeBinding({ chainId: 1, escrow, jobId: 1n, worker });
    expect(computeBinding({ chainId: 2, escrow, jobId: 1n, worker })).not.toBe(base);
    expect(computeBinding({ chainId: 1, escrow: worker, jobId: 1n, worker })).not.toBe(base);
    expect(computeBinding({ chainId: 1, escrow, jobId: 2n, worker })).not.toBe(base);
    expect(computeBinding({ chainId: 1, escrow, jobId: 1n, worker: escrow })).not.toBe(base);
    expect(base < FIELD_MODULUS).toBe(true);
  });

  it("refuses a malformed address", () => {
    expect(() => computeBinding({ chainId: 1, escrow: "0x1234", jobId: 1n, worker })).toThrowError();
  });
});
