import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findChromium } from "./findChromium.ts";

const dir = mkdtempSync(join(tmpdir(), "find-chromium-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function executable(path: string): string {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, "#!/bin/sh\n");
  chmodSync(path, 0o755);
  return path;
}

describe("findChromium", () => {
  it("takes CHROMIUM_PATH first, and refuses one that is not an executable instead of looking further", () => {
    const browser = executable(join(dir, "bin", "my-chrome"));
    expect(findChromium({ env: { CHROMIUM_PATH: browser } })).toEqual({
      found: true,
      path: browser,
      source: "CHROMIUM_PATH",
    });
    const wrong = findChromium({ env: { CHROMIUM_PATH: join(dir, "missing"), PATH: join(dir, "bin") } });
    expect(wrong).toMatchObject({
      found: false,
      reason: expect.stringMatching(/CHROMIUM_PATH is .*missing.*fix or unset/),
    });
  });

  it("takes Debian's /usr/bin/chromium before the PATH", () => {
    const system = executable(join(dir, "usr-bin", "chromium"));
    executable(join(dir, "path2", "chromium-browser"));
    expect(findChromium({ env: { PATH: join(dir, "path2") }, systemChromium: system })).toMatchObject({
      path: system,
      source: "system",
    });
  });

  it("finds chromium-browser on the PATH, else Playwright's cache, else says what it looked at", () => {
    const systemChromium = join(dir, "no-system-chromium");
    const onPath = executable(join(dir, "path", "chromium-browser"));
    expect(findChromium({ env: { PATH: join(dir, "path") }, systemChromium })).toMatchObject({
      path: onPath,
      source: "PATH",
    });
    const cache = join(dir, "ms-playwright");
    const cached = executable(join(cache, "chromium-1255", "chrome-linux64", "chrome"));
    expect(findChromium({ env: { PATH: "", PLAYWRIGHT_BROWSERS_PATH: cache }, systemChromium })).toMatchObject({
      path: cached,
      source: "playwright-cache",
    });
    expect(
      findChromium({ env: { PATH: "", PLAYWRIGHT_BROWSERS_PATH: join(dir, "none") }, systemChromium }),
    ).toMatchObject({
      found: false,
      reason: expect.stringMatching(/CHROMIUM_PATH, \/usr\/bin\/chromium, chromium-browser/),
    });
  });
});
