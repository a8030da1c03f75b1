// End to end in Chromium against the built app: an administrator creates the conversions webhook
// secret on its page (shown once), a CRM posts a signed lead for an ambassador's tracked link, and
// the conversion appears on the ambassador's My shares and on analytics. Needs `npx remix build`
// first and /usr/bin/chromium.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "~/models/people/users.server";
import type { DB } from "~/utils/db.server";
import { logIn, logOut, startE2eApp, type E2eApp } from "./support/harness";

const PASSWORD = "e2e conversions password";
const ADMIN = "admin.conv@example.com";
const SHARER = "sara.conv@example.com";
const CODE = "Cnv23456";

let app: E2eApp;

async function arrange(db: DB) {
  await insertUser(db, {
    email: ADMIN,
    name: "Ada Admin",
    departmentId: null,
    roles: ["admin"],
    status: "active",
    password: PASSWORD,
    locale: "es",
  });
  const sharer = await insertUser(db, {
    email: SHARER,
    name: "Sara Embajadora",
    departmentId: null,
    roles: ["employee"],
    status: "active",
    password: PASSWORD,
    locale: "es",
  });
  const at = Date.now() - 3_600_000;
  await db
    .insertInto("content_items")
    .values({
      id: "conv-item",
      title: "Fibra en Valencia",
      destination_url: "https://example.com/fibra",
      language: "es",
      status: "published",
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto("tracked_links")
    .values({
      id: "conv-link",
      code: CODE,
      user_id: sharer,
      item_id: "conv-item",
      network: "linkedin",
      destination_url: "https://example.com/fibra",
      click_points: 0,
      created_at: at,
    })
    .execute();
  await db
    .insertInto("shares")
    .values({
      id: "conv-share",
      user_id: sharer,
      item_id: "conv-item",
      network: "linkedin",
      created_at: at,
      text: "Mirad",
      link_id: "conv-link",
      reach: 0,
      scored: 1,
    })
    .execute();
}

beforeAll(async () => {
  app = await startE2eApp("conversions", arrange);
});

afterAll(async () => {
  await app?.stop();
});

describe("conversions in Chromium", () => {
  it("a signed conversion for a link shows on the sharer's My shares and on analytics", async () => {
    const { context, page, errors, consoleErrors } = await app.newPage({ locale: "es-ES" });
    await logIn(page, app.base, ADMIN, PASSWORD);
    await page.goto(`${app.base}/admin/conversions`);
    await page.getByRole("button", { name: "Crear el secreto" }).click();
    const shown = page.getByTestId("webhook-secret");
    await shown.waitFor();
    const secret = (await shown.textContent())!.trim();
    expect(secret).toMatch(/^altavoz_whsec_/);

    const body = JSON.stringify({
      id: "crm-lead-1",
      code: CODE,
      kind: "sale",
      value: 250,
      currency: "EUR",
      occurred_at: new Date(Date.now() - 60_000).toISOString(),
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
    const response = await fetch(`${app.base}/api/conversions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Altavoz-Timestamp": timestamp, "X-Altavoz-Signature": `sha256=${signature}` },
      body,
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ status: "recorded", id: "crm-lead-1" });

    await page.goto(`${app.base}/analytics`);
    const section = page.getByTestId("conversions");
    await expect
      .poll(() => section.getByRole("table", { name: "Por persona" }).locator("tbody tr").first().textContent())
      .toContain("Sara Embajadora");
    const row = (
      await section.getByRole("table", { name: "Por persona" }).locator("tbody tr").first().locator("th, td").allTextContents()
    ).map((c) => c.trim());
    expect(row.slice(0, 3)).toEqual(["Sara Embajadora", "0", "1"]);
    expect(row[6]).toMatch(/250,00\s€/);
    await logOut(page, app.base);

    await logIn(page, app.base, SHARER, PASSWORD);
    await page.goto(`${app.base}/shares`);
    const mine = page.getByRole("table", { name: "Conversiones de tus enlaces" });
    await mine.waitFor();
    const cells = (await mine.locator("tbody tr").first().locator("th, td").allTextContents()).map((c) => c.trim());
    expect(cells.slice(0, 4)).toEqual(["Fibra en Valencia", "LinkedIn", "0", "1"]);
    expect(cells[5]).toMatch(/250,00\s€/);

    expect([...errors, ...consoleErrors]).toEqual([]);
    await context.close();
  });
});
