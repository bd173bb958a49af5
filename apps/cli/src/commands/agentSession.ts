import {
  grantAgentSession,
  loadPolicy,
  readSessionKey,
  revokeAgentSession,
  SessionKeyFileError,
  type StackAddresses,
} from "@convergence/agent";
import { readDeployment } from "@convergence/contracts";
import { convergenceHome } from "@convergence/paths";
import { getAccountDelegation, getSession, resolveAccount } from "@convergence/sdk";
import type { Command } from "commander";
import { type Address, formatUnits, getAddress, isAddress, type LocalAccount, parseEther, zeroAddress } from "viem";
import { connect } from "../chain/connect.ts";
import { InvalidArgumentError } from "../errors.ts";
import { rpcUrlFrom } from "../options.ts";
import { printResult } from "../output.ts";

/** The owner's key: the agent role's own (AGENT_PRIVATE_KEY, or on the local devnet its well-known account #1). */
function ownerAccount({ chainId }: { chainId: number }): LocalAccount {
  return resolveAccount({
    setting: "AGENT_PRIVATE_KEY",
    privateKey: process.env.AGENT_PRIVATE_KEY,
    chainId,
    devnetIndex: 1,
    needs: "the owner's key (the agent's account) to delegate to the AgentAccount and grant or revoke session keys",
  });
}

/** A token's symbol and decimals in a session policy (address(0): ETH). */
function tokenOf(contracts: StackAddresses, token: Address): { symbol: string; decimals: number } {
  if (token === zeroAddress) return { symbol: "ETH", decimals: 18 };
  if (token.toLowerCase() === contracts.USDC.toLowerCase()) return { symbol: "USDC", decimals: 6 };
  if (token.toLowerCase() === contracts.WETH.toLowerCase()) return { symbol: "WETH", decimals: 18 };
  return { symbol: token, decimals: 0 };
}

/** The contract name of an address in the deployment, or the address. */
function nameOf(contracts: StackAddresses, address: Address): string {
  const entry = Object.entries(contracts).find(([, value]) => String(value).toLowerCase() === address.toLowerCase());
  return entry ? entry[0] : address;
}

function parseEth(value: string): bigint {
  if (!/^\d+(\.\d{1,18})?$/.test(value)) {
    throw new InvalidArgumentError({ argument: "--fund", value, expected: 'an amount of ETH, e.g. "0.05"' });
  }
  return parseEther(value);
}

function parseAddress(value: string): Address {
  if (!isAddress(value, { strict: false })) {
    throw new InvalidArgumentError({ argument: "--session", value, expected: "a session key's 0x address" });
  }
  return getAddress(value);
}

const when = (seconds: bigint | number) => new Date(Number(seconds) * 1000).toISOString();

/**
 * `convergence agent session grant|show|revoke`: puts the agent on a session key of its owner's EIP-7702 account.
 * grant (owner key): delegate if needed, revoke the previous key, make a fresh one in $CONVERGENCE_HOME/session-key.json
 * (0600, never printed), grant it policy.json's on-chain policy and fund it for gas. show: the delegation, the grant,
 * its policy, what it spent in the last 24 hours, its expiry. revoke (owner key): at once, and delete the file.
 */
export function registerAgentSessionCommand(agent: Command): void {
  const session = agent
    .command("session")
    .description(
      "Run the agent on a session key of your EIP-7702 account: limits the chain enforces (grant, show, revoke).",
    );
  session
    .command("grant")
    .description(
      "Delegate your account (the agent's key) to the AgentAccount if needed and grant a fresh session key policy.json's on-chain limits.",
    )
    .option("--rpc <url>", "JSON-RPC URL (default CONVERGENCE_RPC_URL or http://127.0.0.1:8545)")
    .option("--fund <eth>", "ETH sent to the session key for its gas (default 0.05)", parseEth)
    .option("--json", "print the result as JSON")
    .action(async (options: { rpc?: string; fund?: bigint; json?: boolean }) => {
      const rpcUrl = rpcUrlFrom(options.rpc);
      const { chainId } = await connect({ rpcUrl });
      const deployment = readDeployment({ chainId });
      const home = convergenceHome();
      const granted = await grantAgentSession({
        rpcUrl,
        chainId,
        owner: ownerAccount({ chainId }),
        contracts: deployment.contracts,
        home,
        ...(options.fund === undefined ? {} : { fundEth: options.fund }),
      });
      const contracts = deployment.contracts as StackAddresses;
      printResult({
        json: options.json,
        data: granted,
        human: (g) =>
          [
            g.delegation
              ? `Delegated ${g.account} to the AgentAccount ${contracts.AgentAccount} (EIP-7702, tx ${g.delegation.hash}); its address, balances, DID and ERC-8004 identity stay.`
              : `${g.account} already delegates to the AgentAccount ${contracts.AgentAccount}.`,
            ...(g.revoked ? [`Revoked the previous session key ${g.revoked}.`] : []),
            `Granted session key ${g.session} (tx ${g.grant.hash}, ${g.grant.gasUsed} gas), valid until ${when(g.policy.expiresAt)}:`,
            ...g.policy.limits.map((limit) => {
              const t = tokenOf(contracts, limit.token);
              return `  ${t.symbol}: at most ${formatUnits(limit.perCall, t.decimals)} a call, ${formatUnits(limit.perDay, t.decimals)} a rolling day`;
            }),
            `  recipients: ${g.policy.recipients.map((r) => nameOf(contracts, r)).join(", ") || "none (the account itself only)"}`,
            `  targets: ${[...new Set(g.policy.calls.map((c) => nameOf(contracts, c.target)))].join(", ")} (${g.policy.calls.length} functions)`,
            `The key is in ${g.path} (mode 0600; never printed). The agent uses it from now on: convergence agent run "<intent>"`,
            "Revoke it at once with: convergence agent session revoke",
          ].join("\n"),
      });
    });
  session
    .command("show")
    .description("Show the session key's grant: delegation, policy, what it spent in the last 24 hours, expiry.")
    .option("--rpc <url>", "JSON-RPC URL (default CONVERGENCE_RPC_URL or http://127.0.0.1:8545)")
    .option("--json", "print the result as JSON")
    .action(async (options: { rpc?: string; json?: boolean }) => {
      const rpcUrl = rpcUrlFrom(options.rpc);
      const { chainId, publicClient } = await connect({ rpcUrl });
      const deployment = readDeployment({ chainId });
      const contracts = deployment.contracts as StackAddresses;
      const read = readSessionKey({ home: convergenceHome(), chainId });
      if (!read.found) {
        throw new SessionKeyFileError({
          path: read.path,
          problem: "there is none, so the agent runs on its own key",
          fix: "Grant one with `convergence agent session grant`.",
        });
      }
      const delegation = await getAccountDelegation(publicClient, { account: read.account });
      const view = await getSession(publicClient, { account: read.account, session: read.file.session });
      const block = await publicClient.getBlock();
      const gas = await publicClient.getBalance({ address: read.file.session });
      const status = view.active
        ? "active"
        : view.revoked
          ? "revoked"
          : !view.granted
            ? "not granted"
            : view.policy.expiresAt < block.timestamp
              ? "expired"
              : "inactive";
      const data = {
        account: read.account,
        session: read.file.session,
        status,
        delegation,
        policy: view.policy,
        spentToday: view.spentToday,
        sessionGasBalance: formatUnits(gas, 18),
        path: read.path,
        policyFile: loadPolicy({ home: convergenceHome() }).path,
      };
      printResult({
        json: options.json,
        data,
        human: (d) =>
          [
            `Account ${d.account}: ${delegation.delegated ? `delegates to ${delegation.implementation ? nameOf(contracts, delegation.implementation) : "?"} (EIP-7702)` : "not delegated"}.`,
            `Session key ${d.session}: ${d.status}, expires ${when(view.policy.expiresAt)}; ${d.sessionGasBalance} ETH for gas.`,
            ...view.policy.limits.map((limit) => {
              const t = tokenOf(contracts, limit.token);
              const spent = view.spentToday.find((s) => s.token === limit.token)?.spent ?? 0n;
              return `  ${t.symbol}: spent ${formatUnits(spent, t.decimals)} of ${formatUnits(limit.perDay, t.decimals)} in the last 24 hours; at most ${formatUnits(limit.perCall, t.decimals)} a call`;
            }),
            `  recipients: ${view.policy.recipients.map((r) => nameOf(contracts, r)).join(", ") || "none"}`,
            `  targets: ${[...new Set(view.policy.calls.map((c) => nameOf(contracts, c.target)))].join(", ")}`,
            `Key file: ${d.path}. On-chain limits come from the onChain section of ${d.policyFile}.`,
            ...(view.active ? [] : ["Grant a new one with: convergence agent session grant"]),
          ].join("\n"),
      });
    });
  session
    .command("revoke")
    .description("Revoke the session key at once (owner key) and delete its file.")
    .option("--rpc <url>", "JSON-RPC URL (default CONVERGENCE_RPC_URL or http://127.0.0.1:8545)")
    .option(
      "--session <address>",
      "revoke this session key (when its file is gone: the agent can delete it)",
      parseAddress,
    )
    .option("--all", "revoke every session key of the account still active on chain (from its grant events)")
    .option("--json", "print the result as JSON")
    .action(async (options: { rpc?: string; session?: Address; all?: boolean; json?: boolean }) => {
      const rpcUrl = rpcUrlFrom(options.rpc);
      const { chainId } = await connect({ rpcUrl });
      const revoked = await revokeAgentSession({
        rpcUrl,
        chainId,
        owner: ownerAccount({ chainId }),
        home: convergenceHome(),
        ...(options.session === undefined ? {} : { session: options.session }),
        ...(options.all ? { all: true } : {}),
      });
      printResult({
        json: options.json,
        data: revoked,
        human: (r) =>
          [
            ...(r.revoked.length === 0
              ? [`Session key ${r.session ?? "(none)"} was no longer active (revoked or expired).`]
              : r.revoked.map(
                  (x) =>
                    `Revoked session key ${x.session} of ${r.account} (tx ${x.hash}): its next call reverts with AgentAccountSessionRevoked.`,
                )),
            r.deleted
              ? `Deleted ${r.path}; the agent runs on its own key again until you grant another (convergence agent session grant).`
              : `No key file of this account at ${r.path}; grant a new key with: convergence agent session grant`,
          ].join("\n"),
      });
    });
}
