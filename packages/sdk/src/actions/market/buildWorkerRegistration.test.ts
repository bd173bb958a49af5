import { describe, expect, it } from "vitest";
import { WorkerRegistrationInvalidError } from "../../errors/registration.ts";
import { buildWorkerRegistration } from "./buildWorkerRegistration.ts";
import { parseWorkerRegistration } from "./parseWorkerRegistration.ts";
import { WORKER_REGISTRATION_TYPE, WORKER_SERVICE_NAME } from "./workerRegistration.ts";

const agentRegistry = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const verifier = "0x1111111111111111111111111111111111111111";
const token = "0x2222222222222222222222222222222222222222";
const vkeyHash = `0x${"ab".repeat(32)}` as const;

describe("buildWorkerRegistration", () => {
  it("builds the ERC-8004 file of the spec: endpoint, agent, pins, price floor in USDC and base units", () => {
    const file = buildWorkerRegistration({
      endpoint: "http://127.0.0.1:8080/",
      agentId: 3n,
      chainId: 31337,
      agentRegistry,
      models: [{ name: "risk-v1", modelId: 1n, commitment: 123456789n, vkeyHash, verifier, price: 500_000n, token }],
    });
    expect(file).toEqual({
      type: WORKER_REGISTRATION_TYPE,
      name: "Convergence inference worker",
      description: "Proves inference of risk-v1 with Groth16 and settles InferenceEscrow jobs.",
      image: "",
      services: [{ name: WORKER_SERVICE_NAME, endpoint: "http://127.0.0.1:8080", version: "1" }],
      x402Support: false,
      active: true,
      registrations: [{ agentId: 3, agentRegistry: `eip155:31337:${agentRegistry}` }],
      supportedTrust: ["reputation", "crypto-economic"],
      models: [
        {
          name: "risk-v1",
          modelId: "1",
          commitment: "123456789",
          vkeyHash,
          verifier,
          proofSystem: "groth16",
          price: "0.5",
          priceUnits: "500000",
          token,
        },
      ],
    });
    // What the worker serves is what requesters parse, through JSON.
    expect(parseWorkerRegistration({ value: JSON.parse(JSON.stringify(file)), source: "test" })).toEqual(file);
  });

  it("lists a model's x402 price per call (and x402Support) when the worker sells unproven answers", () => {
    const file = buildWorkerRegistration({
      endpoint: "http://127.0.0.1:8080/",
      agentId: 3n,
      chainId: 31337,
      agentRegistry,
      models: [
        {
          name: "risk-v1",
          modelId: 1n,
          commitment: 1n,
          vkeyHash,
          verifier,
          price: 500_000n,
          token,
          x402Price: 10_000n,
        },
        { name: "linear", modelId: 2n, commitment: 2n, vkeyHash, verifier, price: 500_000n, token, x402Price: 0n },
      ],
    });
    expect(file.x402Support).toBe(true);
    expect(file.models[0]!.x402).toEqual({
      price: "0.01",
      priceUnits: "10000",
      endpoint: "http://127.0.0.1:8080/v1/inference",
    });
    expect(file.models[1]!.x402).toBeUndefined();
    expect(parseWorkerRegistration({ value: JSON.parse(JSON.stringify(file)), source: "test" })).toEqual(file);
    const bad = JSON.parse(JSON.stringify(file));
    bad.models[0].x402.endpoint = "javascript:alert(1)";
    expect(() => parseWorkerRegistration({ value: bad, source: "test" })).toThrow(WorkerRegistrationInvalidError);
  });

  it("refuses to build a file requesters could not parse (an endpoint that is not an http URL)", () => {
    expect(() =>
      buildWorkerRegistration({ endpoint: "ftp://worker", agentId: 1n, chainId: 1, agentRegistry, models: [] }),
    ).toThrow(WorkerRegistrationInvalidError);
  });
});
