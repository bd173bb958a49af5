import {
  buildWorkerRegistration,
  REQUESTER_SIGNATURE_HEADER,
  WORKER_CHALLENGE_HEADER,
  WORKER_REGISTRATION_PATH,
  workerIdentityMessage,
} from "@convergence/sdk";
import express, { type NextFunction, type Request, type Response } from "express";
import { type Address, formatUnits, type Hex } from "viem";
import type { z } from "zod";
import {
  HttpError,
  InvalidInputError,
  InvalidJsonError,
  InvalidRequestError,
  ModelNotServedError,
  PayloadTooLargeError,
  RouteNotFoundError,
  UnsupportedMediaTypeError,
} from "../errors/http.ts";
import { runInference } from "../inference/runInference.ts";
import { servedShape } from "../inference/servedShape.ts";
import type { Served } from "../inference/types.ts";
import type { PriceFloor } from "../jobs/checkJobTerms.ts";
import type { JobService } from "../jobs/types.ts";
import type { Logger } from "../log/createLogger.ts";
import type { WorkerMetrics } from "../metrics/createMetrics.ts";
import { createPaymentGate, type X402Offer } from "../x402/createPaymentGate.ts";
import { formatIssues } from "./formatIssues.ts";
import { inferenceBody, inferenceModelOf, jobIdParams, jobInputBody } from "./schemas.ts";

export type CreateAppParameters = {
  models: Map<string, Served>;
  /** On-chain model ids, by name, once known (GET /v1/models shows them). */
  modelIds?: () => Map<string, bigint>;
  /** The worker's ERC-8004 agent id: GET /v1/models shows it, so a requester can reserve its job for this worker. */
  agentId?: bigint;
  /**
   * How the worker proves it is `agentId`: GET /v1/models with an `x-convergence-challenge` header is answered with an
   * EIP-191 signature of `workerIdentityMessage` by the agent's wallet (the account the worker fulfils with).
   */
  identity?: { chainId: number; agentRegistry: Address; signMessage: (message: string) => Promise<Hex> };
  /**
   * What GET /.well-known/agent-registration.json (the agent's ERC-8004 registration file, its agentURI) is built from,
   * live at each request with the SDK's buildWorkerRegistration, so it is always what the worker does now. Without it
   * (or without `agentId` and `identity`) the route is 404.
   */
  registration?: {
    /** The URL requesters reach the API at (WORKER_PUBLIC_URL, else the URL it listens on). */
    publicUrl: () => string;
    /** The escrow's token: the prices are in it. */
    token: Address;
    /** Per served model name, the on-chain registration it is served under (the one /v1/models names). */
    served: () => Map<string, { modelId: bigint; verifier: Address; vkeyHash: Hex }>;
    /** The token's decimals (default 6, USDC). */
    tokenDecimals?: number;
  };
  jobs: JobService;
  /** The price floor: GET /v1/models shows each model's, so a requester can pay enough before it opens a job. */
  minPrice?: PriceFloor;
  /**
   * x402 on POST /v1/inference (WORKER_X402_PRICE, WORKER_FACILITATOR_URL): a model whose price is above 0 answers
   * only a paid request (createPaymentGate). The registration file and GET /v1/models show each model's price.
   * Without it every answer is free.
   */
  x402?: X402Offer;
  metrics: WorkerMetrics;
  /** GET /healthz's body; `status` other than "ok" answers 503. */
  health: () => { status: "ok" | "draining" | "starting"; [key: string]: unknown };
  bodyLimitBytes: number;
  log: Logger;
};

export type CreateAppReturnType = express.Express;

/**
 * The worker's HTTP API (express 5). Every body and parameter goes through a zod schema; every error, including a
 * malformed or oversized body and an unknown route, is JSON `{ "error": { "code", "message" } }` with its 4xx, and
 * nothing a client sends can crash the process.
 *
 * | route | answer |
 * |---|---|
 * | GET /healthz | 200 `{status: "ok", ...}`, 503 while draining |
 * | GET /.well-known/agent-registration.json | the agent's ERC-8004 registration file (buildWorkerRegistration): endpoint, agent, each served model's pins (commitment, vkeyHash, verifier), price floor and token |
 * | GET /v1/models | the worker's agentId, and the served models (MLPs and circuit packages): name, kind, shape, scale, labels, features, commitment, on-chain id, minPrice (USDC), agentId; with header `x-convergence-challenge: 0x<32 bytes>`, `identity: {challenge, signature}` (top level and on each model): the agent wallet's signature of `workerIdentityMessage` |
 * | POST /v1/inference `{model \| modelId, input, encoding?}` | the int64 ONNX output (a circuit package: its TypeScript reference), no proof; a model priced by WORKER_X402_PRICE answers 402 + `PAYMENT-REQUIRED` until paid with x402 v2, then 200 + `PAYMENT-RESPONSE` (the settlement transaction) |
 * | POST /v1/jobs/:jobId/input `{input, salt}` | 202 queued (200 if the same input was delivered before); 402/409 a job below the price floor or too close to its deadline |
 * | GET /v1/jobs/:jobId | state, tx hashes, timings; output and proof once settled, or to the requester's signed read |
 * | GET /metrics | Prometheus text |
 *
 * @example
 * const app = createApp({ models, jobs, metrics, health: () => ({ status: "ok" }), bodyLimitBytes: 16384, log });
 * app.listen(8080, "127.0.0.1");
 */
export function createApp({
  models,
  modelIds = () => new Map(),
  agentId,
  identity,
  registration,
  jobs,
  minPrice = { default: 0n, byModel: {} },
  x402,
  metrics,
  health,
  bodyLimitBytes,
  log,
}: CreateAppParameters): CreateAppReturnType {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);

  // The GET routes are public (a job's output and proof stay hidden without the requester's signature header, which a
  // cross-origin page cannot send without a preflight this server never answers): any origin may read them, so the
  // dashboard in a browser reads the workers directly.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") res.set("access-control-allow-origin", "*");
    next();
  });

  app.use((req, res, next) => {
    res.on("finish", () => {
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : "unmatched";
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      log.debug("http", { method: req.method, path: req.path, status: res.statusCode });
    });
    next();
  });

  const json = express.json({ limit: bodyLimitBytes, strict: true, type: () => true });
  const jsonBody = (req: Request, res: Response, next: NextFunction) => {
    const type = req.headers["content-type"];
    if (!type || !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
      // Read (and drop) the body so the connection stays usable, then answer.
      req.resume();
      next(new UnsupportedMediaTypeError({ received: type }));
      return;
    }
    json(req, res, next);
  };

  app.get("/healthz", (_req, res) => {
    const body = health();
    res.status(body.status === "ok" ? 200 : 503).json(body);
  });

  app.get("/metrics", async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.render());
  });

  app.get(WORKER_REGISTRATION_PATH, (req, res, next) => {
    if (!registration || agentId === undefined || !identity) {
      next(new RouteNotFoundError({ method: req.method, path: req.path }));
      return;
    }
    const served = registration.served();
    res.json(
      buildWorkerRegistration({
        endpoint: registration.publicUrl(),
        agentId,
        chainId: identity.chainId,
        agentRegistry: identity.agentRegistry,
        ...(registration.tokenDecimals === undefined ? {} : { tokenDecimals: registration.tokenDecimals }),
        // A model is listed once its registration is known: a requester opens jobs under that model id.
        models: [...models.values()].flatMap((model) => {
          const onChain = served.get(model.name);
          if (!onChain) return [];
          return [
            {
              name: model.name,
              modelId: onChain.modelId,
              commitment: model.commitment,
              vkeyHash: onChain.vkeyHash,
              verifier: onChain.verifier,
              price: minPrice.byModel[model.name] ?? minPrice.default,
              token: registration.token,
              ...(x402 ? { x402Price: x402.price(model.name) } : {}),
            },
          ];
        }),
      }),
    );
  });

  app.get("/v1/models", async (req, res) => {
    const challenge = req.get(WORKER_CHALLENGE_HEADER);
    if (challenge !== undefined && !/^0x[0-9a-fA-F]{64}$/.test(challenge)) {
      throw new InvalidRequestError({
        issues: [
          `header ${WORKER_CHALLENGE_HEADER}: expected 0x and 32 bytes of hex, received ${JSON.stringify(challenge)}`,
        ],
      });
    }
    const ids = modelIds();
    // On each model too: a client that keeps only the list (the SDK's getWorkerModels) still knows who proves it.
    const agent: { agentId?: string; identity?: { challenge: Hex; signature: Hex } } =
      agentId === undefined ? {} : { agentId: agentId.toString() };
    if (challenge !== undefined && agentId !== undefined && identity) {
      const message = workerIdentityMessage({ ...identity, agentId, challenge: challenge as Hex });
      agent.identity = { challenge: challenge.toLowerCase() as Hex, signature: await identity.signMessage(message) };
    }
    res.json({
      ...agent,
      models: [...models.values()].map((model) => {
        const { numInputs, inputScale, inputMin, inputMax } = servedShape({ served: model });
        const common = {
          name: model.name,
          kind: model.kind,
          modelId: ids.get(model.name)?.toString() ?? null,
          commitment: model.commitment.toString(),
          minPrice: formatUnits(minPrice.byModel[model.name] ?? minPrice.default, 6),
          x402Price: formatUnits(x402?.price(model.name) ?? 0n, 6),
          ...agent,
        };
        if (model.kind === "circuit") {
          const { manifest } = model.pkg;
          return {
            ...common,
            version: manifest.version,
            description: manifest.description,
            shape: [manifest.numInputs, manifest.numOutputs],
            scale: inputScale,
            labels: [],
            features: null,
            outputs: manifest.outputs,
            publicSignals: manifest.publicSignals,
            input: {
              inference: `${numInputs} numbers: real values (encoding "float", quantized here to round(v * 2^${inputScale})) or the quantized integers (encoding "quantized")`,
              job: `${numInputs} quantized integers from ${inputMin} to ${inputMax} and the salt, as committed on-chain`,
            },
          };
        }
        const { manifest } = model;
        return {
          ...common,
          version: manifest.version,
          description: manifest.description,
          shape: manifest.shape,
          scale: manifest.scale,
          labels: manifest.labels,
          features: manifest.features ?? null,
          input: {
            inference: `${numInputs} numbers: real values (encoding "float", quantized here to round(v * 2^${inputScale})) or the quantized integers (encoding "quantized")`,
            job: `${numInputs} quantized integers from ${inputMin} to ${inputMax} and the salt, as committed on-chain`,
          },
        };
      }),
    });
  });

  // A request that carries a payment is checked in full before the payment is verified, so nobody signs away money
  // for a malformed request or a model this worker does not serve. One without a payment for a priced model only
  // needs the model's name to be quoted its 402 (quoteQuickInference sends just that).
  const validateInference = (req: Request, res: Response, next: NextFunction) => {
    const name = inferenceModelOf(req.body);
    const quote =
      name !== undefined &&
      models.has(name) &&
      (x402?.price(name) ?? 0n) > 0n &&
      !req.get("payment-signature") &&
      !req.get("x-payment");
    if (quote) {
      next();
      return;
    }
    const body = parse(inferenceBody, req.body, "body");
    const model = models.get(body.model);
    if (!model) throw new ModelNotServedError({ model: body.model, served: [...models.keys()] });
    const { numInputs } = servedShape({ served: model });
    if (body.input.length !== numInputs) {
      throw new InvalidInputError({
        problem: `model ${model.name} takes ${numInputs} values, received ${body.input.length}`,
      });
    }
    res.locals.inference = { body, model };
    next();
  };
  const paymentGate = x402
    ? createPaymentGate({ offer: x402, modelOf: inferenceModelOf })
    : (_req: Request, _res: Response, next: NextFunction) => next();

  app.post("/v1/inference", jsonBody, validateInference, paymentGate, async (_req, res) => {
    const { body, model } = res.locals.inference as { body: z.output<typeof inferenceBody>; model: Served };
    const started = performance.now();
    const result = await runInference({ model, input: body.input, encoding: body.encoding });
    const seconds = (performance.now() - started) / 1000;
    metrics.inferenceSeconds.observe({ model: model.name }, seconds);
    res.json({
      model: model.name,
      modelId: model.name,
      output: { raw: result.raw.map(String), values: result.values, label: result.label ?? null },
      input: { quantized: result.quantizedInput.map(Number), scale: servedShape({ served: model }).inputScale },
      latencyMs: Math.round(seconds * 1e6) / 1e3,
    });
  });

  app.post("/v1/jobs/:jobId/input", jsonBody, async (req, res) => {
    const { jobId } = parse(jobIdParams, req.params, "jobId");
    const { input, salt } = parse(jobInputBody, req.body, "body");
    const { view, created } = await jobs.deliverInput({ jobId, input: input.map(BigInt), salt });
    res.status(created ? 202 : 200).json(view);
  });

  app.get("/v1/jobs/:jobId", async (req, res) => {
    const { jobId } = parse(jobIdParams, req.params, "jobId");
    const requesterSignature = req.get(REQUESTER_SIGNATURE_HEADER);
    res.json(await jobs.getJob({ jobId, ...(requesterSignature ? { requesterSignature } : {}) }));
  });

  app.use((req, _res, next) => next(new RouteNotFoundError({ method: req.method, path: req.path })));

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const http = toHttpError(error, bodyLimitBytes);
    if (http.status >= 500) log.error("request failed", { method: req.method, path: req.path, error });
    if (http instanceof HttpError && "retryAfterSeconds" in http) {
      res.set("Retry-After", String((http as { retryAfterSeconds: number }).retryAfterSeconds));
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(http.status).json({ error: { code: http.code, message: http.shortMessage } });
  });

  return app;
}

function parse<T extends z.ZodType>(schema: T, value: unknown, root: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidRequestError({ issues: formatIssues(result.error, root) });
  return result.data;
}

function toHttpError(error: unknown, bodyLimitBytes: number): HttpError {
  if (error instanceof HttpError) return error;
  const { type, status } = (error ?? {}) as { type?: string; status?: number };
  if (type === "entity.parse.failed") return new InvalidJsonError({ cause: error });
  if (type === "entity.too.large") return new PayloadTooLargeError({ limit: bodyLimitBytes });
  if (type === "encoding.unsupported" || type === "charset.unsupported") {
    return new HttpError(415, "UNSUPPORTED_MEDIA_TYPE", (error as Error).message);
  }
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new HttpError(status, "BAD_REQUEST", error instanceof Error ? error.message : "Bad request.");
  }
  return new HttpError(500, "INTERNAL", "The worker failed to handle this request; see its log.", { cause: error });
}
