import { DEVNET_ROLES, devnetAccounts } from "@convergence/contracts";

/**
 * One line per devnet account with its role and the settings it stands in for, as `convergence chain` and
 * `convergence devnet` print them: `  #3 0x90F7...  publisher (...) (PUBLISHER_PRIVATE_KEY, CONTRIBUTOR_PRIVATE_KEY)`.
 *
 * @example
 * process.stdout.write(`${devnetRoleLines().join("\n")}\n`);
 */
export function devnetRoleLines(): string[] {
  const accounts = devnetAccounts({ count: DEVNET_ROLES.length });
  return DEVNET_ROLES.map(
    ({ index, role, settings }) =>
      `  #${index} ${accounts[index]!.address}  ${role}${settings.length ? ` (${settings.join(", ")})` : ""}`,
  );
}
