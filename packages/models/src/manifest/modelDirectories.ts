import { join } from "node:path";
import { convergenceHome } from "@convergence/paths";

export type ModelDirectoriesParameters = {
  /** Default `convergenceHome()` of @convergence/paths. */
  home?: string;
};

export type ModelDirectoriesReturnType = {
  /** Models shipped with the package, one directory each: `packages/models/assets/<name>/`. */
  bundled: string;
  /** Models the user imported: `$CONVERGENCE_HOME/models/<name>/`. */
  imported: string;
};

/**
 * Where models live. A name is looked up in `bundled` first, then in `imported`.
 *
 * @example
 * join(modelDirectories().imported, "my-mlp", "manifest.json")
 */
export function modelDirectories({ home }: ModelDirectoriesParameters = {}): ModelDirectoriesReturnType {
  return {
    bundled: join(import.meta.dirname, "..", "..", "assets"),
    imported: join(home ?? convergenceHome(), "models"),
  };
}
