import { describe, expect, it } from "vitest";
import { WorkerRegistrationInvalidError } from "../../errors/registration.ts";
import { buildWorkerRegistration } from "./buildWorkerRegistration.ts";
import { parseWorkerRegistration } from "./parseWorkerRegistration.ts";

const valid = () =>
  JSON.parse(
    JSON.stringify(
      buildWorkerRegistration({
        endpoint: "https://worker.example",
        agentId: 7n,
        chainId: 8453,
        agentRegistry: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        models: [
          {
            name: "risk-v1",
            modelId: 2n,
            commitment: 99n,
            vkeyHash: `0x${"01".repeat(32)}`,
            verifier: "0x1111111111111111111111111111111111111111",
            price: 1_250_000n,
            token: "0x2222222222222222222222222222222222222222",
          },
        ],
      }),
    ),
  );

const source = "https://worker.example/.well-known/agent-registration.json";

function invalid(value: unknown): WorkerRegistrationInvalidError {
  try {
    parseWorkerRegistration({ value, source });
  } catch (error) {
    expect(error).toBeInstanceOf(WorkerRegistrationInvalidError);
    return error as WorkerRegistrationInvalidError;
  }
  throw new Error("parsed an invalid registration");
}

describe("parseWorkerRegistration", () => {
  it("accepts a worker's file, drops unknown fields and fills optional ones", () => {
    const file = valid();
    file.extra = { anything: true };
    file.services.push({ name: "A2A", endpoint: "https://worker.example/a2a", skills: ["x"] });
    delete file.x402Support;
    delete file.supportedTrust;
    const parsed = parseWorkerRegistration({ value: file, source });
    expect(parsed).not.toHaveProperty("extra");
    expect(parsed.services[1]).toEqual({ name: "A2A", endpoint: "https://worker.example/a2a" });
    expect(parsed.x402Support).toBe(false);
    expect(parsed.supportedTrust).toEqual([]);
    expect(parsed.models[0]).toMatchObject({ price: "1.25", priceUnits: "1250000" });
  });

  it("names the field and the source: a model's commitment that is not a decimal", () => {
    const file = valid();
    file.models[0].commitment = "0x63";
    const error = invalid(file);
    expect(error.field).toBe("models[0].commitment");
    expect(error.source).toBe(source);
    expect(error.message).toContain(source);
    expect(error.message).toContain("models[0].commitment is not a decimal integer string");
  });

  it("refuses another registration type, naming `type`", () => {
    const error = invalid({ ...valid(), type: "https://example.com/other" });
    expect(error.field).toBe("type");
    expect(error.message).toContain("eip-8004#registration-v1");
  });

  it("refuses a file without the convergence-inference service, naming `services`", () => {
    const file = valid();
    file.services = [{ name: "web", endpoint: "https://worker.example" }];
    const error = invalid(file);
    expect(error.field).toBe("services");
    expect(error.message).toContain('no "convergence-inference" service');
  });

  it("refuses a worker endpoint that is not an http(s) URL", () => {
    const file = valid();
    file.services[0].endpoint = "javascript:alert(1)";
    expect(invalid(file).message).toContain("not an http(s) URL");
  });

  it("refuses a C0 or C1 control character in any string (a terminal escape in an endpoint, name or description)", () => {
    const cases: [string, (file: ReturnType<typeof valid>) => void][] = [
      ["services[0].endpoint", (file) => (file.services[0].endpoint = "https://worker.example/\u001b[2J")],
      ["services[0].endpoint", (file) => (file.services[0].endpoint = "https://worker.example/a\u009bb")],
      ["services[0].name", (file) => file.services.push({ name: "x\u0007", endpoint: "https://a.example" })],
      ["services[0].version", (file) => (file.services[0].version = "1\r")],
      ["name", (file) => (file.name = "worker\u001b]8;;https://evil.example\u0007")],
      ["description", (file) => (file.description = "line\nbreak")],
      ["image", (file) => (file.image = "https://img.example/\u0000")],
      ["supportedTrust[0]", (file) => (file.supportedTrust = ["zk\u0085"])],
      ["models[0].proofSystem", (file) => (file.models[0].proofSystem = "groth16\u007f")],
      ["models[0].name", (file) => (file.models[0].name = "risk-v1\u001b")],
    ];
    for (const [field, tamper] of cases) {
      const file = valid();
      tamper(file);
      const error = invalid(file);
      expect(error.field.replace("services[1]", "services[0]")).toBe(field);
    }
    // Printable text, non-ASCII included, is fine.
    const file = valid();
    file.description = "Prouve risk-v1 — vérifié";
    expect(parseWorkerRegistration({ value: file, source }).description).toBe("Prouve risk-v1 — vérifié");
  });

  it("refuses a registration that is not a CAIP-10 AgentRegistry, and an agent id that is not an integer", () => {
    const file = valid();
    file.registrations[0].agentRegistry = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    expect(invalid(file).field).toBe("registrations[0].agentRegistry");
    const other = valid();
    other.registrations[0].agentId = "7";
    expect(invalid(other).field).toBe("registrations[0].agentId");
  });

  it("refuses something that is not an object at all", () => {
    expect(invalid("hello").message).toContain("a JSON object");
    expect(invalid(null).field).toBe("the file");
  });
});
