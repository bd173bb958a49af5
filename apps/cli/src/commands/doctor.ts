import type { Command } from "commander";
import { browserChecks } from "../doctor/browserChecks.ts";
import { chainChecks } from "../doctor/chainChecks.ts";
import { toolchainChecks } from "../doctor/toolchainChecks.ts";
import type { DoctorCheck } from "../doctor/types.ts";
import { zkChecks } from "../doctor/zkChecks.ts";
import { rpcUrlFrom } from "../options.ts";
import { printResult } from "../output.ts";

const marks = { ok: "✔", warn: "!", fail: "✖" } as const;

/** `convergence doctor`: what works on this machine and what to fix. */
export function registerDoctorCommand(program: Command): void {
  program
    .command("doctor")
    .description(
      "Check the toolchain, the zk artifacts, the chain and its deployment; exits non-zero if something must be fixed.",
    )
    .option("--rpc <url>", "JSON-RPC URL (default CONVERGENCE_RPC_URL or http://127.0.0.1:8545)")
    .option("--json", "print {ok, checks} as JSON")
    .action(async (options: { rpc?: string; json?: boolean }) => {
      const checks: DoctorCheck[] = [
        ...(await toolchainChecks()),
        ...browserChecks(),
        ...(await zkChecks()),
        ...(await chainChecks({ rpcUrl: rpcUrlFrom(options.rpc) })),
      ];
      const ok = checks.every((check) => check.status !== "fail");
      printResult({
        json: options.json,
        data: { ok, checks },
        human: ({ checks }) =>
          checks
            .map(
              (c) =>
                `${marks[c.status]} ${c.name.padEnd(12)} ${c.detail}${c.fix && c.status !== "ok" ? `\n  -> ${c.fix}` : ""}`,
            )
            .join("\n"),
      });
      if (!ok) process.exitCode = 1;
    });
}
