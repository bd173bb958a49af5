import { describe, expect, it } from "vitest";
import { registrationUri } from "./registrationUri.ts";

const decode = (uri: string) =>
  JSON.parse(Buffer.from(uri.replace("data:application/json;base64,", ""), "base64").toString());

describe("registrationUri", () => {
  it("encodes an ERC-8004 registration file with the service endpoint", () => {
    const file = decode(registrationUri({ name: "risk-bot", serviceUrl: "http://127.0.0.1:8080" }));
    expect(file).toEqual({
      type: "https://eips.ethereum.org/EIPS/eip-8004#registration-v1",
      name: "risk-bot",
      services: [{ name: "web", endpoint: "http://127.0.0.1:8080" }],
    });
  });
  it("has no services without a URL", () => {
    expect(decode(registrationUri({ name: "x" })).services).toEqual([]);
  });
});
