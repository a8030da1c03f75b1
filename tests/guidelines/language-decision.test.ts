import { describe, expect, it } from "vitest";
import { acknowledgeGuideline, listGuidelinesForPerson, pendingRequiredGuidelines } from "~/models/guidelines/acknowledgements.server";
import { publishDraft } from "~/models/guidelines/publish.server";
import { saveDraftText } from "~/models/guidelines/versions.server";
import { viewGuidelineDiff } from "~/models/guidelines/view.server";
import * as manage from "~/routes/manage.guidelines.$slug._index";
import { db } from "~/utils/db.server";
import { call, createTestUser, getRequest, jsonOf, postRequest } from "../support/http";
import { createGuideline, rules, sampleText, textHashOf } from "./helpers";

const changedRule1 = () =>
  sampleText({ rules: rules(10).map((r, i) => (i === 0 ? { ...r, body: "La regla 1, ahora más estricta." } : r)) });

async function spanishOnlyDraft() {
  const g = await createGuideline();
  const saved = await saveDraftText(db, { documentId: g.documentId, language: "es", text: changedRule1(), actorId: null });
  if (!saved.ok) throw new Error("draft");
  return { ...g, draftId: saved.versionId };
}

const status = async (documentId: string) =>
  db
    .selectFrom("guideline_versions")
    .select(["version", "status", "unchanged_languages"])
    .where("document_id", "=", documentId)
    .orderBy("version")
    .execute();

describe("a version changed in some languages only", () => {
  it("is refused without a decision for the unchanged language, changing nothing", async () => {
    const g = await spanishOnlyDraft();
    const result = await publishDraft(db, { documentId: g.documentId, actorId: null });
    expect(result).toEqual({ ok: false, error: "guidelines.errors.languageNotUpdated", languages: ["en"] });
    expect((await status(g.documentId)).map((v) => [v.version, v.status])).toEqual([
      [1, "published"],
      [2, "draft"],
    ]);
  });

  it("is refused through the page too, and the page offers the decision for English only", async () => {
    const editor = await createTestUser({ roles: ["editor"] });
    const g = await spanishOnlyDraft();
    const page = await jsonOf(
      await call(manage.loader, getRequest(`/manage/guidelines/${g.slug}`, { cookie: editor.cookie }), { slug: g.slug }),
    );
    expect(page.draft).toMatchObject({ changed: ["es"], needsDecision: ["en"] });
    const refused = await call(
      manage.action,
      postRequest(`/manage/guidelines/${g.slug}`, { intent: "publish", changeNote: "" }, { cookie: editor.cookie }),
      { slug: g.slug },
    );
    expect(refused.status).toBe(400);
    expect((await jsonOf(refused)).errors.unchangedLanguages).toBe("guidelines.errors.languageNotUpdated");
    expect((await status(g.documentId))[1].status).toBe("draft");

    const published = await call(
      manage.action,
      postRequest(
        `/manage/guidelines/${g.slug}`,
        { intent: "publish", changeNote: "Regla 1", unchangedLanguages: "en" },
        { cookie: editor.cookie },
      ),
      { slug: g.slug },
    );
    expect(published.status).toBe(302);
    expect((await status(g.documentId))[1]).toMatchObject({ status: "published", unchanged_languages: JSON.stringify(["en"]) });
  });

  it("with the decision recorded: English readers keep their acceptance (their diff shows no change), Spanish readers accept again", async () => {
    const g = await spanishOnlyDraft();
    const english = await createTestUser();
    const spanish = await createTestUser();
    await acknowledgeGuideline(db, {
      userId: english.id,
      versionId: g.versionId,
      language: "en",
      textHash: await textHashOf(g.versionId, "en"),
    });
    await acknowledgeGuideline(db, {
      userId: spanish.id,
      versionId: g.versionId,
      language: "es",
      textHash: await textHashOf(g.versionId, "es"),
    });

    const result = await publishDraft(db, { documentId: g.documentId, actorId: null, unchangedLanguages: ["en"] });
    expect(result).toMatchObject({ ok: true, version: 2 });

    expect((await pendingRequiredGuidelines(db, english.id, "en")).map((p) => p.documentId)).not.toContain(g.documentId);
    expect((await pendingRequiredGuidelines(db, spanish.id, "es")).map((p) => p.documentId)).toContain(g.documentId);
    const englishRow = (await listGuidelinesForPerson(db, english.id, "en")).find((d) => d.slug === g.slug);
    expect(englishRow?.status).toBe("acknowledged");
    const carried = await db
      .selectFrom("guideline_acknowledgements")
      .selectAll()
      .where("user_id", "=", english.id)
      .where("version_id", "=", g.draftId)
      .executeTakeFirstOrThrow();
    expect(carried).toMatchObject({ language: "en", carried_from_version_id: g.versionId, text_hash: await textHashOf(g.draftId, "en") });

    // What each is shown as "what changed" agrees with whether they must accept again.
    const diffEn = await viewGuidelineDiff(
      db,
      g.slug,
      { from: 1, to: 2 },
      { language: "en", timeZone: "Europe/Madrid", canSeeDrafts: false },
    );
    const diffEs = await viewGuidelineDiff(
      db,
      g.slug,
      { from: 1, to: 2 },
      { language: "es", timeZone: "Europe/Madrid", canSeeDrafts: false },
    );
    const changedCount = (d: typeof diffEn) =>
      d && "diff" in d && d.diff ? d.diff.rules.filter((r) => r.kind !== "unchanged").length : -1;
    expect(changedCount(diffEn)).toBe(0);
    expect(changedCount(diffEs)).toBe(1);
  });

  it("needs no decision when every language changed, and then everyone accepts again", async () => {
    const g = await createGuideline();
    const english = await createTestUser();
    await acknowledgeGuideline(db, {
      userId: english.id,
      versionId: g.versionId,
      language: "en",
      textHash: await textHashOf(g.versionId, "en"),
    });
    await saveDraftText(db, { documentId: g.documentId, language: "es", text: changedRule1(), actorId: null });
    await saveDraftText(db, {
      documentId: g.documentId,
      language: "en",
      text: sampleText({ title: "Test decalogue, revised" }, "en"),
      actorId: null,
    });
    expect(await publishDraft(db, { documentId: g.documentId, actorId: null })).toMatchObject({ ok: true, version: 2 });
    expect((await pendingRequiredGuidelines(db, english.id, "en")).map((p) => p.documentId)).toContain(g.documentId);
    expect((await status(g.documentId))[1].unchanged_languages).toBeNull();
  });
});
