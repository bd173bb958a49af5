import { checkPtau, inspectZkCache, zkToolVersions } from "@convergence/zk";
import type { DoctorCheck } from "./types.ts";

/** The committed development ptau against its pin, and every circuit set up in the zk cache. */
export async function zkChecks(): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  try {
    const ptau = await checkPtau({});
    checks.push({
      name: "ptau",
      status: "ok",
      detail: `2^${ptau.power} ${ptau.development ? "development ceremony" : "ptau"}, sha256 ${ptau.sha256.slice(0, 16)}… matches its pin`,
    });
  } catch (error) {
    checks.push({
      name: "ptau",
      status: "fail",
      detail: (error as Error).message.split("\n")[0] ?? "unreadable",
      fix: "Restore circuits/ptau/ from git (`git checkout circuits/ptau`): setup cannot run without it.",
    });
  }
  const { dir, entries } = await inspectZkCache();
  if (entries.length === 0) {
    checks.push({
      name: "zk setup",
      status: "warn",
      detail: `no circuit set up yet in ${dir}`,
      fix: "Run `pnpm convergence zk setup --model risk-v1` (about a minute, once per model shape).",
    });
  }
  for (const entry of entries) {
    const name = `zk ${entry.key}`.slice(0, 40);
    if (entry.uncontributed) {
      checks.push({
        name,
        status: "fail",
        detail: "the proving key has no phase-2 contribution: anyone could forge proofs for it",
        fix: `Delete ${entry.dir} and run \`pnpm convergence zk setup\` again.`,
      });
    } else if (entry.problem || !entry.setUp) {
      checks.push({
        name,
        status: "warn",
        detail: entry.problem ?? `compiled${entry.compiled ? "" : " (incomplete)"} but not set up`,
        fix: "Run `pnpm convergence zk setup --model <name>` for this model.",
      });
    } else {
      checks.push({
        name,
        status: "ok",
        detail: `${entry.constraints ?? "?"} constraints, ${entry.contributions ?? "?"} phase-2 contribution(s), verifiers: ${entry.verifiers.join(", ") || "none exported"}`,
      });
    }
  }
  const versions = zkToolVersions();
  checks.push({
    name: "zk tools",
    status: "ok",
    detail: Object.entries(versions)
      .map(([tool, version]) => `${tool} ${version}`)
      .join(", "),
  });
  return checks;
}
