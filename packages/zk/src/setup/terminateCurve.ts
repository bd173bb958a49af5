/**
 * Stops the worker threads of snarkjs' cached bn128 curve (`globalThis.curve_bn128`), which keep
 * the process alive after proving or setup. Call it when the process is done with zk work; the next
 * snarkjs call rebuilds the curve (a few hundred ms).
 *
 * @example
 * await terminateCurve();
 */
export async function terminateCurve(): Promise<void> {
  const holder = globalThis as { curve_bn128?: { terminate(): Promise<void> } | null };
  const curve = holder.curve_bn128;
  if (curve) {
    holder.curve_bn128 = null;
    await curve.terminate();
  }
}
