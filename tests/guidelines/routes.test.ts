import { beforeAll, describe, expect, it } from "vitest";
import { getDocumentBySlug, listVersions, loadTexts } from "~/models/guidelines/documents.server";
import { saveDraftText } from "~/models/guidelines/versions.server";
import { getReminderIntervalDays } from "~/models/guidelines/reminders.server";
import * as home from "~/routes/_index";
import * as list from "~/routes/guidelines._index";
import * as reading from "~/routes/guidelines.$slug._index";
import * as versionPage from "~/routes/guidelines.$slug.versions.$number";
import * as manageList from "~/routes/manage.guidelines._index";
import * as manageDocument from "~/routes/manage.guidelines.$slug._index";
import * as editPage from "~/routes/manage.guidelines.$slug.edit";
import * as coverage from "~/routes/manage.guidelines.$slug.coverage";
import * as coverageCsv from "~/routes/manage.guidelines.$slug.coverage[.csv]";
import { db } from "~/utils/db.server";
import { call, createTestUser, getRequest, jsonOf, postRequest, type TestUser } from "../support/http";
import { expectTranslated } from "../support/i18n";
import { countAcknowledgements, createGuideline, publishNewVersion, rules, sampleText, textHashOf } from "./helpers";

let editor: TestUser;
let hr: TestUser;

beforeAll(async () => {
  editor = await createTestUser({ roles: ["editor", "employee"] });
  hr = await createTestUser({ roles: ["hr"] });
});

const countDocuments = async () =>
  Number(
    (
      await db
        .selectFrom("guideline_documents")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const countVersions = async () =>
  Number(
    (
      await db
        .selectFrom("guideline_versions")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The editor form's fields for a text, flat as a browser posts them. */
function textFields(text = sampleText(), language = "es"): Record<string, string> {
  const fields: Record<string, string> = { intent: "save", language, title: text.title, introduction: text.introduction };
  text.rules.forEach((rule, i) => {
    fields[`rules.${i}.title`] = rule.title;
    fields[`rules.${i}.body`] = rule.body;
    fields[`rules.${i}.do`] = rule.do.join("\n");
    fields[`rules.${i}.dont`] = rule.dont.join("\n");
  });
  return fields;
}

describe("reading and acknowledging", () => {
  it("walks an employee from the home banner to acknowledging each required guideline", async () => {
    await db.updateTable("guideline_documents").set({ required: 0 }).execute();
    const employee = await createTestUser();
    const first = await createGuideline({ now: 1 });
    const second = await createGuideline({ now: 2, texts: { es: sampleText({ title: "Guía de clientes" }) } });

    const before = await jsonOf(await call(home.loader, getRequest("/", { cookie: employee.cookie })));
    expect(before.pendingGuidelines).toEqual([
      { slug: first.slug, title: "Decálogo de prueba", version: 1 },
      { slug: second.slug, title: "Guía de clientes", version: 1 },
    ]);
    const listed = await jsonOf(await call(list.loader, getRequest("/guidelines", { cookie: employee.cookie })));
    expect(
      listed.guidelines.filter((g: { required: boolean }) => g.required).map((g: { slug: string; status: string }) => [g.slug, g.status]),
    ).toEqual([
      [first.slug, "pending"],
      [second.slug, "pending"],
    ]);

    const page = await jsonOf(
      await call(reading.loader, getRequest(`/guidelines/${first.slug}`, { cookie: employee.cookie }), { slug: first.slug }),
    );
    expect(page).toMatchObject({
      version: { id: first.versionId, number: 1, status: "published" },
      language: "es",
      fallback: false,
      acknowledgement: null,
    });
    expect(page.textHash).toBe(await textHashOf(first.versionId, "es"));
    expect(page.text.rules).toHaveLength(10);

    const accepted = await call(
      reading.action,
      postRequest(
        `/guidelines/${first.slug}`,
        { accept: "on", versionId: first.versionId, language: "es", textHash: page.textHash },
        { cookie: employee.cookie },
      ),
      { slug: first.slug },
    );
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe(`/guidelines/${second.slug}`);

    const secondPage = await jsonOf(
      await call(reading.loader, getRequest(`/guidelines/${second.slug}`, { cookie: employee.cookie }), { slug: second.slug }),
    );
    const done = await call(
      reading.action,
      postRequest(
        `/guidelines/${second.slug}`,
        { accept: "on", versionId: second.versionId, language: "es", textHash: secondPage.textHash },
        { cookie: employee.cookie },
      ),
      { slug: second.slug },
    );
    // The last required step: the home greets the new ambassador.
    expect(done.headers.get("Location")).toBe("/");
    const after = await jsonOf(await call(home.loader, getRequest("/", { cookie: employee.cookie })));
    expect(after.pendingGuidelines).toEqual([]);
    const reread = await jsonOf(
      await call(reading.loader, getRequest(`/guidelines/${second.slug}`, { cookie: employee.cookie }), { slug: second.slug }),
    );
    expect(reread.acknowledgement?.language).toBe("es");
    // English readers of a Spanish-only guideline see it in Spanish, and say so.
    const english = await createTestUser();
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", english.id).execute();
    const fallback = await jsonOf(
      await call(reading.loader, getRequest(`/guidelines/${second.slug}`, { cookie: english.cookie }), { slug: second.slug }),
    );
    expect([fallback.language, fallback.fallback]).toEqual(["es", true]);
  });

  it("refuses a post without the box ticked, with a bad hash, or for a version superseded while reading; nothing is stored", async () => {
    const employee = await createTestUser();
    const g = await createGuideline();
    const hash = await textHashOf(g.versionId, "es");
    const post = (fields: Record<string, string>) =>
      call(reading.action, postRequest(`/guidelines/${g.slug}`, fields, { cookie: employee.cookie }), { slug: g.slug });

    const unticked = await post({ versionId: g.versionId, language: "es", textHash: hash });
    expect(unticked.status).toBe(400);
    expect((await jsonOf(unticked)).errors).toEqual({ accept: "guidelines.errors.mustAccept" });

    const malformed = await post({ accept: "on", versionId: g.versionId, language: "fr", textHash: "abc" });
    expect(malformed.status).toBe(400);
    expect(Object.keys((await jsonOf(malformed)).errors).sort()).toEqual(["language", "textHash"]);

    const tampered = await post({ accept: "on", versionId: g.versionId, language: "es", textHash: await textHashOf(g.versionId, "en") });
    expect(tampered.status).toBe(400);
    expect((await jsonOf(tampered)).errors).toEqual({ "": "guidelines.errors.textMismatch" });

    await publishNewVersion(g.documentId, sampleText({ title: "Nueva versión" }));
    const stale = await post({ accept: "on", versionId: g.versionId, language: "es", textHash: hash });
    expect(stale.status).toBe(400);
    const staleErrors = (await jsonOf(stale)).errors;
    expect(staleErrors).toEqual({ "": "guidelines.errors.staleVersion" });
    for (const key of ["guidelines.errors.mustAccept", "guidelines.errors.textMismatch", "guidelines.errors.staleVersion"])
      expectTranslated(key);

    const elsewhere = await createGuideline();
    const foreign = await post({
      accept: "on",
      versionId: elsewhere.versionId,
      language: "es",
      textHash: await textHashOf(elsewhere.versionId, "es"),
    });
    expect(foreign.status).toBe(404);
    expect(await countAcknowledgements(employee.id)).toBe(0);
  });

  it("strips scripts and javascript: links from what it renders", async () => {
    const employee = await createTestUser();
    const g = await createGuideline({
      texts: {
        es: sampleText({
          introduction: 'Hola <script>alert("x")</script> [enlace](javascript:alert(1))',
          rules: rules(10).map((r, i) =>
            i === 0 ? { ...r, body: '<img src=x onerror="alert(1)"> **bien**', do: ["<script>x</script>[a](javascript:void(0))"] } : r,
          ),
        }),
      },
    });
    const page = await jsonOf(
      await call(reading.loader, getRequest(`/guidelines/${g.slug}`, { cookie: employee.cookie }), { slug: g.slug }),
    );
    const html = JSON.stringify(page.text);
    expect(html).not.toMatch(/<script|javascript:|onerror|<img/i);
    expect(page.text.rules[0].bodyHtml).toContain("<strong>bien</strong>");
  });

  it("shows drafts on the version page to editors only, and earlier versions to everyone", async () => {
    const employee = await createTestUser();
    const g = await createGuideline();
    await publishNewVersion(g.documentId, sampleText({ title: "Versión 2" }));
    await saveDraftText(db, { documentId: g.documentId, language: "es", text: sampleText({ title: "Borrador 3" }), actorId: editor.id });
    const get = (n: string, who: TestUser) =>
      call(versionPage.loader, getRequest(`/guidelines/${g.slug}/versions/${n}`, { cookie: who.cookie }), { slug: g.slug, number: n });
    const old = await get("1", employee);
    expect(old.status).toBe(200);
    expect((await jsonOf(old)).version).toMatchObject({ number: 1, status: "superseded" });
    expect((await get("3", employee)).status).toBe(404);
    expect((await jsonOf(await get("3", editor))).text.title).toBe("Borrador 3");
    expect((await get("abc", employee)).status).toBe(404);
    expect((await get("9", employee)).status).toBe(404);
  });
});

describe("editors' forms refuse bad input with 400, field errors, and nothing changed", () => {
  it("creating a document", async () => {
    const before = await countDocuments();
    for (const [fields, field, error] of [
      [{ slug: "" }, "slug", "validation.required"],
      [{ slug: "Con espacios!" }, "slug", "guidelines.errors.slug"],
      [{ slug: "-guion" }, "slug", "guidelines.errors.slug"],
    ] as const) {
      const response = await call(manageList.action, postRequest("/manage/guidelines", fields, { cookie: editor.cookie }));
      expect(response.status).toBe(400);
      expect((await jsonOf(response)).errors[field]).toBe(error);
      expectTranslated(error);
    }
    expect(await countDocuments()).toBe(before);
    const created = await call(
      manageList.action,
      postRequest("/manage/guidelines", { slug: "Guia-Nueva", required: "on" }, { cookie: editor.cookie }),
    );
    expect(created.status).toBe(302);
    expect(created.headers.get("Location")).toBe("/manage/guidelines/guia-nueva/edit?lang=es");
    expect((await getDocumentBySlug(db, "guia-nueva"))?.required).toBe(1);
    const again = await call(manageList.action, postRequest("/manage/guidelines", { slug: "guia-nueva" }, { cookie: editor.cookie }));
    expect(again.status).toBe(400);
    expect((await jsonOf(again)).errors).toEqual({ slug: "guidelines.errors.slugTaken" });
    expect(await countDocuments()).toBe(before + 1);
  });

  it("editing a text: too few rules, missing fields, HTML; adding and removing rule slots saves nothing", async () => {
    const g = await createGuideline();
    const path = `/manage/guidelines/${g.slug}/edit`;
    const post = (fields: Record<string, string>) =>
      call(editPage.action, postRequest(path, fields, { cookie: editor.cookie }), { slug: g.slug });
    const versions = await countVersions();

    const twoRules = textFields(sampleText({ rules: rules(2) }));
    const few = await post(twoRules);
    expect(few.status).toBe(400);
    const fewBody = await jsonOf(few);
    expect(fewBody.errors).toEqual({ rules: "guidelines.errors.tooFewRules" });
    expect(fewBody.values.rules).toHaveLength(2);
    expect(fewBody.values.title).toBe("Decálogo de prueba");

    const missing = textFields();
    missing.title = " ";
    missing["rules.3.body"] = "";
    const missingBody = await jsonOf(await post(missing));
    expect(missingBody.errors).toEqual({ title: "validation.required", "rules.3.body": "validation.required" });

    const html = textFields();
    html["rules.0.body"] = "Texto <script>alert(1)</script>";
    html["rules.1.dont"] = "uno\n[dos](javascript:alert(1))";
    const htmlResponse = await post(html);
    expect(htmlResponse.status).toBe(400);
    expect((await jsonOf(htmlResponse)).errors).toEqual({
      "rules.0.body": "guidelines.errors.rawHtml",
      "rules.1.dont": "guidelines.errors.unsafeLink",
    });

    const tooManyExamples = textFields();
    tooManyExamples["rules.2.do"] = Array.from({ length: 11 }, (_, i) => `Ejemplo ${i}`).join("\n");
    expect((await jsonOf(await post(tooManyExamples))).errors).toEqual({ "rules.2.do": "guidelines.errors.tooManyExamples" });
    expect(await countVersions()).toBe(versions);

    const added = await post({ ...textFields(), intent: "addRule" });
    expect(added.status).toBe(200);
    expect((await jsonOf(added)).values.rules).toHaveLength(11);
    const removed = await jsonOf(await post({ ...textFields(), intent: "removeRule:1" }));
    expect(removed.values.rules.map((r: { title: string }) => r.title)).toEqual([
      "Regla 1",
      ...rules(10)
        .slice(2)
        .map((r) => r.title),
    ]);
    expect(await countVersions()).toBe(versions);

    const saved = await post(textFields(sampleText({ title: "Título corregido" }), "en"));
    expect(saved.status).toBe(302);
    const draft = (await listVersions(db, g.documentId)).find((v) => v.status === "draft")!;
    expect(draft.version).toBe(2);
    const texts = (await loadTexts(db, [draft.id])).get(draft.id)!;
    expect(texts.en?.title).toBe("Título corregido");
    expect(texts.en?.rules[0]).toEqual({ title: "Regla 1", body: "Explicación de la regla 1.", do: ["Hacer 1"], dont: ["No hacer 1"] });
  });

  it("the editor loads the draft, else the published text, with the other language as reference", async () => {
    const g = await createGuideline({ texts: { es: sampleText() } });
    const data = await jsonOf(
      await call(editPage.loader, getRequest(`/manage/guidelines/${g.slug}/edit?lang=en`, { cookie: editor.cookie }), { slug: g.slug }),
    );
    expect(data).toMatchObject({
      language: "en",
      draftVersion: null,
      basedOn: 1,
      values: { language: "en", title: "" },
      reference: { language: "es" },
    });
    // A new translation starts with as many rule slots as the Spanish text has rules.
    expect(data.values.rules).toHaveLength(10);
    expect(data.reference.ruleTitles[0]).toBe("Regla 1");
  });

  it("publishing, discarding, required and deleting", async () => {
    const g = await createGuideline({ texts: { es: sampleText() } });
    const path = `/manage/guidelines/${g.slug}`;
    const post = (fields: Record<string, string>) =>
      call(manageDocument.action, postRequest(path, fields, { cookie: editor.cookie }), { slug: g.slug });

    const noDraft = await post({ intent: "publish", changeNote: "" });
    expect(noDraft.status).toBe(400);
    expect((await jsonOf(noDraft)).errors).toEqual({ "": "guidelines.errors.noDraft" });
    await saveDraftText(db, { documentId: g.documentId, language: "es", text: sampleText({ title: "v2" }), actorId: editor.id });
    const longNote = await post({ intent: "publish", changeNote: "x".repeat(501) });
    expect(longNote.status).toBe(400);
    expect((await jsonOf(longNote)).errors).toEqual({ changeNote: "validation.tooLong" });
    expect((await listVersions(db, g.documentId)).map((v) => v.status)).toEqual(["draft", "published"]);

    const page = await jsonOf(await call(manageDocument.loader, getRequest(path, { cookie: editor.cookie }), { slug: g.slug }));
    expect(page.draft).toMatchObject({ version: 2, source: "editor", languages: ["es"], problem: null });

    const published = await post({ intent: "publish", changeNote: "Título nuevo" });
    expect(published.status).toBe(302);
    expect((await listVersions(db, g.documentId)).map((v) => [v.version, v.status, v.change_note])).toEqual([
      [2, "published", "Título nuevo"],
      [1, "superseded", null],
    ]);
    expect((await jsonOf(await post({ intent: "discard" }))).errors).toEqual({ "": "guidelines.errors.noDraft" });
    expect((await jsonOf(await post({ intent: "delete" }))).errors).toEqual({ "": "guidelines.errors.deletePublished" });
    expect((await jsonOf(await post({ intent: "bogus" }))).errors).toEqual({ "": "validation.invalid" });

    expect((await post({ intent: "required", required: "false" })).status).toBe(302);
    expect((await getDocumentBySlug(db, g.slug))?.required).toBe(0);

    const unpublished = await createGuideline({ publish: false });
    const deleted = await call(
      manageDocument.action,
      postRequest(`/manage/guidelines/${unpublished.slug}`, { intent: "delete" }, { cookie: editor.cookie }),
      { slug: unpublished.slug },
    );
    expect(deleted.status).toBe(302);
    expect(await getDocumentBySlug(db, unpublished.slug)).toBeUndefined();
  });
});

describe("coverage page", () => {
  it("refuses a bad reminder interval, sends reminders once per interval, and exports CSV", async () => {
    const g = await createGuideline({ texts: { es: sampleText({ title: "Decálogo CSV" }) } });
    const path = `/manage/guidelines/${g.slug}/coverage`;
    const post = (fields: Record<string, string>) =>
      call(coverage.action, postRequest(path, fields, { cookie: hr.cookie }), { slug: g.slug });

    for (const value of ["0", "91", "2.5", "siete", ""]) {
      const response = await post({ intent: "interval", intervalDays: value });
      expect(response.status, value).toBe(400);
      expect((await jsonOf(response)).errors).toEqual({ intervalDays: "guidelines.errors.interval" });
    }
    expect(await getReminderIntervalDays(db)).toBe(7);
    expect((await post({ intent: "interval", intervalDays: "3" })).status).toBe(302);
    expect(await getReminderIntervalDays(db)).toBe(3);

    const pendingPerson = await createTestUser({ name: "Zoe Pendiente" });
    const data = await jsonOf(await call(coverage.loader, getRequest(path, { cookie: hr.cookie }), { slug: g.slug }));
    expect(data.version).toEqual({ number: 1, status: "published" });
    expect(data.pending.map((p: { name: string }) => p.name)).toContain("Zoe Pendiente");
    expect(data.reminders).toMatchObject({ intervalDays: 3, lastSentAt: "", nextAllowedAt: "" });

    const sent = await post({ intent: "remind" });
    expect(sent.status).toBe(302);
    const mail = await db.selectFrom("outbox").select("subject").where("to_address", "=", pendingPerson.email).execute();
    expect(mail).toEqual([{ subject: "Pendiente: lee y acepta «Decálogo CSV»" }]);
    const again = await post({ intent: "remind" });
    expect(again.status).toBe(400);
    expect((await jsonOf(again)).errors).toEqual({ "": "guidelines.errors.reminderTooSoon" });
    expect(
      (await jsonOf(await call(coverage.loader, getRequest(path, { cookie: hr.cookie }), { slug: g.slug }))).reminders.nextAllowedAt,
    ).not.toBe("");

    const csv = await call(coverageCsv.loader, getRequest(`${path}.csv`, { cookie: hr.cookie }), { slug: g.slug });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("Content-Disposition")).toBe(`attachment; filename="${g.slug}-v1-coverage.csv"`);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // A byte order mark first, so spreadsheets read the accents as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = new TextDecoder().decode(bytes);
    expect(body.startsWith("Nombre,Correo electrónico,Departamento,Estado")).toBe(true);
    expect(body).toContain(`Zoe Pendiente,${pendingPerson.email},,Pendiente`);
    expect((await call(coverageCsv.loader, getRequest(`${path}.csv?version=1`, { cookie: editor.cookie }), { slug: g.slug })).status).toBe(
      200,
    );
    const draftOnly = await createGuideline({ publish: false });
    expect(
      (
        await call(coverageCsv.loader, getRequest(`/manage/guidelines/${draftOnly.slug}/coverage.csv`, { cookie: hr.cookie }), {
          slug: draftOnly.slug,
        })
      ).status,
    ).toBe(404);
  });
});
