import { inferenceAttestorAbi } from "@convergence/contracts";
import { getAttestation, getModel, type Job } from "@convergence/sdk";
import {
  hashVerificationKey,
  MalformedProofError,
  ProofModelMismatchError,
  type VerificationKey,
  verify,
} from "@convergence/zk";
import type { PublicClient } from "viem";
import type { DashboardConfig } from "../config/dashboardConfig.ts";

/** The page's verdict: valid or invalid (with the reason), or refused before verifying (a key the chain does not pin). */
export type BrowserVerdict =
  | { verdict: "valid" }
  | { verdict: "invalid"; reason: string }
  | { verdict: "refused"; reason: string };

/**
 * Verifies a job's Groth16 proof here, in the browser, with snarkjs: the key is hashed with the project's
 * `hashVerificationKey` and refused unless the hash equals the `vkeyHash` the ModelRegistry holds for the job's model
 * (so neither the page's server nor the worker is trusted for it); the proof must carry the chain's model commitment,
 * the job's input commitment and, once the job is attested, the binding the attestor computes for the job and the worker
 * it recorded (a valid proof made for another job or worker is not this job's), then `groth16.verify` decides.
 *
 * @example
 * const { verdict } = await verifyInBrowser({ client, config, job, proofJson, verificationKey });
 */
export async function verifyInBrowser({
  client,
  config,
  job,
  proofJson,
  verificationKey,
}: {
  client: PublicClient;
  config: DashboardConfig;
  job: Job;
  /** `{ proof, publicSignals }` as JSON text (the page's editable field). */
  proofJson: string;
  verificationKey: VerificationKey;
}): Promise<BrowserVerdict> {
  const registry = config.contracts.ModelRegistry;
  if (!registry) return { verdict: "refused", reason: "nothing deployed: no ModelRegistry to hold the key against" };
  const model = await getModel({ client, registry, modelId: job.modelId });
  let keyHash: string;
  try {
    keyHash = hashVerificationKey(verificationKey);
  } catch (error) {
    return { verdict: "refused", reason: `the key cannot be hashed (${String(error)})` };
  }
  if (keyHash.toLowerCase() !== model.vkeyHash.toLowerCase()) {
    return {
      verdict: "refused",
      reason: `the verification key hashes to ${keyHash}, but the chain registers ${model.vkeyHash} for model ${job.modelId}: it is not the model's key`,
    };
  }
  let parsed: { proof?: unknown; publicSignals?: unknown };
  try {
    parsed = JSON.parse(proofJson) as typeof parsed;
  } catch (error) {
    return {
      verdict: "invalid",
      reason: `the proof is not JSON (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  const attestor = config.contracts.InferenceAttestor;
  if (attestor && Array.isArray(parsed.publicSignals)) {
    const attestation = await getAttestation({ client, attestor, jobId: job.jobId }).catch(() => undefined);
    if (attestation) {
      const binding = await client.readContract({
        address: attestor,
        abi: inferenceAttestorAbi,
        functionName: "computeBinding",
        args: [job.jobId, attestation.worker],
      });
      const signal = String(parsed.publicSignals[2]);
      if (signal !== binding.toString()) {
        return {
          verdict: "invalid",
          reason: `public signal 2 (binding) is ${signal}, but job ${job.jobId}'s binding for its worker ${attestation.worker} is ${binding}: this proof was made for another job or another worker`,
        };
      }
    }
  }
  try {
    const ok = await verify({
      proof: parsed.proof,
      publicSignals: parsed.publicSignals,
      verificationKey,
      expected: { modelCommitment: model.commitment, inputCommitment: job.inputCommitment },
    });
    return ok
      ? { verdict: "valid" }
      : { verdict: "invalid", reason: "the pairing check fails: this proof does not verify" };
  } catch (error) {
    if (error instanceof MalformedProofError || error instanceof ProofModelMismatchError) {
      return { verdict: "invalid", reason: error.shortMessage };
    }
    throw error;
  }
}
