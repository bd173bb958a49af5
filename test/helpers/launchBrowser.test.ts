import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LaunchBrowserReturnType, launchBrowser } from "./launchBrowser.ts";

describe("launchBrowser", () => {
  let launched: LaunchBrowserReturnType;
  beforeAll(async () => {
    launched = await launchBrowser();
  });
  afterAll(async () => {
    await launched?.close();
  });

  it("runs a page's script in a real headless Chromium and reads what it rendered", async () => {
    const server = createServer((_request, response) => {
      response.setHeader("content-type", "text/html");
      response.end(
        '<!doctype html><title>t</title><p id="out"></p><script>document.getElementById("out").textContent = String(6 * 7)</script>',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const page = await launched.browser.newPage();
    try {
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(await page.locator("#out").textContent()).toBe("42");
      expect(launched.browser.version()).toMatch(/^\d+\./);
    } finally {
      await page.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("refuses a CHROMIUM_PATH that is not an executable, saying how to install one", async () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    try {
      await expect(launchBrowser()).rejects.toThrow(
        /CHROMIUM_PATH is \/nonexistent\/chromium.*apt-get install -y chromium/,
      );
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });

  it("closes once, however often close is called", async () => {
    const other = await launchBrowser();
    await Promise.all([other.close(), other.close()]);
    expect(other.browser.isConnected()).toBe(false);
  });
});
