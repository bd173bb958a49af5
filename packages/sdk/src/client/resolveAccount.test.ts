import { DEVNET_CHAIN_ID, devnetAccounts } from "@convergence/contracts";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { AccountSettingError } from "../errors/account.ts";
import { resolveAccount } from "./resolveAccount.ts";

// Hardhat account #0 and #19: public, printed by every `hardhat node`.
const DEVNET_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const DEVNET_KEY_19 = "0xdf57089febbacf7ba0bc227dafbffa9fc08a93fdc68e1e42411a14efcf23656e";

function thrown(run: () => unknown): AccountSettingError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AccountSettingError);
    return error as AccountSettingError;
  }
  throw new Error("expected an AccountSettingError");
}

describe("resolveAccount", () => {
  const setting = "REQUESTER_PRIVATE_KEY";

  it("uses the devnet account of the role on 31337 when the key is unset or blank", () => {
    const [, , worker] = devnetAccounts({ count: 3 });
    for (const privateKey of [undefined, "", "  "]) {
      expect(resolveAccount({ setting, privateKey, chainId: DEVNET_CHAIN_ID, devnetIndex: 2 }).address).toBe(
        worker!.address,
      );
    }
  });

  it("uses the key when set, on the devnet (devnet keys included) and elsewhere", () => {
    const key = generatePrivateKey();
    expect(resolveAccount({ setting, privateKey: key, chainId: 8453, devnetIndex: 0 }).address).toBe(
      privateKeyToAccount(key).address,
    );
    expect(resolveAccount({ setting, privateKey: ` ${key}\n`, chainId: 8453, devnetIndex: 0 }).address).toBe(
      privateKeyToAccount(key).address,
    );
    expect(
      resolveAccount({ setting, privateKey: DEVNET_KEY_0, chainId: DEVNET_CHAIN_ID, devnetIndex: 1 }).address,
    ).toBe(devnetAccounts({ count: 1 })[0]!.address);
  });

  it("refuses a malformed key, naming the setting and the expected form without echoing the value", () => {
    for (const privateKey of ["0x12", "ab".repeat(32), `0x${"zz".repeat(32)}`]) {
      const error = thrown(() => resolveAccount({ setting, privateKey, chainId: DEVNET_CHAIN_ID, devnetIndex: 0 }));
      expect(error.setting).toBe(setting);
      expect(error.message).toContain(`${setting}: is not a private key`);
      expect(error.message).toContain("expected 0x followed by 64 hex digits");
      expect(error.message).not.toContain(privateKey);
    }
  });

  it("refuses a missing key off the devnet, naming the setting, the chain and the fix", () => {
    const error = thrown(() =>
      resolveAccount({ setting, privateKey: undefined, chainId: 8453, devnetIndex: 0, needs: "an account with USDC" }),
    );
    expect(error.shortMessage).toBe(`${setting}: not set, and chain 8453 is not the local devnet (31337).`);
    expect(error.fix).toBe(`Export ${setting}=0x<64 hex digits> for an account with USDC on chain 8453.`);
  });

  it("refuses every public devnet key off the devnet, naming the setting and the account", () => {
    for (const [privateKey, index] of [
      [DEVNET_KEY_0, 0],
      [DEVNET_KEY_19, 19],
    ] as const) {
      const error = thrown(() => resolveAccount({ setting, privateKey, chainId: 1, devnetIndex: 0 }));
      expect(error.message).toContain(`${setting}: is a public Hardhat devnet key, refused on chain 1`);
      expect(error.message).toContain(`account #${index}`);
      expect(error.fix).toContain("a private key of your own");
    }
  });
});
