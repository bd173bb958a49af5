import { encodeAbiParameters, keccak256 } from "viem";
import { describe, expect, it } from "vitest";
import { InvalidParameterError } from "../../errors/input.ts";
import {
  FEEDBACK_FAILURE_REASONS,
  FEEDBACK_TAG_SUCCESS_RATE,
  failureFeedback,
  feedbackJobHash,
  parseLatencyTag,
  successFeedback,
} from "./feedbackScheme.ts";

describe("feedbackScheme", () => {
  it("scores a success 100 at 0 decimals with its latency in tag2, and a failure 0 with its reason", () => {
    expect(successFeedback({ latencyMs: 8421 })).toEqual({
      value: 100n,
      valueDecimals: 0,
      tag1: "successRate",
      tag2: "latencyMs:8421",
    });
    expect(successFeedback({ latencyMs: 0 }).tag2).toBe("latencyMs:0");
    for (const reason of FEEDBACK_FAILURE_REASONS) {
      expect(failureFeedback({ reason })).toEqual({
        value: 0n,
        valueDecimals: 0,
        tag1: FEEDBACK_TAG_SUCCESS_RATE,
        tag2: reason,
      });
    }
    expect(FEEDBACK_FAILURE_REASONS).toEqual(["noShow", "badDelivery"]);
  });

  it("refuses a latency that is not whole milliseconds, and an unknown failure reason", () => {
    for (const latencyMs of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => successFeedback({ latencyMs })).toThrow(InvalidParameterError);
    }
    expect(() => successFeedback({ latencyMs: 1.5 })).toThrow(/latencyMs: 1.5.*whole number of milliseconds/);
    expect(() => failureFeedback({ reason: "slow" as never })).toThrow(/reason: "slow".*noShow, badDelivery/);
  });

  it("hashes the job as abi.encode(chainId, escrow, jobId), distinct per chain, escrow and job", () => {
    const escrow = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    const hash = feedbackJobHash({ chainId: 31337, escrow, jobId: 7n });
    expect(hash).toBe(
      keccak256(
        encodeAbiParameters([{ type: "uint256" }, { type: "address" }, { type: "uint256" }], [31337n, escrow, 7n]),
      ),
    );
    expect(hash).toBe("0x" + hash.slice(2).toLowerCase());
    const others = [
      feedbackJobHash({ chainId: 1, escrow, jobId: 7n }),
      feedbackJobHash({ chainId: 31337, escrow: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", jobId: 7n }),
      feedbackJobHash({ chainId: 31337, escrow, jobId: 8n }),
    ];
    expect(new Set([hash, ...others]).size).toBe(4);
  });

  it("parses the latency of a success tag and nothing else", () => {
    expect(parseLatencyTag("latencyMs:8421")).toBe(8421);
    expect(parseLatencyTag(successFeedback({ latencyMs: 12 }).tag2)).toBe(12);
    for (const tag of [
      "noShow",
      "badDelivery",
      "",
      "latencyMs:",
      "latencyMs:-5",
      "latencyMs:1.5",
      "latencyMs:12ms",
      "xlatencyMs:3",
      "latencyMs:9999999999999999",
    ]) {
      expect(parseLatencyTag(tag)).toBeUndefined();
    }
  });
});
