// End to end in Chromium against the built app: the installable app. The manifest names PNG icons at
// the sizes browsers ask for (and a maskable one), the service worker takes over, the feed opens from
// its last copy when the network is gone, other pages show the offline page, and signing out drops the
// copied pages (the next person on the device never sees them). Needs `npx remix build` first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "~/models/people/users.server";
import type { DB } from "~/utils/db.server";
import { logIn, logOut, startE2eApp, type E2eApp } from "./support/harness";

const PASSWORD = "e2e installable password";
const EMAIL = "pia.e2e@example.com";
const PAGES = "altavoz-pages-v2";

let app: E2eApp;

async function arrange(db: DB) {
  await insertUser(db, {
    email: EMAIL,
    name: "Pía Móvil",
    departmentId: null,
    roles: ["employee"],
    status: "active",
    password: PASSWORD,
    locale: "es",
  });
}

beforeAll(async () => {
  app = await startE2eApp("installable", arrange);
});

afterAll(async () => {
  await app?.stop();
});

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (bytes: Buffer) => ({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });

describe("the installable app", () => {
  it("has a manifest with 192 and 512 px PNG icons (one maskable) that start the feed", async () => {
    const manifest = (await (await fetch(`${app.base}/manifest.webmanifest`)).json()) as {
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; type: string; purpose: string }[];
    };
    expect(manifest.display).toBe("standalone");
    expect(new URL(manifest.start_url, app.base).pathname).toBe("/feed");
    const pngs = manifest.icons.filter((i) => i.type === "image/png");
    expect(pngs.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
    for (const icon of pngs) {
      const response = await fetch(`${app.base}${icon.src}`);
      expect(response.headers.get("content-type")).toBe("image/png");
      const [width, height] = icon.sizes.split("x").map(Number);
      expect(pngSize(Buffer.from(await response.arrayBuffer()))).toEqual({ width, height });
    }
    const touch = await fetch(`${app.base}/apple-touch-icon.png`);
    expect(pngSize(Buffer.from(await touch.arrayBuffer()))).toEqual({ width: 180, height: 180 });
  });

  it("opens the feed offline from its last copy, shows the offline page elsewhere, and forgets the copy on signing out", async () => {
    const { context, page, errors } = await app.newPage();
    await logIn(page, app.base, EMAIL, PASSWORD);
    await page.goto(`${app.base}/feed`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // Now controlled by the worker: this visit is copied.
    await page.goto(`${app.base}/feed`);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const heading = await page.locator("main h1").first().textContent();
    const copies = () =>
      page.evaluate(async (name) => ((await caches.has(name)) ? (await (await caches.open(name)).keys()).length : 0), PAGES);
    await expect.poll(copies).toBe(1);

    await context.setOffline(true);
    await page.goto(`${app.base}/feed`);
    expect(await page.locator("main h1").first().textContent()).toBe(heading);
    await page.goto(`${app.base}/leaderboard`);
    expect(await page.locator("h1").textContent()).toBe("Sin conexión");
    await context.setOffline(false);

    await page.goto(`${app.base}/feed`);
    await logOut(page, app.base);
    await expect.poll(copies).toBe(0);
    expect(errors).toEqual([]);
  });
});
