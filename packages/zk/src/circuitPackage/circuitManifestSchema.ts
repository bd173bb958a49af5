import { z } from "zod";
import { VALUE_MAX, VALUE_MIN } from "../fixedPoint/constants.ts";

const signalName = z
  .string()
  .regex(/^[A-Za-z_$][A-Za-z0-9_$]*(\[\d+\])*$/, "a Circom signal name such as score or outputs[0]");
const relativeFile = (extension: string) =>
  z
    .string()
    .regex(new RegExp(`^[A-Za-z0-9_.-][A-Za-z0-9_./-]*\\${extension}$`), `a file name ending in ${extension}`)
    .refine((path) => !path.split("/").includes(".."), "a path inside the package directory");

/**
 * The schema of a circuit package's `circuit.json` (docs/circuit-packages.md). Beyond the shapes, it checks that the
 * public signals are laid out as InferenceAttestor reads them: [modelCommitment, inputCommitment, binding,
 * ...outputs], with numOutputs outputs.
 */
export const circuitManifestSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "1 to 64 characters of a-z, 0-9 and '-', starting with a letter or digit"),
    version: z.string().min(1).max(64),
    description: z.string().max(1000).default(""),
    circuit: relativeFile(".circom"),
    template: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a Circom template name"),
    inputBuilder: relativeFile(".ts"),
    parameters: relativeFile(".json"),
    numInputs: z.number().int().min(1).max(1024),
    numOutputs: z.number().int().min(1).max(64),
    input: z
      .object({
        scale: z.number().int().min(0).max(14),
        min: z.number().int().min(Number(VALUE_MIN)).default(Number(VALUE_MIN)),
        max: z.number().int().max(Number(VALUE_MAX)).default(Number(VALUE_MAX)),
      })
      .refine(({ min, max }) => min <= max, "input.min must not exceed input.max"),
    outputs: z.array(z.object({ name: signalName, scale: z.number().int().min(0).max(64).default(0) })).min(1),
    publicSignals: z.array(signalName).min(4),
    roles: z.object(
      {
        modelCommitment: signalName,
        inputCommitment: signalName,
        binding: signalName,
      },
      "an object naming the modelCommitment, inputCommitment and binding signals",
    ),
  })
  .superRefine((manifest, context) => {
    if (manifest.outputs.length !== manifest.numOutputs) {
      context.addIssue({
        code: "custom",
        path: ["outputs"],
        message: `numOutputs is ${manifest.numOutputs} but outputs names ${manifest.outputs.length}`,
      });
    }
    const expected = [
      manifest.roles.modelCommitment,
      manifest.roles.inputCommitment,
      manifest.roles.binding,
      ...manifest.outputs.map((output) => output.name),
    ];
    if (expected.join(",") !== manifest.publicSignals.join(",")) {
      context.addIssue({
        code: "custom",
        path: ["publicSignals"],
        message: `must be [roles.modelCommitment, roles.inputCommitment, roles.binding, ...outputs] = [${expected.join(", ")}], found [${manifest.publicSignals.join(", ")}]`,
      });
    }
    if (new Set(expected).size !== expected.length) {
      context.addIssue({ code: "custom", path: ["publicSignals"], message: "names a signal twice" });
    }
  });

export type CircuitManifest = z.output<typeof circuitManifestSchema>;
