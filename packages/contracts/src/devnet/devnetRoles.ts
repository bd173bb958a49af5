import type { HDAccount } from "viem/accounts";
import { devnetAccounts } from "./devnetAccounts.ts";

/** A devnet account's role: who signs with it, and the setting that replaces it on another chain. */
export type DevnetRole = {
  /** The account's index in the devnet mnemonic (see `devnetAccounts`). */
  index: number;
  /** What the account does in the demo, the devnet and the workshop. */
  role: string;
  /** The private-key settings whose devnet default it is; none for the market's own accounts. */
  settings: readonly string[];
};

/** The devnet account index of each role: `resolveAccount`'s `devnetIndex` for the role's setting. */
export const DEVNET_ROLE_INDEX = {
  deployer: 0,
  requester: 0,
  agent: 1,
  worker: 2,
  publisher: 3,
  market: [4, 5],
  facilitator: 6,
} as const;

/**
 * Who is who on the local devnet. The roles are distinct accounts on purpose (issue #14): the publisher runs the
 * phase-2 setup and registers the models, the worker proves with the publisher's keys and never holds their
 * secrets, and the requester pays only for results proven under keys it pinned. `deployStack` callers on the devnet
 * fund these accounts with USDC; every Hardhat account already holds 10,000 ETH.
 *
 * @example
 * for (const { index, role } of DEVNET_ROLES) console.log(`#${index} ${devnetAccounts({ count: index + 1 })[index]!.address} ${role}`);
 */
export const DEVNET_ROLES: readonly DevnetRole[] = [
  {
    index: DEVNET_ROLE_INDEX.deployer,
    role: "deployer, requester (job open)",
    settings: ["DEPLOYER_PRIVATE_KEY", "REQUESTER_PRIVATE_KEY"],
  },
  { index: DEVNET_ROLE_INDEX.agent, role: "agent (pnpm agent)", settings: ["AGENT_PRIVATE_KEY"] },
  { index: DEVNET_ROLE_INDEX.worker, role: "worker (proves, gets paid)", settings: ["WORKER_PRIVATE_KEY"] },
  {
    index: DEVNET_ROLE_INDEX.publisher,
    role: "publisher (phase-2 setup, model and circuit registrations)",
    settings: ["PUBLISHER_PRIVATE_KEY", "CONTRIBUTOR_PRIVATE_KEY"],
  },
  ...DEVNET_ROLE_INDEX.market.map((index) => ({ index, role: "market: liquidity, trades", settings: [] })),
  {
    index: DEVNET_ROLE_INDEX.facilitator,
    role: "x402 facilitator (settles paid calls, pays their gas)",
    settings: ["FACILITATOR_PRIVATE_KEY"],
  },
];

/** A role with one devnet account of its own. */
export type DevnetSigningRole = Exclude<keyof typeof DEVNET_ROLE_INDEX, "market">;

/**
 * The devnet account a role signs with (its well-known Hardhat key: devnet only).
 *
 * @example
 * const publisher = devnetRoleAccount({ role: "publisher" }); // #3
 */
export function devnetRoleAccount({ role }: { role: DevnetSigningRole }): HDAccount {
  const index = DEVNET_ROLE_INDEX[role];
  return devnetAccounts({ count: index + 1 })[index]!;
}
