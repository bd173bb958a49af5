import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { devnetRoleAccount, usdcAbi, writeDeployment } from "@convergence/contracts";
import { type LaunchWorkerReturnType, launchWorker, WorkerStartError } from "@convergence/devnet";
import { type StartFacilitatorReturnType, startFacilitator } from "@convergence/facilitator";
import { buildFloatOnnx, createPrng } from "@convergence/models";
import { workspaceRoot } from "@convergence/paths";
import {
  getWorkerRegistration,
  payForQuickInference,
  quoteQuickInference,
  signTransferAuthorization,
  WORKER_REGISTRATION_PATH,
  X402AssetMismatchError,
  X402PaymentFailedError,
  X402PriceTooHighError,
  X402RecipientMismatchError,
} from "@convergence/sdk";
import { x402Client } from "@x402/core/client";
import {
  decodePaymentRequiredHeader,
  decodePaymentResponseHeader,
  decodePaymentSignatureHeader,
  encodePaymentSignatureHeader,
} from "@x402/core/http";
import type { PaymentPayload, PaymentRequired, PaymentRequirements } from "@x402/core/types";
import { toClientEvmSigner } from "@x402/evm";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { wrapFetchWithPayment } from "@x402/fetch";
import { type Address, getAddress, type Hex, type LocalAccount } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, spawnCli } from "../helpers/runCli.ts";
import { type Devnet, startDevnet } from "../helpers/startDevnet.ts";

/** risk-v1's 8 features (real values; the worker quantizes them). */
const INPUT = [0.1, -0.3, 1.2, 0, 0, 0, 0.5, -1];
const PRICE = { "risk-v1": 10_000n, "risk-lite": 30_000n } as const;
const NETWORK = "eip155:31337";

/** A seeded random 8-16-3 MLP: risk-v1's shape, so its circuit and setup are the ones already in the zk cache. */
function randomMlp(seed: number) {
  const prng = createPrng({ seed });
  const widths = [8, 16, 3];
  return {
    layers: widths.slice(1).map((width, k) => ({
      weights: Array.from({ length: width }, () =>
        Array.from({ length: widths[k]! }, () => prng.uniform(-1, 1) / Math.sqrt(widths[k]!)),
      ),
      bias: Array.from({ length: width }, () => prng.uniform(-0.2, 0.2)),
      relu: k < widths.length - 2,
    })),
  };
}

/**
 * Issue 17: a worker sells a quick, unproven answer per call with x402 v2, settled on the devnet's USDC by the local
 * facilitator. One chain, one facilitator and one worker (two models at two prices) for the whole file; each test uses
 * its own payer or fresh authorizations, and checks balances and the authorization's nonce on-chain.
 */
describe("x402 v2: paid quick inference on a live chain", () => {
  let devnet: Devnet;
  let dir: string;
  let facilitator: StartFacilitatorReturnType;
  let worker: LaunchWorkerReturnType;
  const facilitatorAccount = devnetRoleAccount({ role: "facilitator" });
  const url = () => `${worker.url}/v1/inference`;
  const usdc = () => devnet.deployment.contracts.USDC;
  const usdcOf = (address: Address) =>
    devnet.publicClient.readContract({ address: usdc(), abi: usdcAbi, functionName: "balanceOf", args: [address] });
  const nonceUsed = (from: Address, nonce: Hex) =>
    devnet.publicClient.readContract({
      address: usdc(),
      abi: usdcAbi,
      functionName: "authorizationState",
      args: [from, nonce],
    });
  /** USDC of the payer and the worker, to compare before and after. */
  const balances = async (payer: Address) => ({ payer: await usdcOf(payer), worker: await usdcOf(worker.account) });
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(url(), {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  /** The worker's 402 for a model: what it asks, unpaid. */
  const paymentRequired = async (model: string): Promise<PaymentRequired> => {
    const response = await post({ modelId: model, input: INPUT });
    expect(response.status).toBe(402);
    return decodePaymentRequiredHeader(response.headers.get("payment-required")!);
  };
  /** The official x402 client for one payer, allowing the devnet USDC (not one of x402's default assets). */
  const officialClient = (account: LocalAccount) =>
    new x402Client()
      .register(NETWORK, new ExactEvmScheme(toClientEvmSigner(account)))
      .setSpendControls({ allowedAssets: [{ network: NETWORK, asset: usdc() }] });
  /** The official `@x402/fetch`, recording the PAYMENT-SIGNATURE headers it sends. */
  const officialFetch = (account: LocalAccount) => {
    const sent: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const header = request.headers.get("payment-signature");
      if (header) sent.push(header);
      return fetch(request);
    };
    return { fetch: wrapFetchWithPayment(recording, officialClient(account)), sent };
  };
  /**
   * A payment header built the way an attacker would: an EIP-3009 authorization signed with `signer` (default the
   * payer), wrapped in the official v2 payload encoding around the requirements the worker asked (`accepted`).
   */
  const craft = async ({
    accepted,
    from,
    signer = from,
    to = getAddress(accepted.payTo),
    value = BigInt(accepted.amount),
    validAfter,
    validBefore,
    nonce,
    chainId = 31337,
  }: {
    accepted: PaymentRequirements;
    from: LocalAccount;
    signer?: LocalAccount;
    to?: Address;
    value?: bigint;
    validAfter?: bigint;
    validBefore?: bigint;
    nonce?: Hex;
    chainId?: number;
  }) => {
    const now = BigInt(Math.floor(Date.now() / 1000));
    const auth = await signTransferAuthorization({
      client: devnet.publicClient,
      token: usdc(),
      from: signer,
      to,
      value,
      validAfter: validAfter ?? now - 600n,
      validBefore: validBefore ?? now + 120n,
      ...(nonce ? { nonce } : {}),
    });
    const payload: PaymentPayload = {
      x402Version: 2,
      accepted: { ...accepted, network: `eip155:${chainId}` },
      payload: {
        signature: auth.signature,
        authorization: {
          from: from.address,
          to: auth.to,
          value: auth.value.toString(),
          validAfter: auth.validAfter.toString(),
          validBefore: auth.validBefore.toString(),
          nonce: auth.nonce,
        },
      },
    };
    return { header: encodePaymentSignatureHeader(payload), nonce: auth.nonce, from: from.address };
  };
  /** Sends a crafted payment and expects it refused with `reason` and nothing moved. */
  const expectRefused = async (
    payment: { header: string; nonce: Hex; from: Address },
    reason: RegExp,
    model = "risk-v1",
  ) => {
    const before = await balances(payment.from);
    const response = await post({ modelId: model, input: INPUT }, { "PAYMENT-SIGNATURE": payment.header });
    const body = await response.text();
    expect(response.status, body).toBe(402);
    expect(body).not.toContain("output");
    const settled = response.headers.get("payment-response");
    const refused = settled
      ? decodePaymentResponseHeader(settled).errorReason
      : decodePaymentRequiredHeader(response.headers.get("payment-required")!).error;
    expect(refused).toMatch(reason);
    expect(await balances(payment.from)).toEqual(before);
    expect(await nonceUsed(payment.from, payment.nonce)).toBe(false);
    return refused;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "x402-"));
    const home = join(dir, "home");
    mkdirSync(home);
    const zkCache = join(workspaceRoot(), ".convergence", "zk");
    mkdirSync(zkCache, { recursive: true });
    symlinkSync(zkCache, join(home, "zk"));
    devnet = await startDevnet();
    writeDeployment({ deployment: devnet.deployment, dir });
    // A second model at another price (risk-v1's shape: its setup is reused from the cache).
    const onnx = join(dir, "risk-lite.onnx");
    writeFileSync(onnx, buildFloatOnnx({ model: randomMlp(17), layout: "gemm-transB" }));
    const added = await runCli(["model", "add", onnx, "--name", "risk-lite", "--json"], {
      CONVERGENCE_HOME: home,
      CONVERGENCE_DEPLOYMENTS_DIR: dir,
      CONVERGENCE_RPC_URL: devnet.url,
    });
    if (added.code !== 0) throw new Error(`model add failed:\n${added.stderr}`);
    // As devnet and convergence facilitator run it: the stack's USDC only.
    facilitator = await startFacilitator({
      rpcUrl: devnet.url,
      chainId: 31337,
      account: facilitatorAccount,
      assets: [devnet.deployment.contracts.USDC],
      port: 0,
    });
    worker = await launchWorker({
      rpcUrl: devnet.url,
      deploymentsDir: dir,
      dbPath: join(dir, "jobs.sqlite"),
      env: {
        CONVERGENCE_HOME: home,
        WORKER_MODELS: "risk-v1,risk-lite",
        WORKER_X402_PRICE: "0.01,risk-lite=0.03",
        WORKER_FACILITATOR_URL: facilitator.url,
      },
    });
  });
  afterAll(async () => {
    await worker?.stop({ signal: "SIGTERM" });
    await facilitator?.close();
    await devnet?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers 402 with a v2 PAYMENT-REQUIRED: exact, eip155:31337, the devnet USDC and its EIP-712 domain, per model", async () => {
    for (const model of ["risk-v1", "risk-lite"] as const) {
      const required = await paymentRequired(model);
      expect(required.x402Version).toBe(2);
      expect(required.accepts).toHaveLength(1);
      expect(required.accepts[0]).toMatchObject({
        scheme: "exact",
        network: NETWORK,
        asset: usdc(),
        amount: PRICE[model].toString(),
        payTo: worker.account,
        extra: { name: "USD Coin (Devnet)", version: "1" },
      });
    }
    // The SDK's quote reads the same without signing anything.
    expect(await quoteQuickInference({ workerUrl: worker.url, modelId: "risk-lite" })).toEqual({
      price: PRICE["risk-lite"],
      payTo: worker.account,
      asset: usdc(),
      network: NETWORK,
    });
    // And the registration file lists each model's x402 price.
    const registration = await getWorkerRegistration({ agentURI: `${worker.url}${WORKER_REGISTRATION_PATH}` });
    expect(registration.x402Support).toBe(true);
    expect(registration.models.find((m) => m.name === "risk-v1")?.x402).toEqual({
      price: "0.01",
      priceUnits: "10000",
      endpoint: url(),
    });
  });

  it("the official @x402/fetch client pays and gets the real output; USDC moves payer -> worker by the price, once", async () => {
    const payer = devnet.accounts[1]!;
    const before = await balances(payer.address);
    const { fetch: paidFetch, sent } = officialFetch(payer);
    const response = await paidFetch(url(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ modelId: "risk-v1", input: INPUT }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      modelId: string;
      output: { raw: string[]; values: number[]; label: string };
    };
    expect(body.modelId).toBe("risk-v1");
    // The same answer the free path of the same worker's code gives: onnxruntime on the quantized model.
    expect(body.output.raw).toHaveLength(3);
    expect(["low", "medium", "high"]).toContain(body.output.label);
    const settlement = decodePaymentResponseHeader(response.headers.get("payment-response")!);
    expect(settlement).toMatchObject({ success: true, network: NETWORK, payer: payer.address });
    const receipt = await devnet.publicClient.getTransactionReceipt({ hash: settlement.transaction as Hex });
    expect(receipt.status).toBe("success");
    expect(getAddress(receipt.from)).toBe(facilitatorAccount.address);
    expect(await balances(payer.address)).toEqual({
      payer: before.payer - PRICE["risk-v1"],
      worker: before.worker + PRICE["risk-v1"],
    });
    expect(sent).toHaveLength(1);

    // The same header replayed, one after the other: refused, nothing moves, no output.
    const replayed = await post({ modelId: "risk-v1", input: INPUT }, { "PAYMENT-SIGNATURE": sent[0]! });
    expect(replayed.status).toBe(402);
    expect(await replayed.text()).not.toContain("output");
    expect(await balances(payer.address)).toEqual({
      payer: before.payer - PRICE["risk-v1"],
      worker: before.worker + PRICE["risk-v1"],
    });
  });

  it("the same header sent five times at once: one answer, one transfer", async () => {
    const payer = devnet.accounts[3]!;
    const required = await paymentRequired("risk-v1");
    const payment = await officialClient(payer).createPaymentPayload(required);
    const header = encodePaymentSignatureHeader(payment);
    const before = await balances(payer.address);
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => post({ modelId: "risk-v1", input: INPUT }, { "PAYMENT-SIGNATURE": header })),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 402)).toHaveLength(4);
    expect(await balances(payer.address)).toEqual({
      payer: before.payer - PRICE["risk-v1"],
      worker: before.worker + PRICE["risk-v1"],
    });
    const nonce = (decodePaymentSignatureHeader(header).payload as { authorization: { nonce: Hex } }).authorization
      .nonce;
    expect(await nonceUsed(payer.address, nonce)).toBe(true);
  });

  describe("bad payments are refused with the protocol's error and move nothing", () => {
    const payer = () => devnet.accounts[4]!;
    let accepted: PaymentRequirements;
    beforeAll(async () => {
      accepted = (await paymentRequired("risk-v1")).accepts[0]!;
    });
    const now = () => BigInt(Math.floor(Date.now() / 1000));

    it("an expired authorization (validBefore in the past)", async () => {
      await expectRefused(
        await craft({ accepted, from: payer(), validBefore: now() - 10n }),
        /^invalid_exact_evm_payload_authorization_valid_before$/,
      );
    });
    it("a not-yet-valid authorization (validAfter in the future)", async () => {
      await expectRefused(
        await craft({ accepted, from: payer(), validAfter: now() + 3600n }),
        /^invalid_exact_evm_payload_authorization_valid_after$/,
      );
    });
    it("a reused nonce (an authorization already executed)", async () => {
      const used = await craft({ accepted, from: payer() });
      // Execute it directly first (as anyone may), then offer it to the worker.
      const before = await balances(payer().address);
      const settled = await fetch(`${facilitator.url}/settle`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          x402Version: 2,
          paymentPayload: decodePaymentSignatureHeader(used.header),
          paymentRequirements: accepted,
        }),
      });
      expect(((await settled.json()) as { success: boolean }).success).toBe(true);
      expect(await nonceUsed(payer().address, used.nonce)).toBe(true);
      const after = await balances(payer().address);
      expect(after.payer).toBe(before.payer - PRICE["risk-v1"]);
      const response = await post({ modelId: "risk-v1", input: INPUT }, { "PAYMENT-SIGNATURE": used.header });
      expect(response.status).toBe(402);
      expect(decodePaymentRequiredHeader(response.headers.get("payment-required")!).error).toBe(
        "invalid_exact_evm_nonce_already_used",
      );
      expect(await balances(payer().address)).toEqual(after);
    });
    it("a wrong amount (less than the price)", async () => {
      await expectRefused(
        await craft({ accepted, from: payer(), value: PRICE["risk-v1"] - 1n }),
        /^invalid_exact_evm_payload_authorization_value_mismatch$/,
      );
    });
    it("a wrong recipient (the payer's own address)", async () => {
      await expectRefused(
        await craft({ accepted, from: payer(), to: payer().address }),
        /^invalid_exact_evm_recipient_mismatch$/,
      );
    });
    it("a wrong network (signed for another chain id)", async () => {
      await expectRefused(await craft({ accepted, from: payer(), chainId: 1 }), /^No matching payment requirements$/);
    });
    it("a signature by another key", async () => {
      await expectRefused(
        await craft({ accepted, from: payer(), signer: devnet.accounts[0]! }),
        /^invalid_exact_evm_signature$/,
      );
    });
    it("a payer without funds", async () => {
      const broke = devnet.accounts[8]!;
      expect(await usdcOf(broke.address)).toBe(0n);
      await expectRefused(await craft({ accepted, from: broke }), /^invalid_exact_evm_insufficient_balance$/);
    });
    it("model A's price paid for model B", async () => {
      const cheap = (await paymentRequired("risk-v1")).accepts[0]!;
      await expectRefused(
        await craft({ accepted: cheap, from: payer() }),
        /^No matching payment requirements$/,
        "risk-lite",
      );
    });
    it("a tampered header (the amount raised after signing)", async () => {
      const honest = await craft({ accepted, from: payer() });
      const decoded = decodePaymentSignatureHeader(honest.header);
      (decoded.payload as { authorization: { value: string } }).authorization.value = "1";
      await expectRefused(
        { ...honest, header: encodePaymentSignatureHeader(decoded) },
        /^invalid_exact_evm_signature$/,
      );
      const garbage = await post({ modelId: "risk-v1", input: INPUT }, { "PAYMENT-SIGNATURE": "not-base64!" });
      expect(garbage.status).toBe(402);
    });
    it("the facilitator's own key as payer (it holds ETH for gas, no USDC)", async () => {
      await expectRefused(
        await craft({ accepted, from: facilitatorAccount }),
        /^invalid_exact_evm_insufficient_balance$/,
      );
    });
  });

  describe("the SDK refuses before signing", () => {
    it("a price above maxAmount, a recipient other than expected; pays when both fit", async () => {
      const clients = { walletClient: devnet.wallets[1]!, usdc: usdc() };
      const request = { workerUrl: worker.url, modelId: "risk-lite", input: INPUT };
      const before = await balances(devnet.accounts[1]!.address);
      await expect(payForQuickInference(clients, { ...request, maxAmount: PRICE["risk-lite"] - 1n })).rejects.toThrow(
        X402PriceTooHighError,
      );
      await expect(
        payForQuickInference(clients, {
          ...request,
          maxAmount: PRICE["risk-lite"],
          expectedPayTo: devnet.accounts[0]!.address,
        }),
      ).rejects.toThrow(X402RecipientMismatchError);
      await expect(
        payForQuickInference(
          { ...clients, usdc: devnet.deployment.contracts.WETH },
          { ...request, maxAmount: 10n ** 18n },
        ),
      ).rejects.toThrow(X402AssetMismatchError);
      expect(await balances(devnet.accounts[1]!.address)).toEqual(before);
      const paid = await payForQuickInference(clients, {
        ...request,
        maxAmount: PRICE["risk-lite"],
        expectedPayTo: worker.account,
      });
      expect(paid).toMatchObject({ price: PRICE["risk-lite"], payTo: worker.account, network: NETWORK });
      expect(paid.output.raw).toHaveLength(3);
      expect(paid.settlementTx).toMatch(/^0x[0-9a-f]{64}$/);
      expect(await balances(devnet.accounts[1]!.address)).toEqual({
        payer: before.payer - PRICE["risk-lite"],
        worker: before.worker + PRICE["risk-lite"],
      });
    });

    it("a signed payment the worker refuses (a payer without USDC) throws X402PaymentFailedError with the reason", async () => {
      const broke = devnet.accounts[8]!;
      const error = await payForQuickInference(
        { walletClient: devnet.wallets[8]!, usdc: usdc() },
        { workerUrl: worker.url, modelId: "risk-v1", input: INPUT, maxAmount: PRICE["risk-v1"] },
      ).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(X402PaymentFailedError);
      expect((error as X402PaymentFailedError).reason).toBe("invalid_exact_evm_insufficient_balance");
      expect(await usdcOf(broke.address)).toBe(0n);
    });
  });

  describe("starting them", () => {
    it("convergence facilitator serves /supported for the chain and stops on Ctrl-C", async () => {
      const child = spawnCli(["facilitator", "--port", "0", "--rpc-url", devnet.url], {
        env: { CONVERGENCE_DEPLOYMENTS_DIR: dir },
      });
      let stdout = "";
      const listening = new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk) => {
          stdout += chunk;
          const match = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (match) resolve(match[1]!);
        });
        child.once("exit", (code) => reject(new Error(`facilitator exited (${code}) before listening: ${stdout}`)));
      });
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      try {
        const url = await listening;
        expect(stdout).toContain(`Settles from ${facilitatorAccount.address}`);
        // The stack's USDC only: another token is refused before the chain is read (nobody spends its gas on theirs).
        expect(stdout).toContain(`Settles payments in ${devnet.deployment.contracts.USDC} (the stack's USDC) only.`);
        expect(await (await fetch(`${url}/supported`)).json()).toMatchObject({
          kinds: [{ x402Version: 2, scheme: "exact", network: NETWORK }],
          signers: { "eip155:*": [facilitatorAccount.address] },
        });
        child.kill("SIGINT");
        expect(await exited).toBe(0);
      } finally {
        child.kill("SIGKILL");
      }
    });

    it("convergence facilitator refuses a bad --rpc-url and a chain that is down, naming them", async () => {
      const bad = await runCli(["facilitator", "--rpc-url", "ftp://chain"]);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/--rpc-url[\s\S]*ftp:\/\/chain/);
      const down = await runCli(["facilitator", "--port", "0", "--rpc-url", "http://127.0.0.1:1"]);
      expect(down.code).not.toBe(0);
      expect(down.stderr).toContain("http://127.0.0.1:1");
    });

    it("a priced worker without a usable facilitator does not start, naming WORKER_FACILITATOR_URL", async () => {
      for (const [env, message] of [
        [{ WORKER_X402_PRICE: "0.01" }, /WORKER_FACILITATOR_URL is not set/],
        [
          { WORKER_X402_PRICE: "0.01", WORKER_FACILITATOR_URL: "http://127.0.0.1:1" },
          /WORKER_FACILITATOR_URL=http:\/\/127\.0\.0\.1:1 cannot be used: it does not answer GET \/supported/,
        ],
      ] as const) {
        const error = await launchWorker({
          rpcUrl: devnet.url,
          deploymentsDir: dir,
          dbPath: join(dir, "refused.sqlite"),
          env: { ...env, WORKER_PORT: "0" },
        }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(WorkerStartError);
        expect((error as WorkerStartError).output).toMatch(message);
      }
    });
  });
});
