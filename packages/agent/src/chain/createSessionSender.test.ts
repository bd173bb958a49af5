import { ContractRevertError } from "@convergence/sdk";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { describe, expect, it, vi } from "vitest";
import { SessionRefusedError } from "../errors/session.ts";

const executeAsSession = vi.fn();
vi.mock("@convergence/sdk", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@convergence/sdk")>()),
  executeAsSession: (...args: unknown[]) => executeAsSession(...args),
}));
const { createSessionSender } = await import("./createSessionSender.ts");

const account = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const key = privateKeyToAccount(generatePrivateKey());
const sender = () => createSessionSender({ rpcUrl: "http://127.0.0.1:1", chainId: 31337, account, key });
const call = { to: account, data: "0x" } as const;

describe("createSessionSender", () => {
  it("sends the batch from the owner's account with the session key's client", async () => {
    executeAsSession.mockResolvedValueOnce({ hash: "0x01", receipt: {} });
    const s = sender();
    expect(s.address).toBe(account);
    await expect(s.send([call])).resolves.toEqual({ hash: "0x01", receipt: {} });
    const [client, parameters] = executeAsSession.mock.calls.at(-1)!;
    expect(client.account.address).toBe(key.address);
    expect(parameters).toEqual({ account, calls: [call] });
  });

  it("an AgentAccount refusal comes back named, saying nothing was sent; any other error as it was", async () => {
    executeAsSession.mockRejectedValueOnce(
      new ContractRevertError({
        contract: "AgentAccount",
        functionName: "execute",
        errorName: "AgentAccountOverCallCap",
        args: ["0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0", 100_000_000n, 50_000_000n],
      }),
    );
    const refused = await sender()
      .send([call])
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SessionRefusedError);
    expect((refused as SessionRefusedError).errorName).toBe("AgentAccountOverCallCap");
    expect((refused as Error).message).toMatch(
      /^Refused on chain by the session key's policy: AgentAccountOverCallCap\(0x9fE4.*, 100000000, 50000000\)\. Nothing was sent\./,
    );
    const inner = new ContractRevertError({ contract: "Pool", functionName: "execute", errorName: "PoolExpired" });
    executeAsSession.mockRejectedValueOnce(inner);
    await expect(sender().send([call])).rejects.toBe(inner);
  });
});
