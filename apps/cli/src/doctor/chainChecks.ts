import { readDeployment } from "@convergence/contracts";
import { createPublicClient, http } from "viem";
import type { DoctorCheck } from "./types.ts";

/** Whether the configured chain answers and the deployment record matches what is on it. */
export async function chainChecks({ rpcUrl }: { rpcUrl: string }): Promise<DoctorCheck[]> {
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 3_000 }) });
  let chainId: number;
  try {
    chainId = await client.getChainId();
  } catch {
    return [
      {
        name: "chain",
        status: "warn",
        detail: `no JSON-RPC answer from ${rpcUrl}`,
        fix: "Start the local chain with `pnpm chain`, or set --rpc / CONVERGENCE_RPC_URL.",
      },
    ];
  }
  const checks: DoctorCheck[] = [{ name: "chain", status: "ok", detail: `chain ${chainId} at ${rpcUrl}` }];
  try {
    const deployment = readDeployment({ chainId });
    const missing: string[] = [];
    for (const [name, address] of Object.entries(deployment.contracts)) {
      const code = await client.getCode({ address });
      if (!code || code === "0x") missing.push(name);
    }
    checks.push(
      missing.length === 0
        ? { name: "deployment", status: "ok", detail: `${Object.keys(deployment.contracts).length} contracts deployed` }
        : {
            name: "deployment",
            status: "warn",
            detail: `the record for chain ${chainId} names contracts with no code: ${missing.join(", ")} (the chain was restarted?)`,
            fix: "Redeploy: `pnpm convergence deploy`.",
          },
    );
  } catch (error) {
    checks.push({
      name: "deployment",
      status: "warn",
      detail: (error as Error).message.split("\n")[0] ?? "",
      fix: "Run `pnpm convergence deploy`.",
    });
  }
  return checks;
}
