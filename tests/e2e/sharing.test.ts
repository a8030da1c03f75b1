// End to end in Chromium against the built app: an onboarded employee shares an item from the feed on X
// (the network's page is answered locally: the machine has no internet), someone else opens the tracked
// link in another browser context and lands on the item's page with UTM parameters, and the click shows
// up in the employee's results once the batch writer has run; their own click does not count. Without
// JavaScript the dialog still works ("Copy text" shows the post to copy), a newcomer is told why they
// cannot share, and a clean shutdown writes clicks still waiting in the buffer.
// Needs `npx remix build` first and /usr/bin/chromium.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContentItem, transitionContent, type Actor } from "~/models/content/items.server";
import { createDepartment } from "~/models/people/departments.server";
import { acknowledgeGuideline } from "~/models/guidelines/acknowledgements.server";
import { createDocument } from "~/models/guidelines/documents.server";
import { insertVersion } from "~/models/guidelines/versions.server";
import { getOrCreateTrackedLink } from "~/models/sharing/tracked-links.server";
import { insertUser } from "~/models/people/users.server";
import { createDatabase, migrateToLatest, type DB } from "~/utils/db.server";
import { logIn, root, startE2eApp, type E2eApp } from "./support/harness";

const PASSWORD = "e2e sharing password";
const EMPLOYEE = "sara.e2e@example.com";
const NEWCOMER = "nico.e2e@example.com";
const DESTINATION = "https://news.example.com/fibra-valencia?ref=feed";
const HOUR = 3_600_000;

let app: E2eApp;
let itemId = "";

async function arrange(db: DB) {
  const department = await createDepartment(db, "Ventas");
  const departmentId = department.ok ? department.id : null;
  const person = (email: string, name: string, roles: Actor["roles"]) =>
    insertUser(db, { email, name, departmentId, roles: [...roles], status: "active", password: PASSWORD, locale: "es" });
  const employee = await person(EMPLOYEE, "Sara Embajadora", ["employee"]);
  await person(NEWCOMER, "Nico Nuevo", ["employee"]);
  const editor: Actor = { id: await person("editor.e2e@example.com", "Elena Editora", ["editor"]), roles: ["editor"] };
  const reviewer: Actor = { id: await person("reviewer.e2e@example.com", "Rita Revisora", ["reviewer"]), roles: ["reviewer"] };

  // A required guideline the employee has accepted (so she is onboarded) and the newcomer has not.
  const document = await createDocument(db, { slug: "decalogo", required: true, actorId: null });
  if (!document.ok) throw new Error("document");
  const version = await db.transaction().execute((trx) =>
    insertVersion(trx, {
      documentId: document.id,
      texts: {
        es: {
          title: "Decálogo",
          introduction: "Pautas para compartir.",
          rules: [{ title: "Sé transparente", body: "Di dónde trabajas.", do: ["Decirlo"], dont: ["Ocultarlo"] }],
        },
      },
      status: "published",
      source: "editor",
      actorId: null,
      now: Date.now(),
    }),
  );
  const hash = await db
    .selectFrom("guideline_version_texts")
    .select("text_hash")
    .where("version_id", "=", version.id)
    .executeTakeFirstOrThrow();
  const ack = await acknowledgeGuideline(db, { userId: employee, versionId: version.id, language: "es", textHash: hash.text_hash });
  if (!ack.ok) throw new Error(ack.error);

  const now = Date.now();
  const created = await createContentItem(
    db,
    editor,
    {
      title: "Fibra para 20 000 hogares más en Valencia",
      commentary: "Llegamos a **20 000 hogares** más.",
      destinationUrl: DESTINATION,
      imageUrl: null,
      language: "es",
      campaignId: null,
      topics: ["fibra"],
      hashtags: ["#Fibra"],
      departmentIds: [],
      publishAt: now - HOUR,
      expireAt: null,
      shareTexts: {
        linkedin: { text: "Más fibra para Valencia." },
        x: { text: "Más fibra para Valencia" },
        whatsapp: { text: "¡Mirad esto!" },
      },
    },
    { now: now - 2 * HOUR },
  );
  if (!created.ok) throw new Error(created.error);
  for (const [actor, step] of [
    [editor, "submit"],
    [reviewer, "approve"],
  ] as const) {
    const moved = await transitionContent(db, actor, created.id, step, { now: now - 2 * HOUR });
    if (!moved.ok) throw new Error(moved.error);
  }
  itemId = created.id;
}

/** Answers any request to the networks' and the destination's hosts locally. */
async function answerExternal(page: Page) {
  await page.route(/^https:\/\/(twitter\.com|x\.com|www\.linkedin\.com|www\.facebook\.com|wa\.me|news\.example\.com)\//, (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>external</title><p>external page</p>" }),
  );
}

/**
 * A context with an ordinary desktop Chrome user agent: headless Chromium says "HeadlessChrome", which
 * isbot rightly takes for a bot, and bots' clicks are not counted.
 */
async function humanPage() {
  const context = await app.browser.newContext({
    locale: "es-ES",
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  });
  const page = await context.newPage();
  return { context, page };
}

async function clicksCell(page: Page): Promise<string> {
  await page.goto(`${app.base}/feed/${itemId}`);
  return (await page.locator('table.shared-links tr[data-network="x"] td[data-column="clicks"]').textContent())?.trim() ?? "";
}

beforeAll(async () => {
  app = await startE2eApp("sharing", arrange);
});

afterAll(async () => {
  await app?.stop();
});

describe("sharing from the feed", () => {
  let trackedUrl = "";

  it("an onboarded employee shares an item on X with her edited text", async () => {
    const { page, errors } = await app.newPage();
    await answerExternal(page);
    await logIn(page, app.base, EMPLOYEE, PASSWORD);
    await page.goto(`${app.base}/feed`);
    await page.getByRole("link", { name: "Compartir", exact: true }).first().click();
    await page.waitForURL(`**/feed/${itemId}#share`);
    await page.getByRole("navigation", { name: "Compartir en" }).getByRole("link", { name: "X", exact: true }).click();
    await page.getByRole("button", { name: "Compartir en X" }).waitFor();
    const box = page.getByLabel("Tu publicación");
    const suggested = await box.inputValue();
    expect(suggested).toMatch(new RegExp(`^Más fibra para Valencia\\n\\n#Fibra\\n\\n${app.base}/l/[A-Za-z0-9]{8}$`));
    trackedUrl = suggested.split("\n").at(-1)!;
    // The counter follows the text as it is typed (X counts the link as 23).
    await expect.poll(() => page.locator(".counter").textContent()).toContain("56 de 280");
    await box.fill(`¡Orgullosa de este despliegue! ${suggested}`);
    await expect.poll(() => page.locator(".counter").textContent()).toContain("87 de 280");

    // X opens in a window of its own, sized for it, and the dialog says what was recorded.
    await page
      .context()
      .route(/^https:\/\/twitter\.com\//, (route) =>
        route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>external</title><p>external page</p>" }),
      );
    const [popup] = await Promise.all([page.context().waitForEvent("page"), page.getByRole("button", { name: "Compartir en X" }).click()]);
    await popup.waitForLoadState();
    const intent = new URL(popup.url());
    expect(intent.origin + intent.pathname).toBe("https://twitter.com/intent/tweet");
    expect(intent.searchParams.get("text")).toBe(`¡Orgullosa de este despliegue! ${suggested}`);
    expect(await popup.evaluate(() => [window.innerWidth, window.opener === null])).toEqual([600, true]);
    await page.getByTestId("share-popup-status").waitFor();
    expect(await page.getByTestId("share-popup-status").textContent()).toContain("+10");
    // Her first share, with no followers known on X: the status explains why reach needs them.
    expect(await page.getByTestId("share-popup-status").getByTestId("followers-prompt").isVisible()).toBe(true);
    expect(errors).toEqual([]);

    const shares = await app.db.selectFrom("shares").select(["network", "text", "scored"]).where("item_id", "=", itemId).execute();
    expect(shares).toEqual([{ network: "x", text: `¡Orgullosa de este despliegue! ${suggested}`, scored: 1 }]);

    // Back on the item: marked as shared, with its results.
    await page.goto(`${app.base}/feed/${itemId}`);
    await expect.poll(() => page.locator(".shared-mark").first().textContent()).toBeTruthy();
    expect(await page.locator('table.shared-links tr[data-network="x"] td[data-column="points"]').textContent()).toBe("10");
    await page.context().close();
  });

  it("a visitor in another browser context opens the tracked link, lands on the item with UTM parameters, and the click counts", async () => {
    const visitor = await humanPage();
    await answerExternal(visitor.page);
    // The browser follows the 302 to the item's page (which does not exist here: no internet, and
    // Chromium does not let the redirect target be answered locally), so the request is what we check.
    const followed = visitor.page.waitForRequest((request) => request.url().startsWith("https://news.example.com/"));
    const response = visitor.page.waitForResponse((r) => r.url() === trackedUrl);
    await visitor.page.goto(trackedUrl).catch(() => null);
    expect((await response).status()).toBe(302);
    const landed = new URL((await followed).url());
    expect(landed.origin + landed.pathname).toBe("https://news.example.com/fibra-valencia");
    expect(Object.fromEntries(landed.searchParams)).toMatchObject({
      ref: "feed",
      utm_source: "x",
      utm_medium: "employee_advocacy",
      utm_content: trackedUrl.split("/").at(-1),
    });
    await visitor.context.close();

    // The sharer's own visit is not counted.
    const sharer = await humanPage();
    await answerExternal(sharer.page);
    await logIn(sharer.page, app.base, EMPLOYEE, PASSWORD);
    await sharer.page.goto(trackedUrl).catch(() => null);
    await expect.poll(() => clicksCell(sharer.page), { timeout: 10_000 }).toBe("1");
    const clicks = await app.db.selectFrom("link_clicks").select(["is_unique", "is_self"]).orderBy("id").execute();
    expect(clicks).toEqual([
      { is_unique: 1, is_self: 0 },
      { is_unique: 0, is_self: 1 },
    ]);
    expect(await sharer.page.locator('table.shared-links tr[data-network="x"] td[data-column="uniqueClicks"]').textContent()).toBe("1");
    await sharer.context.close();
  });

  it("unknown or crafted links answer the 404 page, never a redirect", async () => {
    const { page, context } = await app.newPage();
    for (const bad of ["/l/zzzzzzzz", "/l/%2F%2Fevil.example", "/l/..%2F..%2Flogin"]) {
      const response = await page.goto(`${app.base}${bad}`);
      expect(response?.status(), bad).toBe(404);
      expect(new URL(page.url()).origin, bad).toBe(app.base);
    }
    await context.close();
  });

  it("checks the text in the browser as it is typed: an empty post is refused and nothing is recorded", async () => {
    const { page, context, errors } = await app.newPage();
    await logIn(page, app.base, EMPLOYEE, PASSWORD);
    await page.goto(`${app.base}/feed/${itemId}?network=whatsapp#share`);
    const before = await app.db.selectFrom("shares").select("id").execute();
    const box = page.getByLabel("Tu publicación");
    await box.fill("");
    await page.getByRole("button", { name: "Copiar texto" }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "Escribe algo que acompañe a tu enlace." });
    await expect.poll(() => refusal.isVisible()).toBe(true);
    expect(await box.evaluate((element) => element === document.activeElement)).toBe(true);
    // Once refused, the check runs again on every change.
    await box.fill("Hola");
    await expect.poll(() => refusal.count()).toBe(0);
    expect(await app.db.selectFrom("shares").select("id").execute()).toEqual(before);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("works without JavaScript: copying records a share and shows the post to copy", async () => {
    const { page, context } = await app.newPage({ javaScriptEnabled: false });
    await logIn(page, app.base, EMPLOYEE, PASSWORD);
    await page.goto(`${app.base}/feed/${itemId}?network=whatsapp#share`);
    await page.getByRole("button", { name: "Copiar texto" }).click();
    await page.waitForLoadState();
    const copied = page.getByLabel("Texto para copiar");
    expect(await copied.inputValue()).toMatch(new RegExp(`^¡Mirad esto!\\n\\n${app.base}/l/[A-Za-z0-9]{8}$`));
    const rows = await app.db.selectFrom("shares").select("network").where("item_id", "=", itemId).orderBy("created_at").execute();
    expect(rows.map((r) => r.network)).toEqual(["x", "whatsapp"]);
    await context.close();
  });

  it("tells someone not onboarded why they cannot share and where to go", async () => {
    const { page, context } = await app.newPage();
    await logIn(page, app.base, NEWCOMER, PASSWORD);
    await page.goto(`${app.base}/feed/${itemId}`);
    const refused = page.getByTestId("share-refused");
    await expect.poll(() => refused.textContent()).toContain("Podrás compartir cuando termines tu incorporación");
    expect(
      await refused
        .getByRole("link", { name: /Decálogo/ })
        .first()
        .getAttribute("href"),
    ).toBe("/guidelines/decalogo");
    expect(await page.getByRole("button", { name: /Compartir en/ }).count()).toBe(0);
    await context.close();
  });
});

describe("a clean shutdown", () => {
  it("writes the clicks still waiting in the buffer", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "altavoz-e2e-shutdown-"));
    const file = path.join(dir, "shutdown.sqlite");
    const db = createDatabase(file);
    await migrateToLatest(db);
    const owner = await insertUser(db, {
      email: "owner@example.com",
      name: "Owner",
      departmentId: null,
      roles: ["employee"],
      status: "active",
    });
    const link = await getOrCreateTrackedLink(db, {
      userId: owner,
      itemId: "item",
      network: "linkedin",
      destinationUrl: "https://example.com/",
    });
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    const server = spawn(process.execPath, ["--import", "tsx", "app/server.ts"], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: file,
        PORT: String(port),
        HOST: "127.0.0.1",
        SESSION_SECRET: "e2e-shutdown-secret-0123456789",
        APP_ORIGIN: `http://127.0.0.1:${port}`,
      },
      stdio: "ignore",
    });
    try {
      for (
        let i = 0;
        i < 100 &&
        !(await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        ));
        i++
      )
        await new Promise((r) => setTimeout(r, 200));
      const requests = 300;
      await Promise.all(
        Array.from({ length: requests }, (_, i) =>
          fetch(`http://127.0.0.1:${port}/l/${link.code}`, {
            redirect: "manual",
            headers: {
              "user-agent": `Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36 v${i}`,
              accept: "text/html",
              "accept-language": "es-ES",
            },
          }).then((r) => {
            expect(r.status).toBe(302);
          }),
        ),
      );
      // At once, while the last clicks are still in the buffer (it writes every 250 ms).
      const exited = new Promise<number | null>((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      expect(await exited).toBe(0);
      const stored = await db
        .selectFrom("link_clicks")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(requests);
    } finally {
      if (server.exitCode === null) server.kill("SIGKILL");
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
