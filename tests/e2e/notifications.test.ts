// End to end in Chromium against the built app: the bell shows an unread notification, opening it leads
// to its item and marks it read; a weekly digest is built and sent to the outbox, and its share button,
// opened signed out, goes through the login to the share dialog with the person's tracked link ready,
// and the share is attributed to the digest. Needs `npx remix build` first and /usr/bin/chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContentItem, transitionContent, type Actor } from "~/models/content/items.server";
import { acknowledgeGuideline } from "~/models/guidelines/acknowledgements.server";
import { createDocument } from "~/models/guidelines/documents.server";
import { insertVersion } from "~/models/guidelines/versions.server";
import { queueDigestSlot } from "~/models/digests/build.server";
import { notify } from "~/models/notifications/notify.server";
import { insertUser } from "~/models/people/users.server";
import type { DB } from "~/utils/db.server";
import { logIn, startE2eApp, type E2eApp } from "./support/harness";

const PASSWORD = "e2e notifications password";
const EMPLOYEE = "lola.e2e@example.com";
const HOUR = 3_600_000;

let app: E2eApp;
let itemId = "";
let employeeId = "";

async function arrange(db: DB) {
  const person = (email: string, name: string, roles: Actor["roles"]) =>
    insertUser(db, { email, name, departmentId: null, roles: [...roles], status: "active", password: PASSWORD, locale: "es" });
  employeeId = await person(EMPLOYEE, "Lola Embajadora", ["employee"]);
  const editor: Actor = { id: await person("editor.n.e2e@example.com", "Elena Editora", ["editor"]), roles: ["editor"] };
  const reviewer: Actor = { id: await person("reviewer.n.e2e@example.com", "Rita Revisora", ["reviewer"]), roles: ["reviewer"] };
  const document = await createDocument(db, { slug: "decalogo", required: true, actorId: null });
  if (!document.ok) throw new Error("document");
  const version = await db.transaction().execute((trx) =>
    insertVersion(trx, {
      documentId: document.id,
      texts: {
        es: {
          title: "Decálogo",
          introduction: "Pautas.",
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
  const ack = await acknowledgeGuideline(db, { userId: employeeId, versionId: version.id, language: "es", textHash: hash.text_hash });
  if (!ack.ok) throw new Error(ack.error);
  const now = Date.now();
  const created = await createContentItem(
    db,
    editor,
    {
      title: "Abrimos oficina en Bilbao",
      commentary: "Nueva sede.",
      destinationUrl: "https://news.example.com/bilbao",
      imageUrl: null,
      language: "es",
      campaignId: null,
      topics: [],
      hashtags: [],
      departmentIds: [],
      publishAt: now - HOUR,
      expireAt: null,
      shareTexts: { linkedin: { text: "¡Llegamos a Bilbao!" } },
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
  // Its publication is taken as announced already: the server's own fan-out would add a second "new item" to
  // the bell at a moment that depends on the scheduler, and this test is about the one written here.
  await db.updateTable("content_items").set({ alerted_at: now }).where("id", "=", itemId).execute();
  await notify(db, { userId: employeeId, kind: "new_item", params: { title: "Abrimos oficina en Bilbao" }, link: `/feed/${itemId}` });
}

beforeAll(async () => {
  app = await startE2eApp("notifications", arrange);
});

afterAll(async () => {
  await app?.stop();
});

describe("notifications and the digest", () => {
  it("the bell counts unread notifications; opening one leads to its item and marks it read", async () => {
    const { page, errors } = await app.newPage();
    await logIn(page, app.base, EMPLOYEE, PASSWORD);
    await page.goto(`${app.base}/feed`);
    expect((await page.getByTestId("bell-count").textContent())?.trim()).toBe("1");
    await page.getByTestId("bell").click();
    await page.waitForURL("**/notifications");
    await page.getByRole("button", { name: /Nuevo para compartir: Abrimos oficina en Bilbao/ }).click();
    await page.waitForURL(`**/feed/${itemId}`);
    await expect.poll(() => page.getByTestId("bell-count").count()).toBe(0);
    const row = await app.db.selectFrom("notifications").select("read_at").where("user_id", "=", employeeId).executeTakeFirstOrThrow();
    expect(row.read_at).not.toBeNull();
    expect(errors).toEqual([]);
  });

  it("a digest mail from the outbox, opened signed out, leads through the login to the share dialog with the tracked link", async () => {
    const now = Date.now();
    expect(await queueDigestSlot(app.db, { slot: "weekly:e2e", frequency: "weekly", at: now }, now)).toEqual({ queued: 3 }); // the editor and the reviewer get theirs too
    // The app's own sender picks the job up.
    await expect
      .poll(async () => (await app.db.selectFrom("outbox").select("id").where("to_address", "=", EMPLOYEE).execute()).length, {
        timeout: 30_000,
      })
      .toBe(1);
    const mail = await app.db
      .selectFrom("outbox")
      .select(["html_body", "headers"])
      .where("to_address", "=", EMPLOYEE)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(mail.headers!)["List-Unsubscribe"]).toContain(`${app.base}/unsubscribe?token=`);

    const { page, errors } = await app.newPage();
    await page.setContent(mail.html_body);
    await page.getByRole("link", { name: "Compartir" }).click();
    await page.waitForURL("**/login?**");
    await page.getByLabel(/Correo electrónico|Email/).fill(EMPLOYEE);
    await page.getByLabel(/^(Contraseña|Password)$/).fill(PASSWORD);
    await Promise.all([page.waitForURL(`**/feed/${itemId}?via=digest**`), page.locator("main button[type=submit]").click()]);
    const box = page.getByLabel("Tu publicación");
    await box.waitFor();
    expect(await box.inputValue()).toMatch(new RegExp(`^¡Llegamos a Bilbao!\\n\\n${app.base}/l/[A-Za-z0-9]{8}$`));
    await page.getByRole("button", { name: /Copiar texto/ }).click();
    await expect
      .poll(async () =>
        (await app.db.selectFrom("shares").select("channel").where("user_id", "=", employeeId).execute()).map((s) => s.channel),
      )
      .toEqual(["digest"]);
    expect(errors).toEqual([]);
  });
});
