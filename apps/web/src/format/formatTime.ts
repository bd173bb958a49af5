/** Unix seconds as a local date and time. */
export function formatTime(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toLocaleString();
}
