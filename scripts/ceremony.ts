/**
 * The project's own DEVELOPMENT powers-of-tau ceremony (phase 1 of the Groth16 trusted setup).
 *
 * new (bn128, power 14) -> two contributions with fresh random entropy -> a beacon -> prepare phase 2,
 * written to circuits/ptau/convergence-dev-pot14.ptau together with a transcript
 * (convergence-dev-pot14.transcript.json). After a rerun, pin the new sha256 in
 * packages/zk/src/setup/constants.ts (the script prints it).
 *
 * Run: pnpm exec tsx scripts/ceremony.ts [--power 14] [--out <file.ptau>]
 *
 * Every contributor here is this one machine, so the toxic waste is only as gone as this process's
 * memory: fine for development and tests, not for value at stake. Pass a public ceremony's prepared
 * ptau to `convergence zk setup --ptau <file>` for that.
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

// snarkjs is a dependency of @convergence/zk, not of the workspace root: resolve it from there.
const requireFromZk = createRequire(join(root, "packages/zk/package.json"));
type Logger = {
  debug: (m: string) => void;
  info: (m: string) => void;
  warn: (m: string) => void;
  error: (m: string) => void;
};
type Snarkjs = {
  powersOfTau: {
    newAccumulator(curve: unknown, power: number, file: string, logger?: Logger): Promise<unknown>;
    contribute(oldFile: string, newFile: string, name: string, entropy: string, logger?: Logger): Promise<unknown>;
    beacon(
      oldFile: string,
      newFile: string,
      name: string,
      beaconHash: string,
      iterationsExp: number,
      logger?: Logger,
    ): Promise<unknown>;
    preparePhase2(oldFile: string, newFile: string, logger?: Logger): Promise<unknown>;
  };
  curves: { getCurveFromName(name: string): Promise<{ terminate(): Promise<void> }> };
};
const snarkjs = (await import(pathToFileURL(requireFromZk.resolve("snarkjs")).href)) as Snarkjs;

const { values } = parseArgs({
  options: {
    power: { type: "string", default: "14" },
    out: { type: "string", default: join(root, "circuits/ptau/convergence-dev-pot14.ptau") },
    "beacon-iterations": { type: "string", default: "10" },
  },
});
const power = Number(values.power);
const out = resolve(values.out);
const beaconIterationsExp = Number(values["beacon-iterations"]);
if (!Number.isInteger(power) || power < 8 || power > 20) throw new Error(`--power must be an integer in [8, 20]`);

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(7)}s`;
const say = (message: string) => process.stdout.write(`[${elapsed()}] ${message}\n`);
// snarkjs reports progress through info/debug; show info (section progress), drop the per-chunk debug.
const logger: Logger = {
  debug: () => {},
  info: (m) => say(`  ${m}`),
  warn: (m) => say(`  warning: ${m}`),
  error: (m) => say(`  error: ${m}`),
};

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

const work = await mkdtemp(join(tmpdir(), "convergence-ceremony-"));
const step = (name: string) => join(work, `${String(name)}.ptau`);
const beaconHash = randomBytes(32).toString("hex");
const transcript: Record<string, unknown>[] = [];

try {
  const curve = await snarkjs.curves.getCurveFromName("bn128");
  say(`powers of tau: bn128, power ${power} (${2 ** power} constraints), working in ${work}`);

  say("step 1/5: new accumulator");
  await snarkjs.powersOfTau.newAccumulator(curve, power, step("0000"), logger);
  transcript.push({ step: "new", curve: "bn128", power });

  for (const [i, name] of ["Convergence dev contributor 1", "Convergence dev contributor 2"].entries()) {
    say(`step ${i + 2}/5: contribution "${name}" (64 random bytes of entropy, discarded after use)`);
    await snarkjs.powersOfTau.contribute(
      step(String(i).padStart(4, "0")),
      step(String(i + 1).padStart(4, "0")),
      name,
      randomBytes(64).toString("hex"),
      logger,
    );
    transcript.push({ step: "contribute", name });
  }

  say(`step 4/5: beacon ${beaconHash}, 2^${beaconIterationsExp} iterations`);
  await snarkjs.powersOfTau.beacon(
    step("0002"),
    step("0003"),
    "Convergence dev beacon",
    beaconHash,
    beaconIterationsExp,
    logger,
  );
  transcript.push({ step: "beacon", beaconHash, iterationsExp: beaconIterationsExp });

  say("step 5/5: prepare phase 2 (the slow part: Lagrange bases by FFT over every power)");
  await mkdir(dirname(out), { recursive: true });
  await snarkjs.powersOfTau.preparePhase2(step("0003"), out, logger);
  transcript.push({ step: "preparePhase2" });
  await curve.terminate();

  const { size } = await stat(out);
  const sha256 = await sha256File(out);
  const transcriptFile = out.replace(/\.ptau$/, ".transcript.json");
  await writeFile(
    transcriptFile,
    `${JSON.stringify(
      {
        generatedBy: "scripts/ceremony.ts, do not edit",
        warning: "DEVELOPMENT ceremony: every contribution ran on one machine. Do not secure value with it.",
        file: relative(root, out),
        sha256,
        bytes: size,
        createdAt: new Date().toISOString(),
        seconds: Math.round((Date.now() - started) / 1000),
        steps: transcript,
      },
      null,
      2,
    )}\n`,
  );
  say(`done: ${relative(root, out)} ${(size / 2 ** 20).toFixed(1)} MiB`);
  say(`sha256 ${sha256}`);
  say(
    `pin it in packages/zk/src/setup/constants.ts (DEV_PTAU_SHA256); transcript in ${relative(root, transcriptFile)}`,
  );
} finally {
  await rm(work, { recursive: true, force: true });
}
