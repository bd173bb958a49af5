import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, describe, expect, it } from "vitest";
import { openJobStore } from "./openJobStore.ts";
import type { JobTerms, StoredProof } from "./types.ts";

const dir = mkdtempSync(join(tmpdir(), "worker-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const opened = (jobId: bigint, overrides: Partial<JobTerms> = {}): JobTerms => ({
  jobId,
  modelId: 1n,
  requester: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  inputCommitment: 123456789012345678901234567890n,
  amount: 2_000_000n,
  deadline: 1_900_000_000n,
  workerAgentId: 0n,
  exclusiveUntil: 0n,
  openedBlock: 7n,
  openedTx: `0x${"ab".repeat(32)}`,
  ...overrides,
});

describe("openJobStore", () => {
  it("records opened jobs with the cursor, once each, and reads them back exactly", () => {
    const store = openJobStore({ path: ":memory:", chainKey: "31337:0xg:0xe", now: () => 1_000 });
    expect(store.getCursor()).toBeUndefined();
    store.recordOpened({
      jobs: [opened(1n), opened(2n, { workerAgentId: 3n, exclusiveUntil: 1_800_000_000n })],
      nextBlock: 8n,
    });
    // The same event seen again after a restart (the cursor was not yet moved) changes nothing.
    store.recordOpened({ jobs: [opened(1n, { amount: 1n })], nextBlock: 9n });
    expect(store.getCursor()).toBe(9n);
    expect(store.get(1n)).toEqual({
      ...opened(1n),
      state: "open",
      input: undefined,
      salt: undefined,
      output: undefined,
      proof: undefined,
      txHashes: [],
      attempts: 0,
      error: undefined,
      timings: {},
      createdAt: 1_000,
      updatedAt: 1_000,
    });
    expect(store.get(2n)).toMatchObject({ workerAgentId: 3n, exclusiveUntil: 1_800_000_000n });
    expect(store.get(3n)).toBeUndefined();
    expect(store.insertOpened(opened(2n))).toBe(false);
    expect(store.insertOpened(opened(3n, { openedBlock: undefined, openedTx: undefined }))).toBe(true);
    expect(store.get(3n)?.openedBlock).toBeUndefined();
    store.close();
  });

  it("moves a job only from the states given, applying the patch", () => {
    const store = openJobStore({ path: ":memory:", chainKey: "k" });
    store.insertOpened(opened(5n));
    const input = [-32768n, 0n, 32767n];
    const received = store.transition({
      jobId: 5n,
      from: ["open"],
      to: "received",
      patch: { input, salt: 2n ** 247n, timings: { receivedAt: 10 } },
    });
    expect(received).toMatchObject({ state: "received", input, salt: 2n ** 247n, timings: { receivedAt: 10 } });
    // A second delivery races the first: only one wins.
    expect(store.transition({ jobId: 5n, from: ["open"], to: "received", patch: { input: [1n] } })).toBeUndefined();
    expect(store.get(5n)?.input).toEqual(input);
    expect(store.transition({ jobId: 99n, from: ["open"], to: "received" })).toBeUndefined();

    store.transition({ jobId: 5n, from: ["received"], to: "proving", patch: { countAttempt: true } });
    store.transition({ jobId: 5n, from: ["proving"], to: "proving", patch: { countAttempt: true } });
    // Field-sized numbers: the calldata must come back as the same bigints, not as strings or rounded numbers.
    const big = 21888242871839275222246405745257275088548364400416034343698204186575808495616n;
    const proof = {
      publicSignals: ["1", "2"],
      proof: { pi_a: ["1"], pi_b: [["2"]], pi_c: ["3"], protocol: "groth16", curve: "bn128" },
      calldata: {
        pA: [big, 1n],
        pB: [
          [2n, big - 1n],
          [4n, 5n],
        ],
        pC: [6n, 7n],
        pubSignals: [big, 0n, 9n],
      },
    } satisfies StoredProof;
    store.transition({
      jobId: 5n,
      from: ["proving"],
      to: "submitted",
      patch: { output: [5n, -7n], proof, txHash: "0x01", timings: { provedAt: 20, proveMs: 600 } },
    });
    const settled = store.transition({
      jobId: 5n,
      from: ["submitted"],
      to: "settled",
      patch: { txHash: "0x02", timings: { settledAt: 30 } },
    });
    expect(settled).toMatchObject({
      state: "settled",
      attempts: 2,
      output: [5n, -7n],
      proof,
      txHashes: ["0x01", "0x02"],
      timings: { receivedAt: 10, provedAt: 20, proveMs: 600, settledAt: 30 },
    });
    // Settled: the requester's input and salt are gone from the database, the proof stays.
    expect(settled).toMatchObject({ input: undefined, salt: undefined });
    store.close();
  });

  it("erases a job's input and salt once it fails or its chain is reset, and not before", () => {
    const store = openJobStore({ path: ":memory:", chainKey: "k" });
    for (const id of [1n, 2n]) {
      store.insertOpened(opened(id));
      store.transition({ jobId: id, from: ["open"], to: "received", patch: { input: [1n, 2n], salt: 99n } });
    }
    expect(store.transition({ jobId: 1n, from: ["received"], to: "proving" })).toMatchObject({ salt: 99n });
    const failed = store.transition({
      jobId: 1n,
      from: ["proving"],
      to: "failed",
      patch: { error: { code: "JOB_REFUNDED", message: "refunded" } },
    });
    expect(failed).toMatchObject({ state: "failed", input: undefined, salt: undefined });
    expect(store.get(2n)).toMatchObject({ input: [1n, 2n], salt: 99n });
    store.failUnfinished({ code: "CHAIN_RESET", message: "the chain was reset" });
    expect(store.get(2n)).toMatchObject({ state: "failed", input: undefined, salt: undefined });
    store.close();
  });

  it("erases, when opened, the inputs an older worker left in finished jobs", () => {
    const path = join(dir, "older.sqlite");
    const store = openJobStore({ path, chainKey: "k" });
    for (const id of [1n, 2n]) {
      store.insertOpened(opened(id));
      store.transition({ jobId: id, from: ["open"], to: "received", patch: { input: [3n], salt: 4n } });
    }
    store.close();
    // What an older worker wrote: a settled job that kept its input and salt.
    const raw = new DatabaseSync(path);
    raw.exec("UPDATE jobs SET state = 'settled' WHERE job_id = '1'");
    raw.close();
    const reopened = openJobStore({ path, chainKey: "k" });
    expect(reopened.get(1n)).toMatchObject({ state: "settled", input: undefined, salt: undefined });
    expect(reopened.get(2n)).toMatchObject({ state: "received", input: [3n], salt: 4n });
    reopened.close();
  });

  it("gives jobs stored before exclusive windows the window they had: reserved jobs until their deadline", () => {
    const path = join(dir, "before-windows.sqlite");
    const store = openJobStore({ path, chainKey: "k" });
    store.insertOpened(opened(1n));
    store.insertOpened(opened(2n, { workerAgentId: 4n, exclusiveUntil: 1_800_000_000n }));
    store.close();
    // What an older worker's file looks like: no exclusive_until column.
    const raw = new DatabaseSync(path);
    raw.exec("ALTER TABLE jobs DROP COLUMN exclusive_until");
    raw.close();
    const reopened = openJobStore({ path, chainKey: "k" });
    expect(reopened.get(1n)).toMatchObject({ workerAgentId: 0n, exclusiveUntil: 0n });
    expect(reopened.get(2n)).toMatchObject({ workerAgentId: 4n, exclusiveUntil: opened(2n).deadline });
    reopened.insertOpened(opened(3n, { workerAgentId: 4n, exclusiveUntil: 1_850_000_000n }));
    expect(reopened.get(3n)?.exclusiveUntil).toBe(1_850_000_000n);
    reopened.close();
  });

  it("counts and lists jobs by state, and fails the unfinished ones of a reset chain", () => {
    const store = openJobStore({ path: ":memory:", chainKey: "k" });
    for (const id of [1n, 2n, 3n, 10n]) store.insertOpened(opened(id));
    store.transition({ jobId: 2n, from: ["open"], to: "received" });
    store.transition({ jobId: 3n, from: ["open"], to: "settled" });
    expect(store.countByState()).toEqual({ open: 2, received: 1, proving: 0, submitted: 0, settled: 1, failed: 0 });
    expect(store.list({ states: ["open", "received"] }).map((job) => job.jobId)).toEqual([1n, 2n, 10n]);
    expect(store.list({ states: [] })).toEqual([]);
    expect(store.failUnfinished({ code: "CHAIN_RESET", message: "the chain was reset" })).toBe(3);
    expect(store.get(2n)).toMatchObject({ state: "failed", error: { code: "CHAIN_RESET" } });
    expect(store.get(3n)?.state).toBe("settled");
    store.close();
  });

  it("keeps each chain key's jobs and cursor apart in one file", () => {
    const path = join(dir, "keys.sqlite");
    const a = openJobStore({ path, chainKey: "31337:0xaaa:0xe" });
    a.recordOpened({ jobs: [opened(1n)], nextBlock: 50n });
    a.close();
    const b = openJobStore({ path, chainKey: "31337:0xbbb:0xe" });
    expect(b.get(1n)).toBeUndefined();
    expect(b.getCursor()).toBeUndefined();
    expect(b.otherChainKeys()).toEqual(["31337:0xaaa:0xe"]);
    b.close();
  });

  it("keeps every committed transition when the process holding it is SIGKILLed", async () => {
    const path = join(dir, "killed.sqlite");
    const script = join(dir, "writer.ts");
    writeFileSync(
      script,
      `import { openJobStore } from ${JSON.stringify(join(import.meta.dirname, "openJobStore.ts"))};
       const store = openJobStore({ path: ${JSON.stringify(path)}, chainKey: "k" });
       store.recordOpened({ jobs: [{ jobId: 1n, modelId: 1n, requester: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
         inputCommitment: 3n, amount: 1n, deadline: 9n, workerAgentId: 0n, exclusiveUntil: 0n, openedBlock: 1n,
         openedTx: undefined }], nextBlock: 2n });
       store.transition({ jobId: 1n, from: ["open"], to: "proving", patch: { input: [1n, 2n], salt: 3n } });
       process.stdout.write("written\\n");
       setInterval(() => {}, 1000);`,
    );
    const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("written") && resolve());
      child.once("exit", (code) => reject(new Error(`writer exited with ${code}`)));
    });
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    const store = openJobStore({ path, chainKey: "k" });
    expect(store.getCursor()).toBe(2n);
    expect(store.get(1n)).toMatchObject({ state: "proving", input: [1n, 2n], salt: 3n });
    store.close();
  });

  it("names the file when it cannot be opened", () => {
    const blocker = join(dir, "not-a-dir");
    writeFileSync(blocker, "");
    expect(() => openJobStore({ path: join(blocker, "jobs.sqlite"), chainKey: "k" })).toThrow(
      /job database at .*not-a-dir\/jobs\.sqlite could not be opened/,
    );
  });
});
