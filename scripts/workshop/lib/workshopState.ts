import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { convergenceHome } from "@convergence/paths";

const file = () => join(convergenceHome(), "workshop", "state.json");

/**
 * What one step hands to a later one (a proof, an id), in $CONVERGENCE_HOME/workshop/state.json. `read` without a
 * `write` returns undefined.
 *
 * @example
 * workshopState().write("proof", { ... }); workshopState().read("proof");
 */
export function workshopState() {
  return {
    read<T>(key: string): T | undefined {
      if (!existsSync(file())) return undefined;
      return (JSON.parse(readFileSync(file(), "utf8")) as Record<string, T>)[key];
    },
    write(key: string, value: unknown): void {
      const state = existsSync(file()) ? JSON.parse(readFileSync(file(), "utf8")) : {};
      state[key] = value;
      mkdirSync(join(file(), ".."), { recursive: true });
      writeFileSync(file(), `${JSON.stringify(state, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`);
    },
  };
}
