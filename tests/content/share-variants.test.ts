// Approved variants on the editor's side: written in the content form (each with the network's
// length check), stored beside the main text, reviewed with the item, and kept by the migration.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Migrator } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { migrations } from "#db/migrations/index";
import { getContentItem } from "~/models/content/item-queries.server";
import { transitionContent, updateContentItem } from "~/models/content/items.server";
import { formDefaults } from "~/models/content/present.server";
import * as editPage from "~/routes/manage.content.$id.edit";
import * as newPage from "~/routes/manage.content.new";
import * as reviewItem from "~/routes/review.$id";
import { createDatabase, db } from "~/utils/db.server";
import { call, getRequest, jsonOf, postRequest } from "../support/http";
import { approvedItem, contentInput, createActor, statusOf, type TestActor } from "./helpers";

const form = {
  intent: "submit",
  title: "Atención al cliente amplía su horario",
  commentary: "",
  destinationUrl: "https://example.com/news/care-hours",
  imageUrl: "",
  language: "es",
  campaignId: "",
  topics: "",
  hashtags: "#Servicio",
  publishAt: "",
  expireAt: "",
  share_linkedin: "Ya abrimos los sábados.",
  share_linkedin_v2: "Los sábados también te atendemos.",
  share_linkedin_v3: "",
  share_x: "",
  share_x_v2: "Abrimos los sábados",
  share_facebook: "",
  share_whatsapp: "",
  share_email: "",
  share_email_subject: "",
};

let editor: TestActor;
let reviewer: TestActor;

beforeAll(async () => {
  editor = await createActor(["editor", "employee"]);
  reviewer = await createActor(["reviewer", "employee"]);
});

async function created(body: Record<string, string>) {
  const response = await call(newPage.action, postRequest("/manage/content/new", body, { cookie: editor.cookie }));
  expect(response.status).toBe(302);
  return response.headers.get("Location")!.split("/").pop()!;
}

describe("writing variants in the content form", () => {
  it("stores them in order beside the main text; a lone variant becomes the main text, repeats are dropped", async () => {
    const id = await created({ ...form, share_linkedin_v3: form.share_linkedin });
    const item = await getContentItem(db, id);
    expect(item?.shareTexts.linkedin?.text).toBe(form.share_linkedin);
    expect(item?.shareTexts.x?.text).toBe("Abrimos los sábados");
    expect(item?.shareVariants).toEqual({ linkedin: [form.share_linkedin_v2] });
    expect(formDefaults(item!, "Europe/Madrid")).toMatchObject({ share_linkedin_v2: form.share_linkedin_v2, share_linkedin_v3: "", share_x: "Abrimos los sábados" });
  });

  it("checks each variant's length the way the network counts it, and writes nothing when one is too long", async () => {
    const before = Number((await db.selectFrom("content_share_variants").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const response = await call(newPage.action, postRequest("/manage/content/new", { ...form, share_x_v3: "x".repeat(270) }, { cookie: editor.cookie }));
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).errors).toMatchObject({ share_x_v3: "content.errors.tooLongForNetwork" });
    const after = Number((await db.selectFrom("content_share_variants").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    expect(after).toBe(before);
  });

  it("shows every variant to the reviewer, and editing an approved item's variants sends it back to review", async () => {
    const id = await created(form);
    const page = await jsonOf(await call(reviewItem.loader, getRequest(`/review/${id}`, { cookie: reviewer.cookie }), { id }));
    expect(page.item.shareVariants).toMatchObject([{ network: "linkedin", variant: 2, text: form.share_linkedin_v2 }]);
    expect((await transitionContent(db, reviewer, id, "approve")).ok).toBe(true);
    const edited = await call(
      editPage.action,
      postRequest(`/manage/content/${id}/edit`, { ...form, intent: "save", share_linkedin_v3: "Tercera versión" }, { cookie: editor.cookie }),
      { id },
    );
    expect(edited.status).toBe(302);
    expect(await statusOf(id)).toBe("draft");
    expect((await getContentItem(db, id))?.shareVariants.linkedin).toEqual([form.share_linkedin_v2, "Tercera versión"]);
  });

  it("keeps an item's variants only while the form still has them", async () => {
    const id = await approvedItem(editor, reviewer, { shareVariants: { linkedin: ["Otra"] } });
    expect((await getContentItem(db, id))?.shareVariants).toEqual({ linkedin: ["Otra"] });
    expect((await updateContentItem(db, editor, id, contentInput())).ok).toBe(true);
    expect((await getContentItem(db, id))?.shareVariants).toEqual({});
  });
});

describe("the migration", () => {
  it("keeps an existing item's one text per network as its main text", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "altavoz-variants-"));
    const database = createDatabase(path.join(dir, "before.sqlite"));
    try {
      const migrator = new Migrator({ db: database, provider: { getMigrations: async () => migrations } });
      const names = Object.keys(migrations).sort();
      const previous = names[names.indexOf("2026-12-03T1800_share_variants") - 1];
      expect((await migrator.migrateTo(previous)).error).toBeUndefined();
      const now = Date.now();
      await database
        .insertInto("content_items")
        .values({ id: "old", title: "Antes", destination_url: "https://example.com", language: "es", status: "draft", created_at: now, updated_at: now } as never)
        .execute();
      await database.insertInto("content_share_texts").values({ item_id: "old", network: "x", text: "El texto de siempre", subject: null }).execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await database.selectFrom("content_share_texts").selectAll().execute()).toEqual([{ item_id: "old", network: "x", text: "El texto de siempre", subject: null }]);
      expect(await database.selectFrom("content_share_variants").selectAll().execute()).toEqual([]);
    } finally {
      await database.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
