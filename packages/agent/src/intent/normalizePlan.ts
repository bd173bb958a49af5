import { formatDecimal } from "./formatDecimal.ts";
import { parseDecimal } from "./parseDecimal.ts";

/** A plan in any of its forms: the parser's, the `--json` output, or a corpus line. */
export type NormalizePlanParameters = {
  calls: { name: string; args: Record<string, unknown>; condition?: unknown }[];
  refusal?: string;
  refuse?: boolean;
};

export type NormalizedCall = { name: string; args: Record<string, string | number>; conditional: boolean };
export type NormalizePlanReturnType = { calls: NormalizedCall[]; refused: boolean };

const amountKeys = new Set(["amount", "amountIn", "maxPayment"]);
const tokenKeys = new Set(["token", "tokenIn", "tokenOut", "subject"]);

function normalizeValue(key: string, value: unknown): string | number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") return value;
  const text = String(value).trim();
  if (key === "account" && (text === "" || text.toLowerCase() === "me")) return undefined;
  if (amountKeys.has(key)) {
    const scaled = parseDecimal({ text });
    return scaled === undefined ? text : formatDecimal({ value: scaled });
  }
  if (key === "maxSlippageBps") return Number(text);
  if (tokenKeys.has(key)) return text.toUpperCase();
  if (key === "model") return text.toLowerCase();
  // Addresses, DIDs and ids: hex is case-insensitive (EIP-55 checksums are only a spelling).
  if (/^0x[0-9a-f]+$/i.test(text) || /^did:/i.test(text)) return text.toLowerCase();
  return text;
}

/**
 * Puts a plan in the form plans are compared in: keys sorted, addresses/DIDs/ids lowercased,
 * amounts as canonical decimals ("1,000.50" -> "1000.5"), tokens uppercased, `account: "me"`
 * dropped, and each condition reduced to whether the call has one (`conditional`). A plan with no
 * calls and a refusal (or a corpus `"refuse": true`) is `refused`.
 *
 * @example
 * normalizePlan({ calls: [{ name: "swap_tokens", args: { amountIn: "100.0", tokenIn: "usdc", tokenOut: "WETH" } }] });
 * // { calls: [{ name: "swap_tokens", args: { amountIn: "100", tokenIn: "USDC", tokenOut: "WETH" }, conditional: false }], refused: false }
 */
export function normalizePlan(plan: NormalizePlanParameters): NormalizePlanReturnType {
  const calls = plan.calls.map((call) => {
    const args: Record<string, string | number> = {};
    for (const key of Object.keys(call.args).sort()) {
      const value = normalizeValue(key, call.args[key]);
      if (value !== undefined) args[key] = value;
    }
    return { name: call.name, args, conditional: Boolean(call.condition) };
  });
  return { calls, refused: calls.length === 0 && (plan.refuse === true || typeof plan.refusal === "string") };
}
