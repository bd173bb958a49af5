/** JSON.stringify that writes bigints as decimal strings. */
export function toJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v), indent);
}

export type PrintResultParameters<T> = {
  json: boolean | undefined;
  data: T;
  /** Lines for people; omitted means the JSON is printed anyway. */
  human?: (data: T) => string;
};

/** Prints a command's result: one JSON object with `--json`, readable text otherwise. */
export function printResult<T>({ json, data, human }: PrintResultParameters<T>): void {
  process.stdout.write(`${json || !human ? toJson(data) : human(data)}\n`);
}
