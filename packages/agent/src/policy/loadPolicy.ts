import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PolicyConfigError } from "../errors/policy.ts";
import { defaultPolicyConfig, type PolicyConfig, policyConfigSchema } from "./types.ts";

export type LoadPolicyParameters = {
  /** The folder holding policy.json (see convergenceHome in @convergence/paths). */
  home: string;
};
export type LoadPolicyReturnType = {
  config: PolicyConfig;
  /** Path of policy.json. */
  path: string;
  /** Path of the spend ledger beside it. */
  ledgerPath: string;
  /** Whether the file was just written from the defaults. */
  created: boolean;
};

/**
 * Loads the spending policy from `<home>/policy.json`, writing the defaults there on first use so the
 * user can edit them. A file that is not JSON or does not match the schema is an error naming the field;
 * so is a file from before `allowlist.registeredAgents` was removed, rather than silently trusting less.
 *
 * @example
 * const { config, ledgerPath } = loadPolicy({ home: convergenceHome() });
 */
export function loadPolicy({ home }: LoadPolicyParameters): LoadPolicyReturnType {
  const path = join(home, "policy.json");
  const ledgerPath = join(home, "spend-ledger.json");
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(defaultPolicyConfig, null, 2)}\n`);
    return { config: structuredClone(defaultPolicyConfig), path, ledgerPath, created: true };
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new PolicyConfigError({ path, problem: `not JSON (${(error as Error).message})` });
  }
  const allowlist = (json as { allowlist?: Record<string, unknown> } | null)?.allowlist;
  if (allowlist && typeof allowlist === "object" && "registeredAgents" in allowlist) {
    throw new PolicyConfigError({
      path,
      field: "allowlist.registeredAgents",
      problem:
        'this option was removed because anyone can register an agent, so it let injected text choose the recipient; list the recipients you trust in "allowlist.addresses" and delete "registeredAgents" (or, knowing that, replace it with "anyRegisteredAgent": true)',
    });
  }
  const parsed = policyConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PolicyConfigError({ path, field: issue.path.join(".") || undefined, problem: issue.message });
  }
  return { config: parsed.data, path, ledgerPath, created: false };
}
