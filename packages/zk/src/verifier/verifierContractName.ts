import { InvalidContractNameError } from "../errors/verifier.ts";

/**
 * The Solidity verifier's contract name for a model: PascalCase of its name plus `Verifier`.
 *
 * @example
 * verifierContractName({ model: "risk-v1" }) // "RiskV1Verifier"
 */
export function verifierContractName({ model }: { model: string }): string {
  const words = model.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
  const name = `${words.map((word) => word[0]?.toUpperCase() + word.slice(1)).join("")}Verifier`;
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name) || words.length === 0) throw new InvalidContractNameError({ model });
  return name;
}
