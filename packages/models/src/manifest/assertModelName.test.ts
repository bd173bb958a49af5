import { describe, expect, it } from "vitest";
import { InvalidModelNameError } from "../errors/manifest.ts";
import { assertModelName } from "./assertModelName.ts";

describe("assertModelName", () => {
  it("accepts directory-safe names", () => {
    for (const name of ["risk-v1", "my_mlp.2", "a", "0x"]) expect(() => assertModelName({ name })).not.toThrow();
  });

  it("rejects names that could escape the models directory or are not portable", () => {
    for (const name of ["", "../etc", "a/b", "Risk", "-x", ".hidden", "a..b", "x".repeat(65), "naïve"]) {
      expect(() => assertModelName({ name }), name).toThrowError(InvalidModelNameError);
    }
  });
});
