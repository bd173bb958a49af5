import type { Account, Chain, Hex, LocalAccount, PublicActions, Transport, WalletClient } from "viem";

/** Any client that can read the chain: a public client, or a wallet client extended with public actions. */
export type ReadClient = PublicActions<Transport, Chain | undefined>;

/** A wallet client with a local or JSON-RPC account that can also read: what write actions need. */
export type WriteClient = WalletClient<Transport, Chain, Account> & PublicActions<Transport, Chain, Account>;

/** A local account that can sign a raw digest (private-key and mnemonic accounts). */
export type SigningAccount = LocalAccount & { sign: (parameters: { hash: Hex }) => Promise<Hex> };
