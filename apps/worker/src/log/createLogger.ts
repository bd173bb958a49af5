export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

export type Logger = {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

export type CreateLoggerParameters = {
  level: LogLevel;
  /** Default: stderr, so stdout stays free for machine-readable output. */
  write?: (line: string) => void;
  now?: () => Date;
};

export type CreateLoggerReturnType = Logger;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * One line per event, for people watching `pnpm worker`: time, level, message, then `key=value` fields (bigints as
 * decimals, strings quoted when they hold spaces).
 *
 * @example
 * const log = createLogger({ level: "info" });
 * log.info("job settled", { jobId: 7n, tx: "0xabc" }); // 12:00:01.123 info  job settled jobId=7 tx=0xabc
 */
export function createLogger({
  level,
  write = (line) => process.stderr.write(line),
  now = () => new Date(),
}: CreateLoggerParameters): CreateLoggerReturnType {
  const emit =
    (at: Exclude<LogLevel, "silent">) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (ORDER[at] < ORDER[level]) return;
      const rendered = Object.entries(fields)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => `${key}=${render(value)}`);
      const time = now().toISOString().slice(11, 23);
      write(`${[time, at.padEnd(5), message, ...rendered].join(" ")}\n`);
    };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

function render(value: unknown): string {
  if (typeof value === "bigint" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  if (value instanceof Error) return JSON.stringify((value as { shortMessage?: string }).shortMessage ?? value.message);
  return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v));
}
