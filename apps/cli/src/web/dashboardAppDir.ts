import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";

/**
 * Where the dashboard's sources live (apps/web) and where `vite build` writes the static files the CLI serves.
 *
 * @example
 * const { appDir, distDir } = dashboardAppDir();
 */
export function dashboardAppDir(): { appDir: string; distDir: string } {
  const appDir = join(workspaceRoot(), "apps", "web");
  return { appDir, distDir: join(appDir, "dist") };
}
