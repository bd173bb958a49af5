import { CHROMIUM_INSTALL_HINT, findChromium } from "./findChromium.ts";
import type { DoctorCheck } from "./types.ts";

/**
 * Whether a Chromium for the dashboard's browser tests (`pnpm test` runs them) is found, and how to get one. A warning
 * only: the CLI itself needs no browser.
 */
export function browserChecks(): DoctorCheck[] {
  const chromium = findChromium();
  return [
    chromium.found
      ? {
          name: "chromium",
          status: "ok",
          detail: `${chromium.path} (${chromium.source === "CHROMIUM_PATH" ? "CHROMIUM_PATH" : chromium.source === "playwright-cache" ? "Playwright's cache" : "system"}), for the dashboard's browser tests`,
        }
      : {
          name: "chromium",
          status: "warn",
          detail: `no browser for the dashboard's browser tests (test/web/): ${chromium.reason}`,
          fix: CHROMIUM_INSTALL_HINT,
        },
  ];
}
