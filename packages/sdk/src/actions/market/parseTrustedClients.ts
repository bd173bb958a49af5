import { type Address, getAddress, isAddress } from "viem";
import { InvalidParameterError } from "../../errors/input.ts";

export type ParseTrustedClientsParameters = {
  /** Comma-separated addresses; undefined or blank = none. */
  value: string | undefined;
  /** Where the value came from, for the error: "--trust-clients", "CONVERGENCE_TRUSTED_CLIENTS". */
  source: string;
};

export type ParseTrustedClientsReturnType = Address[];

/**
 * The clients whose ERC-8004 feedback a requester trusts besides itself (reputation is read over them only: anyone
 * can rate), as people write them in `--trust-clients` or CONVERGENCE_TRUSTED_CLIENTS: comma-separated addresses,
 * checksummed or all lowercase, spaces allowed, duplicates dropped. Throws `InvalidParameterError` naming the source
 * and the entry that is not an address (a mixed-case address with a wrong checksum included).
 *
 * @example
 * parseTrustedClients({ value: process.env.CONVERGENCE_TRUSTED_CLIENTS, source: "CONVERGENCE_TRUSTED_CLIENTS" });
 */
export function parseTrustedClients({ value, source }: ParseTrustedClientsParameters): ParseTrustedClientsReturnType {
  if (value === undefined || value.trim() === "") return [];
  const clients: Address[] = [];
  for (const raw of value.split(",")) {
    const entry = raw.trim();
    if (!isAddress(entry)) {
      throw new InvalidParameterError({
        parameter: `${source} entry`,
        value: entry,
        expected:
          "comma-separated 0x addresses (40 hex digits, checksummed or all lowercase) of the clients whose feedback you trust",
      });
    }
    const address = getAddress(entry);
    if (!clients.includes(address)) clients.push(address);
  }
  return clients;
}
