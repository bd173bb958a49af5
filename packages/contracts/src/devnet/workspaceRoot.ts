import { fileURLToPath } from "node:url";

/** The repository root, where hardhat.config.ts, artifacts/ and deployments/ live. */
export const workspaceRoot = fileURLToPath(new URL("../../../../", import.meta.url));
