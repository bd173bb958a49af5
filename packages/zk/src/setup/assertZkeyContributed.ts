import { ZkeyWithoutContributionError } from "../errors/setup.ts";
import { readZkeyInfo } from "./readZkeyInfo.ts";

/**
 * Refuses a proving key with no phase-2 contribution: its delta is still the generator, so the
 * toxic waste is public and anyone can forge proofs. Setup checks the key it makes; prove checks the
 * key it is given.
 *
 * @example
 * await assertZkeyContributed({ path: setup.zkey });
 */
export async function assertZkeyContributed({ path }: { path: string }): Promise<{ contributions: number }> {
  const { contributions, deltaUnchanged } = await readZkeyInfo({ path });
  if (contributions === 0 || deltaUnchanged) throw new ZkeyWithoutContributionError({ path });
  return { contributions };
}
