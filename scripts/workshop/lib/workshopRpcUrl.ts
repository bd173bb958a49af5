/** CONVERGENCE_RPC_URL, or the devnet's default 127.0.0.1:8545. */
export function workshopRpcUrl(): string {
  return process.env.CONVERGENCE_RPC_URL ?? "http://127.0.0.1:8545";
}
