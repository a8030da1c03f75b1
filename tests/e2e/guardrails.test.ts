// End to end in Chromium: the share dialog checks the guardrails as the employee types. A blocked phrase
// shows the decálogo rule it breaks and holds the share buttons back; dropping X's disclosure does too; a
// locked text is read-only. Without JavaScript the server refuses the same text and quotes the rule.
// Needs `npx remix build` first and /usr/bin/chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContentItem, transitionContent, updateContentItem, type Actor, type ContentInput } from "~/models/content/items.server";
import { setTextLock } from "~/models/content/text-locks.server";
import { createDepartment } from "~/models/people/departments.server";
import { acknowledgeGuideline } from "~/models/guidelines/acknowledgements.server";
import { createDocument } from "~/models/guidelines/documents.server";
import { insertVersion } from "~/models/guidelines/versions.server";
import { insertUser } from "~/models/people/users.server";
import { addBlockedPhrase, DECALOGUE_SLUG, setDisclosures } from "~/models/sharing/guardrails.server";
import type { DB } from "~/utils/db.server";
import { logIn, startE2eApp, type E2eApp } from "./support/harness";

const PASSWORD = "e2e guardrails password";
const EMPLOYEE = "gala.e2e@example.com";
const HOUR = 3_600_000;
const RULE = "2. Nunca prometas resultados";

let app: E2eApp;
let itemId = "";
let editedId = "";

async function arrange(db: DB) {
  const department = await createDepartment(db, "Ventas");
  const departmentId = department.ok ? department.id : null;
  const person = (email: string, name: string, roles: Actor["roles"]) =>
    insertUser(db, { email, name, departmentId, roles: [...roles], status: "active", password: PASSWORD, locale: "es" });
  const employee = await person(EMPLOYEE, "Gala Embajadora", ["employee"]);
  const editor: Actor = { id: await person("editor.g@example.com", "Elena Editora", ["editor"]), roles: ["editor"] };
  const reviewer: Actor = { id: await person("reviewer.g@example.com", "Rita Revisora", ["reviewer"]), roles: ["reviewer"] };
  const admin = await person("admin.g@example.com", "Ada Admin", ["admin"]);

  const document = await createDocument(db, { slug: DECALOGUE_SLUG, required: true, actorId: null });
  if (!document.ok) throw new Error("document");
  const rule = (title: string) => ({ title, body: `${title}.`, do: ["Sí"], dont: ["No"] });
  const version = await db.transaction().execute((trx) =>
    insertVersion(trx, {
      documentId: document.id,
      texts: {
        es: {
          title: "Decálogo",
          introduction: "Pautas para compartir.",
          rules: [rule("Sé transparente"), rule("Nunca prometas resultados"), rule("Habla en tu nombre")],
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
  const input: ContentInput = {
    title: "Fibra en Valencia",
    commentary: "Llegamos a más hogares.",
    destinationUrl: "https://news.example.com/fibra",
    imageUrl: null,
    language: "es",
    campaignId: null,
    topics: [],
    hashtags: [],
    departmentIds: [],
    publishAt: now - HOUR,
    expireAt: null,
    shareTexts: { x: { text: "Más fibra para Valencia" }, whatsapp: { text: "¡Mirad esto!" } },
  };
  const approved = async (content: ContentInput) => {
    const created = await createContentItem(db, editor, content, { now: now - 2 * HOUR });
    if (!created.ok) throw new Error(created.error);
    for (const [actor, step] of [
      [editor, "submit"],
      [reviewer, "approve"],
    ] as const) {
      const moved = await transitionContent(db, actor, created.id, step, { now: now - 2 * HOUR });
      if (!moved.ok) throw new Error(moved.error);
    }
    return created.id;
  };
  itemId = await approved(input);
  // Approved, then edited (back to draft) and resubmitted: the reviewer sees what changed.
  editedId = await approved({ ...input, title: "Fibra editada" });
  const edited = await updateContentItem(db, editor, editedId, {
    ...input,
    title: "Fibra editada",
    shareTexts: { x: { text: "Más fibra para toda Valencia" } },
  });
  if (!edited.ok) throw new Error(edited.error);
  const resubmitted = await transitionContent(db, editor, editedId, "submit");
  if (!resubmitted.ok) throw new Error(resubmitted.error);
  const added = await addBlockedPhrase(db, admin, { phrase: "éxito garantizado", ruleNumber: 2, ruleText: null });
  if (!added.ok) throw new Error("phrase");
  await setDisclosures(db, admin, { x: "#empleado" });
  await setTextLock(db, { actorId: reviewer.id, itemId, network: "whatsapp", locked: true });
}

const sharesOfItem = async () => (await app.db.selectFrom("shares").select("id").where("item_id", "=", itemId).execute()).length;

beforeAll(async () => {
  app = await startE2eApp("guardrails", arrange);
});

afterAll(async () => {
  await app?.stop();
});

describe("guardrails in the share dialog", () => {
  it("typing a blocked phrase shows the rule it breaks and the share button is refused; so is dropping the disclosure", async () => {
    const { page, errors, context } = await app.newPage();
    await logIn(page, app.base, EMPLOYEE, PASSWORD);
    await page.goto(`${app.base}/feed/${itemId}?network=x#share`);
    const share = page.getByRole("button", { name: "Compartir en X" });
    await share.waitFor();
    const box = page.getByLabel("Tu publicación");
    const suggested = await box.inputValue();
    expect(suggested).toMatch(new RegExp(`^Más fibra para Valencia #empleado\\n\\n${app.base}/l/[A-Za-z0-9]{8}$`));
    expect(await share.isEnabled()).toBe(true);

    await box.fill(`¡ÉXITO GARANTIZADO! ${suggested}`);
    const notice = page.getByTestId("guardrail-notice");
    await expect.poll(() => notice.textContent()).toContain(RULE);
    expect(await notice.textContent()).toContain("«éxito garantizado»");
    expect(await share.isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Copiar texto" }).isDisabled()).toBe(true);

    // A word that merely starts like the phrase is fine; dropping the disclosure is not.
    await box.fill(suggested.replace("#empleado", ""));
    await expect.poll(() => notice.textContent()).toContain("«#empleado»");
    expect(await share.isDisabled()).toBe(true);

    await box.fill(suggested);
    await notice.waitFor({ state: "detached" });
    expect(await share.isEnabled()).toBe(true);
    expect(await sharesOfItem()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a locked text read-only", async () => {
    const { page, context } = await app.newPage();
    await logIn(page, app.base, EMPLOYEE, PASSWORD);
    await page.goto(`${app.base}/feed/${itemId}?network=whatsapp#share`);
    await page.getByTestId("text-locked").waitFor();
    expect(await page.getByLabel("Tu publicación").getAttribute("readonly")).not.toBeNull();
    await context.close();
  });

  it("without JavaScript the server refuses the text, quoting the rule, and records nothing", async () => {
    const { page, context } = await app.newPage({ javaScriptEnabled: false });
    await logIn(page, app.base, EMPLOYEE, PASSWORD);
    await page.goto(`${app.base}/feed/${itemId}?network=x#share`);
    const box = page.getByLabel("Tu publicación");
    await box.fill(`Éxito garantizado ${await box.inputValue()}`);
    await page.getByRole("button", { name: "Copiar texto" }).click();
    await expect.poll(() => page.getByTestId("guardrail-notice").textContent()).toContain(RULE);
    expect(await sharesOfItem()).toBe(0);
    await context.close();
  });

  it("a reviewer sees the word diff against the last approved version and locks a network's text", async () => {
    const { page, errors, context } = await app.newPage();
    await logIn(page, app.base, "reviewer.g@example.com", PASSWORD);
    await page.goto(`${app.base}/review/${editedId}`);
    const diff = page.getByTestId("edit-diff");
    await diff.waitFor();
    expect(await diff.locator('[data-diff="x"] ins').allTextContents()).toEqual(["toda "]);
    expect(await diff.locator('[data-diff="whatsapp"] del').allTextContents()).toEqual(["¡Mirad esto!"]);
    await Promise.all([page.waitForURL(`**/review/${editedId}`), page.getByRole("button", { name: "Bloquear el texto de X" }).click()]);
    await page.getByRole("button", { name: "Desbloquear el texto de X" }).waitFor();
    const locks = await app.db.selectFrom("content_text_locks").select("network").where("item_id", "=", editedId).execute();
    expect(locks).toEqual([{ network: "x" }]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
