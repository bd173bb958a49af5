import { BaseError } from "./base.ts";

/**
 * A private-key setting that cannot give an account on this chain: malformed, missing off the local devnet, or a public
 * Hardhat devnet key off the local devnet. Names the setting, the problem and the fix.
 */
export class AccountSettingError extends BaseError {
  override name = "AccountSettingError";
  readonly setting: string;
  readonly problem: string;
  readonly fix: string;
  constructor({ setting, problem, fix }: { setting: string; problem: string; fix: string }) {
    super(`${setting}: ${problem}`, { metaMessages: [fix] });
    this.setting = setting;
    this.problem = problem;
    this.fix = fix;
  }
}
