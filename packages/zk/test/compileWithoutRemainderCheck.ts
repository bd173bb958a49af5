import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  type CompiledCircuit,
  circuitsDir,
  generateCircuitSource,
  type ModelShapeReturnType,
  readR1csInfo,
  runCircom,
} from "../src/index.ts";
import { replaceOnce } from "./replaceOnce.ts";

const require = createRequire(import.meta.url);

export type CompileWithoutRemainderCheckParameters = {
  shape: Pick<ModelShapeReturnType, "widths" | "relu" | "scale">;
  /** A scratch directory (not the zk cache: this circuit is deliberately unsound). */
  dir: string;
};
export type CompileWithoutRemainderCheckReturnType = CompiledCircuit;

/**
 * The shape's generated circuit with ONE check removed: the range check of each rescale remainder (the
 * booleanity of the S low bits of Dense's `Num2Bits(Q + S)`). Everything else is the real circuit: the
 * generated main and circuits/lib/fixedPoint.circom, edited in a copy and compiled with circom2 into `dir`.
 * A forgery the suite rejects only because of that check must pass this circuit.
 *
 * @example
 * const weak = await compileWithoutRemainderCheck({ shape: modelShape({ model }), dir });
 */
export async function compileWithoutRemainderCheck({
  shape,
  dir,
}: CompileWithoutRemainderCheckParameters): Promise<CompileWithoutRemainderCheckReturnType> {
  const { name, source, quotientBits } = generateCircuitSource({ shape });
  const libDir = join(circuitsDir(), "lib");
  const library = join(libDir, "fixedPoint.circom");
  const weakened = replaceOnce({
    text: await readFile(library, "utf8"),
    from: "bits[j] = Num2Bits(Q + S);",
    to: "bits[j] = Num2BitsLowUnchecked(Q + S, S);",
    file: library,
  });
  // circomlib's Num2Bits, but the low `unchecked` bits may hold any value that keeps the sum.
  const template = `
template Num2BitsLowUnchecked(n, unchecked) {
    signal input in;
    signal output out[n];
    var lc1 = 0;
    var e2 = 1;
    for (var i = 0; i < n; i++) {
        out[i] <-- (in >> i) & 1;
        if (i >= unchecked) out[i] * (out[i] - 1) === 0;
        lc1 += out[i] * e2;
        e2 = e2 + e2;
    }
    lc1 === in;
}
`;
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "fixedPointWithoutRemainderCheck.circom"), weakened + template);
  const file = join(dir, "main.circom");
  await writeFile(
    file,
    replaceOnce({
      text: source,
      from: 'include "fixedPoint.circom";',
      to: 'include "fixedPointWithoutRemainderCheck.circom";',
      file: `the generated main of ${name}`,
    }),
  );
  const circomlibDir = join(dirname(require.resolve("circomlib/package.json")), "circuits");
  const circuit = `${name}-without-remainder-check`;
  await runCircom({ file, outDir: dir, includeDirs: [dir, libDir, circomlibDir], circuit });
  // circom's witness calculator is CommonJS; the workspace is "type": "module".
  await writeFile(join(dir, "main_js", "package.json"), '{ "type": "commonjs" }\n');
  const r1cs = join(dir, "main.r1cs");
  return {
    key: `${circuit}-${dir}`,
    name: circuit,
    dir,
    circom: file,
    r1cs,
    wasm: join(dir, "main_js", "main.wasm"),
    sym: join(dir, "main.sym"),
    constraints: (await readR1csInfo({ path: r1cs })).constraints,
    publicSignals: 3 + (shape.widths.at(-1) as number),
    quotientBits,
    compilerVersion: `circom2@${(require("circom2/package.json") as { version: string }).version}`,
  };
}
