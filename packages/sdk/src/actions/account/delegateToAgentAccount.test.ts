import { getAddress, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import { createClients } from "../../client/createClients.ts";
import { AgentAccountImplementationMissingError, DelegationSignerError } from "../../errors/account.ts";
import { setupAccount } from "./accountTestKit.ts";
import { delegateToAgentAccount } from "./delegateToAgentAccount.ts";
import { getAccountDelegation } from "./getAccountDelegation.ts";

describe("delegateToAgentAccount + getAccountDelegation", () => {
  it("reads a plain EOA as not delegated, then delegates it to the AgentAccount code keeping its balance", async () => {
    const { owner, ownerAddress, publicClient, deployment, usdcBalance } = await setupAccount({ delegate: false });
    expect(await getAccountDelegation(publicClient, { account: ownerAddress })).toEqual({
      delegated: false,
      implementation: undefined,
    });
    const usdcBefore = await usdcBalance(ownerAddress);
    const { hash, receipt } = await delegateToAgentAccount(owner, {
      implementation: deployment.contracts.AgentAccount,
    });
    expect(receipt.type).toBe("eip7702");
    // Signed for this chain only (never chain id 0, which any chain would accept).
    const sent = await publicClient.getTransaction({ hash });
    expect(sent.authorizationList?.map((a) => [a.chainId, getAddress(a.address)])).toEqual([
      [31337, deployment.contracts.AgentAccount],
    ]);
    expect(await getAccountDelegation(publicClient, { account: ownerAddress })).toEqual({
      delegated: true,
      implementation: deployment.contracts.AgentAccount,
    });
    expect(await usdcBalance(ownerAddress)).toBe(usdcBefore);
  });

  it("reads a contract's own code as no delegation", async () => {
    const { publicClient, deployment } = await setupAccount({ delegate: false });
    expect(await getAccountDelegation(publicClient, { account: deployment.contracts.USDC })).toEqual({
      delegated: false,
      implementation: undefined,
    });
  });

  it("refuses an implementation address without code, before signing anything", async () => {
    const { owner, ownerAddress, publicClient } = await setupAccount({ delegate: false });
    const nonce = await publicClient.getTransactionCount({ address: ownerAddress });
    await expect(delegateToAgentAccount(owner, { implementation: zeroAddress })).rejects.toBeInstanceOf(
      AgentAccountImplementationMissingError,
    );
    expect(await publicClient.getTransactionCount({ address: ownerAddress })).toBe(nonce);
  });

  it("refuses an account that cannot sign an authorization (a JSON-RPC account)", async () => {
    const { rpcUrl, ownerAddress, deployment } = await setupAccount({ delegate: false });
    const client = createClients({ rpcUrl, chainId: 31337, account: { address: ownerAddress, type: "json-rpc" } })
      .walletClient!;
    await expect(
      delegateToAgentAccount(client, { implementation: deployment.contracts.AgentAccount }),
    ).rejects.toBeInstanceOf(DelegationSignerError);
  });
});
