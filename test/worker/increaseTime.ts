/** Moves a Hardhat node's clock forward and mines a block at the new time (evm_increaseTime + evm_mine). */
export async function increaseTime({ rpcUrl, seconds }: { rpcUrl: string; seconds: number }): Promise<void> {
  for (const [method, params] of [
    ["evm_increaseTime", [seconds]],
    ["evm_mine", []],
  ] as const) {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    const body = (await response.json()) as { error?: { message: string } };
    if (body.error) throw new Error(`${method} failed: ${body.error.message}`);
  }
}
