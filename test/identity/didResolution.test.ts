import { ContractRevertError, resolveDid, signDidChange, submitDidChange, toDid } from "@convergence/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/runCli.ts";
import { type Devnet, startDevnet } from "../helpers/startDevnet.ts";

describe("did:ethr resolution with the standard ethr-did-resolver against the deployed DIDRegistry", () => {
  let devnet: Devnet;
  let registry: `0x${string}`;
  let did: string;
  const resolve = () => resolveDid({ did, rpcUrl: devnet.url, registry }).then((r) => r.didDocument);

  beforeAll(async () => {
    devnet = await startDevnet();
    registry = devnet.deployment.contracts.DIDRegistry;
    did = toDid({ chainId: 31337, address: devnet.accounts[1]!.address });
  });
  afterAll(async () => {
    await devnet?.stop();
  });

  it("resolves a fresh DID to its address as the only controller", async () => {
    const doc = await resolve();
    expect(doc.id).toBe(did);
    expect(doc.verificationMethod).toHaveLength(1);
    expect(doc.verificationMethod?.[0]?.blockchainAccountId).toBe(`eip155:31337:${devnet.accounts[1]!.address}`);
    expect(doc.service ?? []).toEqual([]);
  });

  it("shows an added delegate as a verification method that can authenticate", async () => {
    const delegate = devnet.accounts[3]!.address;
    await submitDidChange({
      client: devnet.wallets[1]!,
      registry,
      identity: devnet.accounts[1]!.address,
      change: { type: "addDelegate", delegateType: "sigAuth", delegate, validity: 86_400n },
    });
    const doc = await resolve();
    const method = doc.verificationMethod?.find((m) => m.blockchainAccountId === `eip155:31337:${delegate}`);
    expect(method?.id).toMatch(new RegExp(`^${did}#delegate-\\d+$`));
    expect(doc.authentication).toContain(method?.id);
  });

  it("shows a did/svc/* attribute as a service", async () => {
    await submitDidChange({
      client: devnet.wallets[1]!,
      registry,
      identity: devnet.accounts[1]!.address,
      change: {
        type: "setAttribute",
        name: "did/svc/AgentService",
        value: "https://agent.example/a2a",
        validity: 86_400n,
      },
    });
    const doc = await resolve();
    expect(doc.service).toContainEqual(
      expect.objectContaining({ type: "AgentService", serviceEndpoint: "https://agent.example/a2a" }),
    );
  });

  it("applies a setAttribute signed by the owner and submitted by a third party, once", async () => {
    const change = {
      type: "setAttribute",
      name: "did/svc/InferenceService",
      value: "http://127.0.0.1:8080",
      validity: 86_400n,
    } as const;
    const identity = devnet.accounts[1]!.address;
    const signature = await signDidChange({
      client: devnet.publicClient,
      registry,
      identity,
      change,
      signer: devnet.accounts[1]!,
    });
    const relayer = devnet.wallets[4]!;
    await submitDidChange({ client: relayer, registry, identity, change, signature });
    const doc = await resolve();
    expect(doc.service).toContainEqual(
      expect.objectContaining({ type: "InferenceService", serviceEndpoint: "http://127.0.0.1:8080" }),
    );
    const replay = submitDidChange({ client: relayer, registry, identity, change, signature });
    await expect(replay).rejects.toBeInstanceOf(ContractRevertError);
    await expect(replay).rejects.toMatchObject({ errorName: "DIDRegistryInvalidSignature" });
  });

  it("rejects a change signed by someone other than the owner, naming the custom error", async () => {
    const identity = devnet.accounts[1]!.address;
    const change = { type: "setAttribute", name: "did/svc/Evil", value: "https://evil.example", validity: 1n } as const;
    const signature = await signDidChange({
      client: devnet.publicClient,
      registry,
      identity,
      change,
      signer: devnet.accounts[5]!,
    });
    await expect(
      submitDidChange({ client: devnet.wallets[5]!, registry, identity, change, signature }),
    ).rejects.toMatchObject({ errorName: "DIDRegistryInvalidSignature" });
    const doc = await resolve();
    expect(doc.service?.some((s) => s.type === "Evil")).toBe(false);
  });

  it("follows changeOwner: the new owner controls the DID", async () => {
    const newOwner = devnet.accounts[2]!.address;
    await submitDidChange({
      client: devnet.wallets[1]!,
      registry,
      identity: devnet.accounts[1]!.address,
      change: { type: "changeOwner", newOwner },
    });
    const doc = await resolve();
    const controller = doc.verificationMethod?.find((m) => m.id === `${did}#controller`);
    expect(controller?.blockchainAccountId).toBe(`eip155:31337:${newOwner}`);
    await expect(
      submitDidChange({
        client: devnet.wallets[1]!,
        registry,
        identity: devnet.accounts[1]!.address,
        change: { type: "changeOwner", newOwner: devnet.accounts[1]!.address },
      }),
    ).rejects.toMatchObject({ errorName: "DIDRegistryNotOwner" });
  });

  it("prints the same document from `convergence did resolve --json`", async () => {
    const result = await runCli(["did", "resolve", did, "--rpc", devnet.url, "--registry", registry, "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(await resolve())));
  });

  it("names the argument and the expected form for a malformed DID", async () => {
    const result = await runCli(["did", "resolve", "did:ethr:0x7a69:0x1234", "--rpc", devnet.url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid <did>: "did:ethr:0x7a69:0x1234"');
    expect(result.stderr).toContain("Expected did:ethr:");
  });
});
