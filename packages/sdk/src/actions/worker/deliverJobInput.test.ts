import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createWalletClient, http, publicActions, verifyMessage } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { servedRiskModel, workerJobView } from "../../../test/workerAnswers.ts";
import {
  WorkerBusyError,
  WorkerCommitmentMismatchError,
  WorkerInvalidAnswerError,
  WorkerInvalidRequestError,
  WorkerJobConflictError,
  WorkerJobNotFoundError,
  WorkerPayloadTooLargeError,
  WorkerRequestError,
  WorkerUnauthorizedError,
  WorkerUnreachableError,
} from "../../errors/worker.ts";
import { deliverJobInput } from "./deliverJobInput.ts";
import { getWorkerJob } from "./getWorkerJob.ts";
import { getWorkerModels } from "./getWorkerModels.ts";
import { REQUESTER_SIGNATURE_HEADER, workerJobReadMessage } from "./workerJobReadMessage.ts";

const escrow = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
// Hardhat's public development accounts #1 (the requester) and #4 (a stranger).
const requester = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const stranger = privateKeyToAccount("0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a");
const walletOf = (account: typeof requester) =>
  createWalletClient({ account, chain: hardhat, transport: http("http://127.0.0.1:1") }).extend(publicActions);

/**
 * The HTTP contract with a stand-in server that answers as the worker's API does; test/worker/ runs these actions
 * against the real worker.
 */
describe("deliverJobInput, getWorkerJob, getWorkerModels", () => {
  let server: Server;
  let workerUrl: string;
  const received: { method: string; url: string; body: unknown }[] = [];
  let busyLeft = 0;

  const answers: Record<string, [number, unknown, Record<string, string>?]> = {
    "/v1/jobs/400/input": [400, { error: { code: "INVALID_REQUEST", message: "input[0]: expected int" } }],
    "/v1/jobs/404/input": [404, { error: { code: "JOB_NOT_FOUND", message: "No job 404" } }],
    "/v1/jobs/409/input": [409, { error: { code: "COMMITMENT_MISMATCH", message: "expected 1, they commit to 2" } }],
    "/v1/jobs/410/input": [409, { error: { code: "JOB_EXPIRED", message: "Job 410 expired" } }],
    "/v1/jobs/413/input": [413, { error: { code: "PAYLOAD_TOO_LARGE", message: "larger than 16384 bytes" } }],
    "/v1/jobs/429/input": [429, { error: { code: "QUEUE_FULL", message: "queue full" } }, { "retry-after": "7" }],
    "/v1/jobs/500/input": [500, { error: { code: "INTERNAL", message: "see its log" } }],
    "/v1/jobs/502/input": [502, "<html>bad gateway</html>"],
  };

  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      let text = "";
      for await (const chunk of req) text += chunk;
      received.push({ method: req.method!, url: req.url!, body: text ? JSON.parse(text) : undefined });
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        const raw = typeof body === "string" ? body : JSON.stringify(body);
        res.writeHead(status, {
          "content-type": typeof body === "string" ? "text/html" : "application/json",
          ...headers,
        });
        res.end(raw);
      };
      if (req.url === "/v1/jobs/7/input") return send(202, { jobId: "7", state: "received" });
      if (req.url === "/v1/jobs/8/input") return send(200, { jobId: "8", state: "settled" });
      if (req.url === "/v1/jobs/9/input") {
        if (busyLeft-- > 0)
          return send(429, { error: { code: "QUEUE_FULL", message: "full" } }, { "retry-after": "1" });
        return send(202, { jobId: "9", state: "received" });
      }
      if (req.url === "/v1/jobs/7") return send(200, jobView);
      if (req.url === "/v1/jobs/11") {
        // As the worker does: the output only to the job's requester, proven by its signature of the read message.
        const signature = req.headers[REQUESTER_SIGNATURE_HEADER];
        if (signature === undefined) return send(200, { ...jobView, jobId: "11" });
        const message = workerJobReadMessage({ chainId: hardhat.id, escrow, jobId: 11n });
        const valid = await verifyMessage({
          address: requester.address,
          message,
          signature: signature as `0x${string}`,
        });
        if (!valid) return send(401, { error: { code: "REQUESTER_SIGNATURE_INVALID", message: "not the requester" } });
        return send(200, { ...jobView, jobId: "11", output: { raw: ["1"], values: [1 / 256], label: "low" } });
      }
      if (req.url === "/v1/jobs/6") return send(200, { jobId: "6", state: "proving", txHashes: [] });
      if (req.url === "/v1/models") return send(200, { models: [servedModel] });
      const [status, body, headers] = answers[req.url!] ?? [404, { error: { code: "NOT_FOUND", message: "no route" } }];
      send(status, body, headers);
    });
    server.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    workerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const input = [128n, -320, 26n];
  const jobView = workerJobView;
  const servedModel = servedRiskModel;
  const salt = 2n ** 247n + 1n;

  it("posts the input as integers and the salt as a decimal string", async () => {
    const result = await deliverJobInput({ workerUrl, jobId: 7n, input, salt });
    expect(result).toEqual({ job: { jobId: "7", state: "received" }, accepted: true });
    expect(received.at(-1)).toEqual({
      method: "POST",
      url: "/v1/jobs/7/input",
      body: { input: [128, -320, 26], salt: salt.toString() },
    });
    expect((await deliverJobInput({ workerUrl, jobId: 8n, input, salt })).accepted).toBe(false);
    expect(await getWorkerJob({ workerUrl, jobId: 7n })).toEqual(jobView);
    expect(await getWorkerModels({ workerUrl })).toEqual([servedModel]);
    // A worker's word is checked before anyone reads it: a job view without its timings is no job view.
    await expect(getWorkerJob({ workerUrl, jobId: 6n })).rejects.toThrowError(WorkerInvalidAnswerError);
  });

  it("signs the read as the requester when asked, so the worker shows the output before settlement", async () => {
    expect((await getWorkerJob({ workerUrl, jobId: 11n })).output).toBeNull();
    const signed = await getWorkerJob({ workerUrl, jobId: 11n, requester: { client: walletOf(requester), escrow } });
    expect(signed.output).toEqual({ raw: ["1"], values: [1 / 256], label: "low" });
    const refused = await getWorkerJob({
      workerUrl,
      jobId: 11n,
      requester: { client: walletOf(stranger), escrow },
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WorkerUnauthorizedError);
    expect(refused).toMatchObject({ status: 401, code: "REQUESTER_SIGNATURE_INVALID" });
  });

  it.each([
    [400n, "INVALID_REQUEST", WorkerInvalidRequestError],
    [404n, "JOB_NOT_FOUND", WorkerJobNotFoundError],
    [409n, "COMMITMENT_MISMATCH", WorkerCommitmentMismatchError],
    [410n, "JOB_EXPIRED", WorkerJobConflictError],
    [413n, "PAYLOAD_TOO_LARGE", WorkerPayloadTooLargeError],
    [429n, "QUEUE_FULL", WorkerBusyError],
    [500n, "INTERNAL", WorkerRequestError],
  ])("turns the answer for job %s into its typed error (%s)", async (jobId, code, type) => {
    const error = await deliverJobInput({ workerUrl, jobId, input, salt }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ code, status: jobId === 410n ? 409 : Number(jobId) });
    if (error instanceof WorkerBusyError) expect(error.retryAfterSeconds).toBe(7);
  });

  it("retries a 429 after Retry-After when asked to", async () => {
    busyLeft = 1;
    const { accepted } = await deliverJobInput({ workerUrl, jobId: 9n, input, salt, maxRetries: 2 });
    expect(accepted).toBe(true);
    busyLeft = 1;
    await expect(deliverJobInput({ workerUrl, jobId: 9n, input, salt })).rejects.toThrow(WorkerBusyError);
  });

  it("reports an answer that is not the worker's JSON, and a worker that is not there", async () => {
    await expect(deliverJobInput({ workerUrl, jobId: 502n, input, salt })).rejects.toThrow(/not JSON/);
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => probe.once("listening", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const error = await deliverJobInput({ workerUrl: `http://127.0.0.1:${port}`, jobId: 1n, input, salt }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(WorkerUnreachableError);
    expect((error as Error).message).toContain("ECONNREFUSED");
  });
});
