import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { devnetAccounts } from "@convergence/contracts";
import type { Hex, LocalAccount } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testContext } from "../../../test/context.ts";
import { servedRiskModel } from "../../../test/workerAnswers.ts";
import { createClients } from "../../client/createClients.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { WorkerIdentityMismatchError, WorkerInvalidAnswerError } from "../../errors/worker.ts";
import { registerAgent } from "../agents/registerAgent.ts";
import { verifyWorkerIdentity } from "./verifyWorkerIdentity.ts";
import { WORKER_CHALLENGE_HEADER, workerIdentityMessage } from "./workerIdentityMessage.ts";

/**
 * The identity check against the real AgentRegistry on the shared Hardhat node; the worker's HTTP answer comes from a
 * stand-in server that signs as a worker does (apps/worker's createApp test checks the real one signs so, and
 * test/adversary runs a real worker).
 */
describe("verifyWorkerIdentity", () => {
  const { rpcUrl, deployment, publicClient } = testContext();
  const agentRegistry = deployment.contracts.AgentRegistry;
  // Accounts 16 and 17 of the devnet mnemonic (funded with ETH by the node): no other SDK test sends from them.
  const accounts = devnetAccounts({ count: 18 });
  const [alice, bob] = [accounts[16]!, accounts[17]!];
  let aliceAgent: bigint;
  let bobAgent: bigint;
  let server: Server;
  let workerUrl: string;
  /** What the stand-in worker advertises and how it signs, per test. */
  let behaviour: {
    agentId: () => bigint;
    signer?: LocalAccount;
    signedAgentId?: () => bigint;
    signedChallenge?: Hex;
    /** Sent instead of a signature. */
    garbage?: Hex;
  };

  beforeAll(async () => {
    const register = async (account: LocalAccount) =>
      (
        await registerAgent({
          client: createClients({ rpcUrl, chainId: 31337, account }).walletClient!,
          registry: agentRegistry,
          agentURI: `https://agents.example/${account.address}.json`,
        })
      ).agentId;
    aliceAgent = await register(alice);
    bobAgent = await register(bob);
    server = createServer(async (req, res) => {
      const challenge = req.headers[WORKER_CHALLENGE_HEADER] as Hex | undefined;
      const agentId = behaviour.agentId().toString();
      let identity: { challenge: Hex; signature: Hex } | undefined;
      if (challenge && behaviour.signer) {
        const message = workerIdentityMessage({
          chainId: 31337,
          agentRegistry,
          agentId: (behaviour.signedAgentId ?? behaviour.agentId)(),
          challenge: behaviour.signedChallenge ?? challenge,
        });
        identity = { challenge, signature: behaviour.garbage ?? (await behaviour.signer.signMessage({ message })) };
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({ agentId, ...(identity && { identity }), models: [{ ...servedRiskModel, agentId, identity }] }),
      );
    });
    server.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    workerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("accepts a worker whose agent wallet signed the challenge, and returns its models", async () => {
    behaviour = { agentId: () => aliceAgent, signer: alice };
    const { agentId, wallet, models } = await verifyWorkerIdentity({ client: publicClient, agentRegistry, workerUrl });
    expect(agentId).toBe(aliceAgent);
    expect(wallet).toBe(alice.address);
    expect(models.map((m) => m.name)).toEqual(["risk-v1"]);
  });

  it("refuses a worker that names another agent and signs with its own key", async () => {
    behaviour = { agentId: () => bobAgent, signer: alice };
    const error = await verifyWorkerIdentity({ client: publicClient, agentRegistry, workerUrl }).catch((e) => e);
    expect(error).toBeInstanceOf(WorkerIdentityMismatchError);
    expect(error).toMatchObject({ agentId: bobAgent, wallet: bob.address, signer: alice.address });
    expect(error.message).toContain(`advertises agent ${bobAgent}`);
    expect(error.message).toContain(bob.address);
    expect(error.message).toContain(alice.address);
  });

  it("refuses a signature by the named agent's wallet over another agent id", async () => {
    behaviour = { agentId: () => bobAgent, signer: bob, signedAgentId: () => aliceAgent };
    const error = await verifyWorkerIdentity({ client: publicClient, agentRegistry, workerUrl }).catch((e) => e);
    expect(error).toBeInstanceOf(WorkerIdentityMismatchError);
    expect(error).toMatchObject({ agentId: bobAgent, wallet: bob.address });
    expect(error.signer).not.toBe(bob.address);
  });

  it("refuses a replayed signature over an earlier challenge", async () => {
    behaviour = { agentId: () => bobAgent, signer: bob, signedChallenge: `0x${"11".repeat(32)}` };
    await expect(verifyWorkerIdentity({ client: publicClient, agentRegistry, workerUrl })).rejects.toBeInstanceOf(
      WorkerIdentityMismatchError,
    );
  });

  it("refuses an agent id the registry does not know, naming it with no wallet", async () => {
    behaviour = { agentId: () => 1_000_000n, signer: alice };
    const error = await verifyWorkerIdentity({ client: publicClient, agentRegistry, workerUrl }).catch((e) => e);
    expect(error).toBeInstanceOf(WorkerIdentityMismatchError);
    expect(error).toMatchObject({ agentId: 1_000_000n, wallet: undefined, signer: alice.address });
  });

  it("refuses a worker that does not sign the challenge, naming the field", async () => {
    behaviour = { agentId: () => aliceAgent };
    const error = await verifyWorkerIdentity({ client: publicClient, agentRegistry, workerUrl }).catch((e) => e);
    expect(error).toBeInstanceOf(WorkerInvalidAnswerError);
    expect(error.field).toBe("models[].identity");
  });

  it("refuses a signature that does not recover, naming the field", async () => {
    behaviour = { agentId: () => aliceAgent, signer: alice, garbage: `0x${"00".repeat(65)}` };
    const error = await verifyWorkerIdentity({ client: publicClient, agentRegistry, workerUrl }).catch((e) => e);
    expect(error).toBeInstanceOf(WorkerInvalidAnswerError);
    expect(error.field).toBe("models[].identity.signature");
  });

  it("refuses a challenge that is not 32 bytes of hex before asking the worker", async () => {
    await expect(
      verifyWorkerIdentity({ client: publicClient, agentRegistry, workerUrl, challenge: "0x12" }),
    ).rejects.toBeInstanceOf(InvalidParameterError);
  });
});
