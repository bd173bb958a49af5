import { InvalidModelNameError } from "../errors/manifest.ts";

const MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * Checks that a model name is safe as a directory name: 1 to 64 characters of a-z, 0-9, ".", "_"
 * or "-", starting with a letter or digit.
 *
 * @example
 * assertModelName({ name: "risk-v1" }) // ok; "../x" throws InvalidModelNameError
 */
export function assertModelName({ name }: { name: string }): void {
  if (!MODEL_NAME.test(name) || name.includes("..")) throw new InvalidModelNameError({ name });
}
