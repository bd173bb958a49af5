import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { Address, Hex } from "viem";
import { JobStoreError } from "../errors/store.ts";
import {
  JOB_STATES,
  type JobError,
  type JobRecord,
  type JobState,
  type JobTerms,
  type JobTimings,
  type StoredProof,
} from "./types.ts";

export type OpenJobStoreParameters = {
  /** A file path, or ":memory:" for a database that lives as long as the store. */
  path: string;
  /**
   * Which chain and escrow the jobs belong to, e.g. `31337:<genesis hash>:<escrow>`. Jobs and the cursor are kept
   * per key, so a chain that was reset (a new genesis) never mixes with the old one's job ids.
   */
  chainKey: string;
  /** Default Date.now; tests pass a clock. */
  now?: () => number;
};

/** What a transition may change besides the state. */
export type JobPatch = {
  input?: bigint[];
  salt?: bigint;
  output?: bigint[];
  proof?: StoredProof;
  /** Appended to txHashes. */
  txHash?: Hex;
  /** Adds one to attempts. */
  countAttempt?: boolean;
  /** Null clears it. */
  error?: JobError | null;
  /** Merged into the timings. */
  timings?: JobTimings;
};

export type JobStore = {
  /** Records jobs seen in JobOpened events (a job already known is left as it is) and moves the cursor, atomically. */
  recordOpened(parameters: { jobs: JobTerms[]; nextBlock: bigint }): void;
  /** Records one job read from the escrow (input delivered before the watcher saw the event). True if new. */
  insertOpened(job: JobTerms): boolean;
  get(jobId: bigint): JobRecord | undefined;
  /**
   * Moves a job to `to` if its state is one of `from`, applying `patch`, in one statement. Returns the updated record,
   * or undefined if the job was in another state (someone else moved it first). Entering `settled` or `failed` erases
   * the input and salt.
   */
  transition(parameters: {
    jobId: bigint;
    from: readonly JobState[];
    to: JobState;
    patch?: JobPatch;
  }): JobRecord | undefined;
  list(parameters: { states: readonly JobState[] }): JobRecord[];
  countByState(): Record<JobState, number>;
  /** The next block the watcher scans, or undefined before the first scan. */
  getCursor(): bigint | undefined;
  /** Marks every job that is neither settled nor failed as failed, e.g. when the chain it lived on was reset. */
  failUnfinished(error: JobError): number;
  /** Other chain keys in the file: chains this worker served before (a reset devnet leaves one behind). */
  otherChainKeys(): string[];
  close(): void;
};

export type OpenJobStoreReturnType = JobStore;

/** States a job does not leave: its input and salt are erased on entering one. */
const ENDED: readonly JobState[] = ["settled", "failed"];

type Row = {
  job_id: string;
  model_id: string;
  requester: string;
  input_commitment: string;
  amount: string;
  deadline: string;
  worker_agent_id: string;
  exclusive_until: string;
  opened_block: string | null;
  opened_tx: string | null;
  state: string;
  input: string | null;
  salt: string | null;
  output: string | null;
  proof: string | null;
  tx_hashes: string;
  attempts: number;
  error: string | null;
  timings: string;
  created_at: number;
  updated_at: number;
};

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS jobs (
    chain_key TEXT NOT NULL,
    job_id TEXT NOT NULL,
    model_id TEXT NOT NULL,
    requester TEXT NOT NULL,
    input_commitment TEXT NOT NULL,
    amount TEXT NOT NULL,
    deadline TEXT NOT NULL,
    worker_agent_id TEXT NOT NULL,
    exclusive_until TEXT NOT NULL DEFAULT '0',
    opened_block TEXT,
    opened_tx TEXT,
    state TEXT NOT NULL,
    input TEXT,
    salt TEXT,
    output TEXT,
    proof TEXT,
    tx_hashes TEXT NOT NULL DEFAULT '[]',
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    timings TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (chain_key, job_id)
  );
  CREATE INDEX IF NOT EXISTS jobs_state ON jobs (chain_key, state);
  CREATE TABLE IF NOT EXISTS cursors (
    chain_key TEXT PRIMARY KEY,
    next_block TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
`;

/**
 * The worker's durable state in one SQLite file (Node 22's built-in `node:sqlite`): every job it has seen, with its
 * state, input, proof and transaction hashes, and the block cursor of the chain watcher. Write-ahead logging keeps
 * each committed transition on disk when the process is killed, so a restart resumes exactly where it stopped.
 *
 * @example
 * const store = openJobStore({ path: "jobs.sqlite", chainKey: `31337:${genesisHash}:${escrow}` });
 * store.recordOpened({ jobs: [job], nextBlock: 12n });
 * store.transition({ jobId: 1n, from: ["open"], to: "received", patch: { input, salt } });
 */
export function openJobStore({ path, chainKey, now = Date.now }: OpenJobStoreParameters): OpenJobStoreReturnType {
  let db: DatabaseSync;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new DatabaseSync(path);
    db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
    db.exec(SCHEMA);
    // Databases written before jobs had an exclusive window: a reserved job was reserved until its deadline.
    const columns = db.prepare("PRAGMA table_info(jobs)").all() as { name: string }[];
    if (!columns.some((column) => column.name === "exclusive_until")) {
      db.exec(`ALTER TABLE jobs ADD COLUMN exclusive_until TEXT NOT NULL DEFAULT '0';
        UPDATE jobs SET exclusive_until = deadline WHERE worker_agent_id != '0';`);
    }
    // Databases written before inputs were erased at the end of a job still hold them: erase them now.
    db.exec("UPDATE jobs SET input = NULL, salt = NULL WHERE state IN ('settled', 'failed') AND salt IS NOT NULL");
  } catch (cause) {
    throw new JobStoreError({ path, action: "be opened", cause });
  }

  const insert = db.prepare(`
    INSERT OR IGNORE INTO jobs (chain_key, job_id, model_id, requester, input_commitment, amount, deadline,
      worker_agent_id, exclusive_until, opened_block, opened_tx, state, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`);
  const setCursor = db.prepare(`
    INSERT INTO cursors (chain_key, next_block, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (chain_key) DO UPDATE SET next_block = excluded.next_block, updated_at = excluded.updated_at`);
  const selectCursor = db.prepare("SELECT next_block FROM cursors WHERE chain_key = ?");
  const selectJob = db.prepare("SELECT * FROM jobs WHERE chain_key = ? AND job_id = ?");
  const countStates = db.prepare("SELECT state, COUNT(*) AS n FROM jobs WHERE chain_key = ? GROUP BY state");
  const selectKeys = db.prepare("SELECT DISTINCT chain_key FROM jobs WHERE chain_key != ?");

  const insertJob = (job: JobTerms, at: number) =>
    insert.run(
      chainKey,
      job.jobId.toString(),
      job.modelId.toString(),
      job.requester,
      job.inputCommitment.toString(),
      job.amount.toString(),
      job.deadline.toString(),
      job.workerAgentId.toString(),
      job.exclusiveUntil.toString(),
      job.openedBlock?.toString() ?? null,
      job.openedTx ?? null,
      at,
      at,
    ).changes === 1;

  const inTransaction = <T>(run: () => T): T => {
    db.exec("BEGIN IMMEDIATE");
    try {
      const result = run();
      db.exec("COMMIT");
      return result;
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  };

  const get = (jobId: bigint): JobRecord | undefined => {
    const row = selectJob.get(chainKey, jobId.toString()) as Row | undefined;
    return row ? fromRow(row) : undefined;
  };

  return {
    recordOpened({ jobs, nextBlock }) {
      const at = now();
      inTransaction(() => {
        for (const job of jobs) insertJob(job, at);
        setCursor.run(chainKey, nextBlock.toString(), at);
      });
    },
    insertOpened(job) {
      return insertJob(job, now());
    },
    get,
    transition({ jobId, from, to, patch = {} }) {
      return inTransaction(() => {
        const current = get(jobId);
        if (!current || !from.includes(current.state)) return undefined;
        const sets: string[] = ["state = ?", "updated_at = ?"];
        const values: (string | number | null)[] = [to, now()];
        const set = (column: string, value: string | number | null) => {
          sets.push(`${column} = ?`);
          values.push(value);
        };
        if (patch.input) set("input", JSON.stringify(patch.input.map(String)));
        if (patch.salt !== undefined) set("salt", patch.salt.toString());
        if (patch.output) set("output", JSON.stringify(patch.output.map(String)));
        if (patch.proof)
          set(
            "proof",
            JSON.stringify(patch.proof, (_key, v) => (typeof v === "bigint" ? v.toString() : v)),
          );
        if (patch.txHash) set("tx_hashes", JSON.stringify([...current.txHashes, patch.txHash]));
        if (patch.countAttempt) set("attempts", current.attempts + 1);
        if (patch.error !== undefined) set("error", patch.error === null ? null : JSON.stringify(patch.error));
        if (patch.timings) set("timings", JSON.stringify({ ...current.timings, ...patch.timings }));
        // The requester's private input is needed only to prove: once the job ends it goes, so a worker's disk (or
        // whoever reads it later) holds no input and salt of a finished job.
        if (ENDED.includes(to)) {
          set("input", null);
          set("salt", null);
        }
        db.prepare(`UPDATE jobs SET ${sets.join(", ")} WHERE chain_key = ? AND job_id = ?`).run(
          ...values,
          chainKey,
          jobId.toString(),
        );
        return get(jobId);
      });
    },
    list({ states }) {
      if (states.length === 0) return [];
      const rows = db
        .prepare(
          `SELECT * FROM jobs WHERE chain_key = ? AND state IN (${states.map(() => "?").join(", ")})
           ORDER BY CAST(job_id AS INTEGER), job_id`,
        )
        .all(chainKey, ...states) as Row[];
      return rows.map(fromRow);
    },
    countByState() {
      const counts = Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as Record<JobState, number>;
      for (const { state, n } of countStates.all(chainKey) as { state: JobState; n: number }[]) counts[state] = n;
      return counts;
    },
    getCursor() {
      const row = selectCursor.get(chainKey) as { next_block: string } | undefined;
      return row ? BigInt(row.next_block) : undefined;
    },
    failUnfinished(error) {
      const at = now();
      return inTransaction(() => {
        const unfinished = (
          db
            .prepare("SELECT job_id FROM jobs WHERE chain_key = ? AND state NOT IN ('settled', 'failed')")
            .all(chainKey) as { job_id: string }[]
        ).map((row) => BigInt(row.job_id));
        for (const jobId of unfinished) {
          const current = get(jobId)!;
          db.prepare(
            "UPDATE jobs SET state = 'failed', input = NULL, salt = NULL, error = ?, timings = ?, updated_at = ? WHERE chain_key = ? AND job_id = ?",
          ).run(
            JSON.stringify(error),
            JSON.stringify({ ...current.timings, failedAt: at }),
            at,
            chainKey,
            String(jobId),
          );
        }
        return unfinished.length;
      });
    },
    otherChainKeys() {
      return (selectKeys.all(chainKey) as { chain_key: string }[]).map((row) => row.chain_key);
    },
    close() {
      if (db.isOpen) db.close();
    },
  };
}

function fromRow(row: Row): JobRecord {
  const bigints = (json: string | null) =>
    json === null ? undefined : (JSON.parse(json) as string[]).map((value) => BigInt(value));
  return {
    jobId: BigInt(row.job_id),
    modelId: BigInt(row.model_id),
    requester: row.requester as Address,
    inputCommitment: BigInt(row.input_commitment),
    amount: BigInt(row.amount),
    deadline: BigInt(row.deadline),
    workerAgentId: BigInt(row.worker_agent_id),
    exclusiveUntil: BigInt(row.exclusive_until),
    openedBlock: row.opened_block === null ? undefined : BigInt(row.opened_block),
    openedTx: (row.opened_tx ?? undefined) as Hex | undefined,
    state: row.state as JobState,
    input: bigints(row.input),
    salt: row.salt === null ? undefined : BigInt(row.salt),
    output: bigints(row.output),
    proof: row.proof === null ? undefined : readProof(row.proof),
    txHashes: JSON.parse(row.tx_hashes) as Hex[],
    attempts: row.attempts,
    error: row.error === null ? undefined : (JSON.parse(row.error) as JobError),
    timings: JSON.parse(row.timings) as JobTimings,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A stored proof back with its calldata's bigints, which the column holds as decimal strings. */
function readProof(json: string): StoredProof {
  const stored = JSON.parse(json) as StoredProof;
  const { pA, pB, pC, pubSignals } = stored.calldata;
  const pair = ([x, y]: readonly [bigint, bigint]) => [BigInt(x), BigInt(y)] as const;
  return {
    ...stored,
    calldata: { pA: pair(pA), pB: [pair(pB[0]), pair(pB[1])], pC: pair(pC), pubSignals: pubSignals.map(BigInt) },
  };
}
