import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DEVNET_CHAIN_ID } from "@convergence/contracts";
import {
  checkPtau,
  contributeSetup,
  loadSetup,
  readSetupRecord,
  readZkeyContributions,
  type SetupRecord,
  setupCircuitPackage,
  setupModel,
  verifySetup,
} from "@convergence/zk";
import type { Command } from "commander";
import type { LocalAccount } from "viem";
import { contributorAccount } from "../chain/contributorAccount.ts";
import { publisherAccount } from "../chain/publisherAccount.ts";
import { InvalidArgumentError, SettingError, SetupInvalidError } from "../errors.ts";
import { printResult } from "../output.ts";
import { runStep } from "../progress.ts";
import { zkTarget } from "./zkTarget.ts";

type TargetOptions = { model?: string; circuit?: string; json?: boolean };
type SetupOptions = TargetOptions & { ptau?: string; ptauSha256?: string; force?: boolean };
type ContributeOptions = TargetOptions & { out?: string };
type VerifySetupOptions = TargetOptions & { zkey?: string };

const DEV_PTAU_LABEL = "development ceremony (not for value at stake)";

/** The devnet publisher's key is public: its signature attests a devnet setup only, so say so next to it. */
function describeSigner({ account, setting }: { account: LocalAccount; setting: string }): string {
  return process.env[setting]?.trim()
    ? `${account.address} (${setting})`
    : `${account.address} (devnet publisher #3, a public key: set ${setting} for a contribution that attests anything)`;
}

/** The publisher signs every setup this CLI makes: a phase 2 is chain-independent, so the devnet rule applies. */
function setupPublisher(): LocalAccount {
  return publisherAccount({ chainId: DEVNET_CHAIN_ID });
}

/**
 * `convergence zk setup | contribute | verify-setup`: the Groth16 setup of a model's or a circuit package's circuit,
 * made and signed by the publisher (never a worker), more signed contributions, and a check of a proving key against
 * the circuit and the ptau that lists who contributed.
 */
export function registerZkCommand(program: Command): void {
  const zk = program.command("zk").description("Zero-knowledge proofs: circuits, trusted setup, verifiers.");

  zk.command("setup")
    .description(
      "Compile the circuit of a model (--model) or a circuit package (--circuit), run its Groth16 setup (phase 2: a contribution signed by the publisher, PUBLISHER_PRIVATE_KEY or devnet account #3, and a beacon) and, for a model, export its Solidity verifier. Cached per circuit in $CONVERGENCE_HOME/zk/.",
    )
    .option("--model <name>", "a bundled or imported model, e.g. risk-v1")
    .option("--circuit <dir>", "a circuit package directory, e.g. circuits/examples/linear-threshold")
    .option(
      "--ptau <file>",
      "a prepared phase-1 file from a public ceremony, e.g. the Hermez/Polygon (powersOfTau28_hez_final_NN.ptau) or Perpetual Powers of Tau files (default: the committed development ceremony, not for value at stake)",
    )
    .option("--ptau-sha256 <hex>", "the sha256 the --ptau file must have")
    .option("--force", "redo phase 2 even when the cache holds a key from the same ptau")
    .option("--json", "print the result as JSON")
    .action(async (options: SetupOptions) => {
      const contributor = setupPublisher();
      const target = await zkTarget(options);
      const ptau = options.ptau === undefined ? undefined : resolve(options.ptau);
      const result = await runStep({
        title: `Setting up ${target.name} (${target.circuit.key}) as the publisher ${contributor.address}`,
        quiet: options.json,
        run: async (step) => {
          const onProgress = ({ message }: { message: string }) => step.update(message);
          const common = { ptau, ptauSha256: options.ptauSha256, force: options.force, contributor, onProgress };
          if (target.kind === "circuit") {
            const { setup } = await setupCircuitPackage({ pkg: target.pkg, ...common });
            return { setup, verifier: undefined };
          }
          // A model that ships published keys gets them installed (hashes checked), not a new phase 2, unless --ptau
          // or --force asks for a phase 2 of one's own (setupModel refuses that over an installed published key).
          const published = ptau === undefined && !options.force ? target.publishedKeys : undefined;
          const { setup, verifier } = await setupModel({
            model: target.model,
            name: target.name,
            ...common,
            ...(published ? { published } : {}),
          });
          return { setup, verifier };
        },
      });
      const { setup, verifier } = result;
      const data = {
        [target.kind]: target.name,
        circuit: target.circuit.key,
        constraints: target.circuit.constraints,
        cached: setup.cached,
        published: setup.record.published ?? false,
        setupSeconds: setup.record.seconds,
        ptau: setup.record.ptau,
        contributions: setup.record.contributions,
        attestations: setup.record.attestations,
        zkey: setup.zkey,
        verificationKey: setup.verificationKeyPath,
        ...(verifier ? { verifier: { contractName: verifier.contractName, paths: verifier.paths } } : {}),
      };
      printResult({
        json: options.json,
        data,
        human: (d) =>
          [
            `${target.name}: circuit ${d.circuit}, ${d.constraints} constraints`,
            `  setup         ${d.cached ? "cached" : "done"} (${d.setupSeconds}s, ${d.contributions} phase-2 contributions${d.published ? ", the model's published key" : ""})`,
            `  signed by     ${d.attestations.length ? d.attestations.map((a) => `#${a.index} ${a.contributor}`).join(", ") : "nobody (unattributed)"}`,
            `  phase 1       ${d.ptau.development ? DEV_PTAU_LABEL : d.ptau.path}, sha256 ${d.ptau.sha256}`,
            `  proving key   ${d.zkey}`,
            ...(d.verifier ? [`  verifier      ${d.verifier.contractName}: ${d.verifier.paths.join(", ")}`] : []),
            "",
            `Check it: pnpm convergence zk verify-setup ${target.flag}`,
            target.kind === "model"
              ? `Next: pnpm convergence prove --model ${target.name} --input '[...]' --out proof.json`
              : `Next: pnpm convergence circuit add ${options.circuit}`,
          ].join("\n"),
      });
    });

  zk.command("contribute")
    .description(
      "Add one more signed phase-2 contribution to the cached proving key of a model (--model) or a circuit package (--circuit), signed by CONTRIBUTOR_PRIVATE_KEY (default: the devnet publisher, account #3). The verification key changes: register the model after contributing.",
    )
    .option("--model <name>", "a bundled or imported model, e.g. risk-v1")
    .option("--circuit <dir>", "a circuit package directory, e.g. circuits/examples/linear-threshold")
    .option("--out <file>", "write the new proving key there instead of replacing the cached one")
    .option("--json", "print the result as JSON")
    .action(async (options: ContributeOptions) => {
      const account = contributorAccount();
      const target = await zkTarget(options);
      const setup = await loadSetup({ circuit: target.circuit });
      const out = options.out === undefined ? undefined : resolve(options.out);
      if (setup.record.published && out === undefined) {
        throw new SettingError({
          setting: "--out",
          problem: `${target.name}'s proving key ${setup.zkey} is the model's published release key (its hash is pinned in the manifest); contributing in place would break that pin.`,
          fix: `Write the contributed key elsewhere: pnpm convergence zk contribute ${target.flag} --out <file.zkey>.`,
        });
      }
      const contributed = await runStep({
        title: `Contributing to ${target.name}'s proving key as ${account.address}`,
        quiet: options.json,
        run: (step) => {
          step.update(`phase-2 contribution with fresh random entropy over ${target.circuit.constraints} constraints`);
          return contributeSetup({
            zkey: setup.zkey,
            ...(out ? { out } : {}),
            account,
            circuitKey: target.circuit.key,
          });
        },
      });
      const contributions = await readZkeyContributions({ path: contributed.zkey });
      const data = {
        [target.kind]: target.name,
        circuit: target.circuit.key,
        zkey: contributed.zkey,
        contribution: {
          index: contributed.attestation.index,
          name: contributions.find((c) => c.index === contributed.attestation.index)?.name ?? "",
          hash: contributed.attestation.hash,
          contributor: contributed.attestation.contributor,
        },
        contributions: contributions.length,
        attestations: contributed.record?.attestations ?? [contributed.attestation],
        verificationKey: contributed.verificationKeyPath,
        warning:
          "The verification key changed: a registration made before this contribution no longer matches this key. Register after contributing (pnpm convergence model add / circuit add).",
      };
      printResult({
        json: options.json,
        data,
        human: (d) =>
          [
            `${target.name}: contribution #${d.contribution.index} (${d.contribution.name}) hash ${d.contribution.hash.slice(0, 18)}...`,
            `  signed by     ${describeSigner({ account, setting: "CONTRIBUTOR_PRIVATE_KEY" })}`,
            `  proving key   ${d.zkey} (${d.contributions} contributions)`,
            `  verification  ${d.verificationKey}`,
            "",
            `Warning: ${d.warning}`,
            `Check it: pnpm convergence zk verify-setup ${target.flag}${options.out ? ` --zkey ${options.out}` : ""}`,
          ].join("\n"),
      });
    });

  zk.command("verify-setup")
    .description(
      "Check a proving key against the circuit's r1cs and the ptau its setup used (snarkjs zkey verify), and list its phase-2 contributions with the contributor whose signature holds, or 'unattributed'. Exits 1 when the key is invalid.",
    )
    .option("--model <name>", "a bundled or imported model, e.g. risk-v1")
    .option("--circuit <dir>", "a circuit package directory, e.g. circuits/examples/linear-threshold")
    .option(
      "--zkey <file>",
      "the proving key to check (default: the cached one); its setup.json, if beside it, holds the attestations",
    )
    .option("--json", "print the result as JSON")
    .action(async (options: VerifySetupOptions) => {
      const target = await zkTarget(options);
      const zkey = options.zkey === undefined ? undefined : resolve(options.zkey);
      if (zkey !== undefined && !existsSync(zkey)) {
        throw new InvalidArgumentError({
          argument: "--zkey",
          value: options.zkey!,
          expected: "an existing .zkey file",
        });
      }
      const cacheRecordPath = join(target.circuit.dir, "setup.json");
      const besideRecordPath = zkey === undefined ? cacheRecordPath : join(dirname(zkey), "setup.json");
      const record: SetupRecord | undefined = existsSync(besideRecordPath)
        ? await readSetupRecord({ path: besideRecordPath })
        : existsSync(cacheRecordPath)
          ? { ...(await readSetupRecord({ path: cacheRecordPath })), attestations: [] }
          : undefined;
      const path = zkey ?? (await loadSetup({ circuit: target.circuit })).zkey;
      const ptau =
        record === undefined || record.ptau.development
          ? await checkPtau({ ptau: undefined })
          : await checkPtau({ ptau: record.ptau.path, expectedSha256: record.ptau.sha256 });
      const ptauLabel = ptau.development ? DEV_PTAU_LABEL : ptau.path;
      const started = performance.now();
      const result = await runStep({
        title: `Verifying ${path} against ${target.circuit.key}'s r1cs and the ptau (${ptau.development ? "development ceremony" : ptau.path})`,
        quiet: options.json,
        run: async (step) => {
          step.update(`snarkjs zkey verify: ${target.circuit.constraints} constraints, every contribution replayed`);
          return verifySetup({
            zkey: path,
            r1cs: target.circuit.r1cs,
            ptau: ptau.path,
            attestations: record?.attestations ?? [],
            circuitKey: record?.key ?? target.circuit.key,
          });
        },
      });
      const data = {
        [target.kind]: target.name,
        circuit: target.circuit.key,
        zkey: path,
        ptau: { path: ptau.path, sha256: ptau.sha256, development: ptau.development, label: ptauLabel },
        valid: result.valid,
        problems: result.problems,
        seconds: Math.round((performance.now() - started) / 100) / 10,
        contributions: result.contributions.map((c) => ({
          index: c.index,
          name: c.name,
          hash: c.hash,
          contributor: c.contributor ?? null,
        })),
      };
      printResult({
        json: options.json,
        data,
        human: (d) =>
          [
            `${target.name}: proving key ${d.zkey}`,
            `  circuit       ${d.circuit} (r1cs ${target.circuit.r1cs})`,
            `  phase 1       ${d.ptau.label}, sha256 ${d.ptau.sha256}`,
            `  check         ${d.valid ? "valid: the key was made from this circuit and this ptau" : "INVALID: the key does not match this circuit and ptau"} (${d.seconds}s)`,
            "  contributions",
            ...d.contributions.map(
              (c) =>
                `    #${c.index} ${(c.name || "(unnamed)").padEnd(20)} ${c.hash.slice(0, 18)}...  ${c.contributor ? `signed by ${c.contributor}` : "unattributed"}`,
            ),
          ].join("\n"),
      });
      if (!result.valid) {
        throw new SetupInvalidError({
          zkey: path,
          circuit: target.circuit.key,
          ptau: ptauLabel,
          problems: result.problems,
        });
      }
    });
}
