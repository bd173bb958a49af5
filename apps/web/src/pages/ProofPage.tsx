import { getJob, getModel } from "@convergence/sdk";
import { fromField, publicSignalNames, type VerificationKey } from "@convergence/zk";
import { useEffect, useState } from "react";
import { readModelLayout } from "../chain/readModelLayout.ts";
import { readOnChainProof } from "../chain/readOnChainProof.ts";
import { type BrowserVerdict, verifyInBrowser } from "../chain/verifyInBrowser.ts";
import { Notice } from "../components/Notice.tsx";
import { useDashboard } from "../config/useDashboard.ts";
import { useLoad } from "../hooks/useLoad.ts";
import { Link } from "../routing/Link.tsx";

/** Reads `/keys/<modelId>.json` from the page's server: a convenience, never trusted (its hash is checked). */
async function fetchKey(modelId: bigint): Promise<{ text: string; note?: string }> {
  const response = await fetch(`/keys/${modelId}.json`, { cache: "no-store" });
  const text = await response.text();
  if (response.ok) return { text };
  let note = `the server has no key for model ${modelId}`;
  try {
    const body = JSON.parse(text) as { error?: string; fix?: string };
    note = [body.error, body.fix].filter(Boolean).join(". ");
  } catch {}
  return { text: "", note };
}

/**
 * `/jobs/:id/proof`: the proof that settled the job, read from the fulfil transaction's calldata, its public signals
 * named, and **Verify in this browser** (snarkjs, against the key whose hash the chain holds for the model).
 */
export default function ProofPage({ jobId }: { jobId: bigint }) {
  const { client, config } = useDashboard();
  const { data, error } = useLoad(async () => {
    const escrow = config.contracts.InferenceEscrow;
    const registry = config.contracts.ModelRegistry;
    if (!escrow || !registry) throw new Error("nothing deployed: no InferenceEscrow or ModelRegistry configured");
    const job = await getJob({ client, escrow, jobId });
    if (job.status === "none") throw new Error(`no job ${jobId} on this escrow`);
    const [onChain, model, layout, key] = await Promise.all([
      readOnChainProof({ client, config, jobId }),
      getModel({ client, registry, modelId: job.modelId }),
      readModelLayout({ config, modelId: job.modelId }),
      fetchKey(job.modelId),
    ]);
    return { job, onChain, model, layout, key };
  }, [client, config, jobId]);

  const [proofText, setProofText] = useState("");
  const [keyText, setKeyText] = useState("");
  const [verdict, setVerdict] = useState<BrowserVerdict | { verdict: "checking" } | undefined>();
  useEffect(() => {
    if (!data) return;
    setProofText(JSON.stringify({ proof: data.onChain.proof, publicSignals: data.onChain.publicSignals }, null, 2));
    setKeyText(data.key.text);
  }, [data]);

  if (error && !data) {
    return (
      <Notice tone="warning" title={`No proof for job ${jobId}`}>
        {error.message}
      </Notice>
    );
  }
  if (!data) return <p className="loading">Reading job {jobId.toString()}'s proof from the chain…</p>;
  const { job, onChain, model, layout } = data;
  const outputCount = onChain.publicSignals.length - 3;
  const names = publicSignalNames({
    outputs: Array.from({ length: Math.max(outputCount, 0) }, (_, i) => layout?.outputs[i] ?? `output ${i}`),
  });

  const onVerify = async () => {
    setVerdict({ verdict: "checking" });
    let verificationKey: VerificationKey;
    try {
      verificationKey = JSON.parse(keyText) as VerificationKey;
    } catch {
      setVerdict({ verdict: "refused", reason: "no verification key: paste the model's verification_key.json" });
      return;
    }
    try {
      setVerdict(await verifyInBrowser({ client, config, job, proofJson: proofText, verificationKey }));
    } catch (cause) {
      setVerdict({ verdict: "invalid", reason: cause instanceof Error ? cause.message : String(cause) });
    }
  };

  return (
    <section>
      <h1>
        Proof of <Link to={`/jobs/${jobId}`}>job #{jobId.toString()}</Link>
      </h1>
      <p className="muted">
        Read from the chain: the calldata of fulfil transaction <span className="mono">{onChain.transactionHash}</span>{" "}
        (agent {onChain.workerAgentId.toString()}). Model {job.modelId.toString()}'s registration pins key hash{" "}
        <span className="mono">{model.vkeyHash}</span>.
      </p>
      <h2>Public signals</h2>
      <table data-testid="public-signals">
        <thead>
          <tr>
            <th>#</th>
            <th>Name</th>
            <th>Value</th>
          </tr>
        </thead>
        <tbody>
          {onChain.publicSignals.map((signal, i) => (
            <tr key={names[i] ?? i}>
              <td>{i}</td>
              <td>{names[i]}</td>
              <td className="mono">{i >= 3 ? fromField(BigInt(signal)).toString() : signal}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Verify in this browser</h2>
      <p className="muted">
        snarkjs checks the proof here, against the key below only if its hash equals the chain's. Edit the proof (or the
        key) to see a forgery fail.
      </p>
      <div className="grid">
        <label>
          Proof and public signals
          <textarea
            data-testid="proof-input"
            rows={14}
            value={proofText}
            onChange={(event) => setProofText(event.target.value)}
          />
        </label>
        <label>
          Verification key{" "}
          {data.key.note ? <span className="muted">({data.key.note})</span> : "(from this page's server)"}
          <textarea
            data-testid="key-input"
            rows={14}
            value={keyText}
            onChange={(event) => setKeyText(event.target.value)}
          />
        </label>
      </div>
      <p>
        <button type="button" onClick={() => void onVerify()} disabled={verdict?.verdict === "checking"}>
          Verify in this browser
        </button>
      </p>
      {verdict ? (
        <div data-testid="verdict" data-verdict={verdict.verdict}>
          <span className={`verdict verdict-${verdict.verdict}`}>
            {verdict.verdict === "checking"
              ? "Verifying…"
              : verdict.verdict === "valid"
                ? "✔ Valid: the proof verifies against the key the chain pins"
                : verdict.verdict === "invalid"
                  ? "✖ Invalid"
                  : "✖ Refused"}
          </span>
          {"reason" in verdict ? <p>{verdict.reason}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
