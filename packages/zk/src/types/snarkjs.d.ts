// snarkjs ships no types; this covers the part @convergence/zk uses. File arguments accept a path or
// an in-memory file `{ type: "mem", data?: Uint8Array }`.
declare module "snarkjs" {
  export type SnarkjsLogger = {
    debug(message: string): void;
    info(message: string): void;
    warn(message: string): void;
    error(message: string): void;
  };
  export type MemFile = { type: "mem"; data?: Uint8Array };
  export type FileArg = string | MemFile;
  export type Groth16Proof = {
    pi_a: string[];
    pi_b: string[][];
    pi_c: string[];
    protocol: string;
    curve: string;
  };
  export type VerificationKey = {
    protocol: string;
    curve: string;
    nPublic: number;
    vk_alpha_1: string[];
    vk_beta_2: string[][];
    vk_gamma_2: string[][];
    vk_delta_2: string[][];
    IC: string[][];
    [key: string]: unknown;
  };
  export type Curve = { terminate(): Promise<void> };
  export const groth16: {
    prove(
      zkey: FileArg,
      witness: FileArg,
      logger?: SnarkjsLogger,
    ): Promise<{ proof: Groth16Proof; publicSignals: string[] }>;
    fullProve(
      input: Record<string, unknown>,
      wasm: FileArg,
      zkey: FileArg,
      logger?: SnarkjsLogger,
    ): Promise<{ proof: Groth16Proof; publicSignals: string[] }>;
    verify(
      vkey: VerificationKey,
      publicSignals: readonly (string | bigint)[],
      proof: Groth16Proof,
      logger?: SnarkjsLogger,
    ): Promise<boolean>;
    exportSolidityCallData(proof: Groth16Proof, publicSignals: readonly (string | bigint)[]): Promise<string>;
  };
  export const zKey: {
    newZKey(r1cs: FileArg, ptau: FileArg, zkey: FileArg, logger?: SnarkjsLogger): Promise<unknown>;
    contribute(
      oldZkey: FileArg,
      newZkey: FileArg,
      name: string,
      entropy: string,
      logger?: SnarkjsLogger,
    ): Promise<Uint8Array>;
    beacon(
      oldZkey: FileArg,
      newZkey: FileArg,
      name: string,
      beaconHash: string,
      iterationsExp: number,
      logger?: SnarkjsLogger,
    ): Promise<Uint8Array | false>;
    exportVerificationKey(zkey: FileArg, logger?: SnarkjsLogger): Promise<VerificationKey>;
    exportSolidityVerifier(zkey: FileArg, templates: { groth16: string }, logger?: SnarkjsLogger): Promise<string>;
    verifyFromR1cs(r1cs: FileArg, ptau: FileArg, zkey: FileArg, logger?: SnarkjsLogger): Promise<boolean>;
    exportJson(zkey: FileArg): Promise<Record<string, unknown>>;
  };
  export const wtns: {
    calculate(input: Record<string, unknown>, wasm: FileArg, wtns: FileArg): Promise<void>;
    check(r1cs: FileArg, wtns: FileArg, logger?: SnarkjsLogger): Promise<boolean>;
    exportJson(wtns: FileArg): Promise<bigint[]>;
  };
  export const r1cs: {
    info(
      r1cs: FileArg,
      logger?: SnarkjsLogger,
    ): Promise<{
      nVars: number;
      nConstraints: number;
      nPrvInputs: number;
      nPubInputs: number;
      nOutputs: number;
      nLabels: number;
      curve?: Curve;
    }>;
    exportJson(
      r1cs: FileArg,
      logger?: SnarkjsLogger,
    ): Promise<{
      nConstraints: number;
      nVars: number;
      nPubInputs: number;
      nOutputs: number;
      constraints: [Record<string, string>, Record<string, string>, Record<string, string>][];
    }>;
  };
  export const powersOfTau: {
    verify(ptau: FileArg, logger?: SnarkjsLogger): Promise<boolean>;
    newAccumulator(curve: Curve, power: number, ptau: FileArg, logger?: SnarkjsLogger): Promise<unknown>;
    preparePhase2(oldPtau: FileArg, newPtau: FileArg, logger?: SnarkjsLogger): Promise<unknown>;
  };
  export const curves: { getCurveFromName(name: string): Promise<Curve> };
}
