import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { loadModel } from "@convergence/models";
import {
  compileCircuit,
  loadSetup,
  MalformedProofError,
  modelShape,
  ProofModelMismatchError,
  verify,
} from "@convergence/zk";
import type { Command } from "commander";
import { CliError } from "../errors.ts";
import { printResult } from "../output.ts";

/** A proof file that cannot be read as JSON or does not name its model. */
class ProofFileError extends CliError {
  override name = "ProofFileError";
  constructor({ path, problem }: { path: string; problem: string }) {
    super(`Cannot verify ${path}: ${problem}.`, {
      metaMessages: [
        "Pass the file `convergence prove --model <name> --input '[...]' --out <file>` wrote, or add --model <name>.",
      ],
    });
  }
}

/**
 * `convergence verify <file>`: checks a proof that `convergence prove --json` printed against the
 * model's verification key and registered commitment; prints {verified} and exits non-zero when false.
 */
export function registerVerifyCommand(program: Command): void {
  program
    .command("verify")
    .description("Verify a proof file written by `convergence prove` (exits 1 when it does not verify).")
    .argument("<file>", "the JSON that `convergence prove --json` printed (or wrote with --out)")
    .option("--model <name>", "the model the proof must be for (default: the file's `model`)")
    .option("--json", "print {verified, ...} as JSON")
    .action(async (file: string, options: { model?: string; json?: boolean }) => {
      const path = resolve(file);
      let content: Record<string, unknown>;
      try {
        content = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
      } catch (error) {
        throw new ProofFileError({ path, problem: error instanceof Error ? error.message : String(error) });
      }
      if (typeof content !== "object" || content === null)
        throw new ProofFileError({ path, problem: "it is not a JSON object" });
      const name = options.model ?? (typeof content.model === "string" ? content.model : undefined);
      if (name === undefined) throw new ProofFileError({ path, problem: "it does not say which model it is for" });
      const { manifest, quantized } = await loadModel({ name });
      const circuit = await compileCircuit({ shape: modelShape({ model: quantized }) });
      const { verificationKey } = await loadSetup({ circuit });
      let verified = false;
      let reason: string | undefined;
      try {
        verified = await verify({
          proof: content.proof,
          publicSignals: content.publicSignals,
          verificationKey,
          expected: { modelCommitment: BigInt(manifest.commitments.model) },
        });
        if (!verified) reason = "the Groth16 check failed: the proof does not match its public signals";
      } catch (error) {
        if (!(error instanceof MalformedProofError || error instanceof ProofModelMismatchError)) throw error;
        reason = error.shortMessage;
      }
      const signals = Array.isArray(content.publicSignals) ? (content.publicSignals as string[]) : [];
      printResult({
        json: options.json,
        data: { verified, model: manifest.name, ...(reason === undefined ? {} : { reason }), publicSignals: signals },
        human: (d) =>
          d.verified
            ? `✔ verified: a valid proof for ${d.model} (output signals ${d.publicSignals.slice(3).join(", ")})`
            : `✖ not verified: ${d.reason}`,
      });
      if (!verified) process.exitCode = 1;
    });
}
