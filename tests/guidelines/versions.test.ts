import { describe, expect, it } from "vitest";
import {
  acknowledgeGuideline,
  hasAcknowledgedAllRequired,
  listGuidelinesForPerson,
  pendingRequiredGuidelines,
} from "~/models/guidelines/acknowledgements.server";
import { listVersions, loadTexts, setDocumentRequired } from "~/models/guidelines/documents.server";
import { discardDraft, saveDraftText } from "~/models/guidelines/versions.server";
import { publishDraft } from "~/models/guidelines/publish.server";
import { renderGuidelineInline, renderGuidelineMarkdown } from "~/models/core/markdown.server";
import { hashText } from "~/models/guidelines/text.server";
import { totalPoints } from "~/models/scoring/points.server";
import { sha256 } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import { createTestUser } from "../support/http";
import { countAcknowledgements, createGuideline, publishNewVersion, rules, sampleText, textHashOf } from "./helpers";

const versionRows = (documentId: string) =>
  db
    .selectFrom("guideline_versions")
    .select(["version", "status", "content_hash"])
    .where("document_id", "=", documentId)
    .orderBy("version")
    .execute();

describe("versions", () => {
  it("edits a draft started from the published version, and publishing supersedes the old one without changing its text", async () => {
    const g = await createGuideline();
    const before = await loadTexts(db, [g.versionId]);
    const changed = sampleText({ rules: [...rules(9), { title: "Regla nueva", body: "Nueva.", do: [], dont: [] }] });
    const saved = await saveDraftText(db, { documentId: g.documentId, language: "es", text: changed, actorId: null });
    expect(saved).toMatchObject({ ok: true, version: 2, created: true });
    // The draft took the published English text along.
    const draftTexts = (await loadTexts(db, [saved.ok ? saved.versionId : ""])).values().next().value!;
    expect(Object.keys(draftTexts).sort()).toEqual(["en", "es"]);
    expect(draftTexts.en!.hash).toBe(before.get(g.versionId)!.en!.hash);
    // Saving again edits the same draft.
    const again = await saveDraftText(db, {
      documentId: g.documentId,
      language: "es",
      text: { ...changed, title: "Título nuevo" },
      actorId: null,
    });
    expect(again).toMatchObject({ ok: true, version: 2, created: false });
    expect((await versionRows(g.documentId)).map((v) => [v.version, v.status])).toEqual([
      [1, "published"],
      [2, "draft"],
    ]);

    const published = await publishDraft(db, {
      documentId: g.documentId,
      actorId: null,
      changeNote: "  Regla 10 nueva  ",
      unchangedLanguages: ["en"],
    });
    expect(published).toMatchObject({ ok: true, version: 2 });
    const versions = await listVersions(db, g.documentId);
    expect(versions.map((v) => [v.version, v.status, v.change_note])).toEqual([
      [2, "published", "Regla 10 nueva"],
      [1, "superseded", null],
    ]);
    expect(versions[1].superseded_at).toBeTypeOf("number");
    const after = await loadTexts(db, [g.versionId]);
    expect(after.get(g.versionId)).toEqual(before.get(g.versionId));
  });

  it("refuses to publish without the Spanish text, with different rule counts per language, or without a draft", async () => {
    const enOnly = await createGuideline({ texts: { en: sampleText({}, "en") }, publish: false });
    expect(await publishDraft(db, { documentId: enOnly.documentId, actorId: null })).toEqual({
      ok: false,
      error: "guidelines.errors.needsDefaultLanguage",
    });
    await saveDraftText(db, { documentId: enOnly.documentId, language: "es", text: sampleText({ rules: rules(4) }), actorId: null });
    expect(await publishDraft(db, { documentId: enOnly.documentId, actorId: null })).toEqual({
      ok: false,
      error: "guidelines.errors.ruleCountMismatch",
    });
    await saveDraftText(db, { documentId: enOnly.documentId, language: "es", text: sampleText(), actorId: null });
    expect(await publishDraft(db, { documentId: enOnly.documentId, actorId: null })).toMatchObject({ ok: true, version: 1 });
    expect(await publishDraft(db, { documentId: enOnly.documentId, actorId: null })).toEqual({
      ok: false,
      error: "guidelines.errors.noDraft",
    });
  });

  it("discards a draft, leaving the published version as it was", async () => {
    const g = await createGuideline();
    await saveDraftText(db, { documentId: g.documentId, language: "es", text: sampleText({ title: "Otro" }), actorId: null });
    expect(await discardDraft(db, g.documentId)).toBe(true);
    expect(await discardDraft(db, g.documentId)).toBe(false);
    expect((await versionRows(g.documentId)).map((v) => [v.version, v.status])).toEqual([[1, "published"]]);
  });

  it("gives editors saving or publishing at the same moment one draft and one new version", async () => {
    const g = await createGuideline();
    const saves = await Promise.all(
      [1, 2, 3].map((i) =>
        saveDraftText(db, { documentId: g.documentId, language: "es", text: sampleText({ title: `Título ${i}` }), actorId: null }),
      ),
    );
    expect(saves.map((s) => s.ok && s.version)).toEqual([2, 2, 2]);
    expect((await versionRows(g.documentId)).map((v) => [v.version, v.status])).toEqual([
      [1, "published"],
      [2, "draft"],
    ]);
    const publishes = await Promise.all(
      [1, 2].map(() => publishDraft(db, { documentId: g.documentId, actorId: null, unchangedLanguages: ["en"] })),
    );
    expect(publishes.filter((p) => p.ok)).toHaveLength(1);
    expect(publishes.filter((p) => !p.ok)).toEqual([{ ok: false, error: "guidelines.errors.noDraft" }]);
    expect((await versionRows(g.documentId)).map((v) => [v.version, v.status])).toEqual([
      [1, "superseded"],
      [2, "published"],
    ]);
  });

  it("refuses markdown that would lose something when rendered, naming the field", async () => {
    const g = await createGuideline();
    const bad = sampleText({
      introduction: "Hola <script>alert(1)</script>",
      rules: rules(10).map((r, i) =>
        i === 2 ? { ...r, body: "[clic](javascript:alert(1))" } : i === 4 ? { ...r, do: ["bien", "![foto](https://x.test/a.png)"] } : r,
      ),
    });
    const saved = await saveDraftText(db, { documentId: g.documentId, language: "es", text: bad, actorId: null });
    expect(saved).toEqual({
      ok: false,
      errors: {
        introduction: "guidelines.errors.rawHtml",
        "rules.2.body": "guidelines.errors.unsafeLink",
        "rules.4.do": "guidelines.errors.image",
      },
    });
    expect((await versionRows(g.documentId)).length).toBe(1);
  });

  it("renders markdown without scripts, event handlers or javascript: links", () => {
    const html = renderGuidelineMarkdown(
      'Hola **mundo** <script>alert(1)</script> <img src=x onerror="alert(1)"> [a](javascript:alert(1)) [b](https://example.com) [c](/guidelines)',
    );
    expect(html).toContain("<strong>mundo</strong>");
    expect(html).not.toMatch(/<script|onerror|<img|javascript:/i);
    expect(html).toContain('<a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">b</a>');
    expect(html).toContain('<a href="/guidelines">c</a>');
    expect(renderGuidelineInline("*sí* <b onclick=x>no</b> [x](JaVaScRiPt:alert(1))")).toBe(
      '<em>sí</em> no <a rel="noopener noreferrer nofollow" target="_blank">x</a>',
    );
  });
});

describe("acknowledgements", () => {
  it("stores person, version, language, time and the hash of the exact text accepted; twice changes nothing", async () => {
    const person = await createTestUser();
    const g = await createGuideline();
    const hash = await textHashOf(g.versionId, "en");
    expect(hash).toBe(hashText(sampleText({}, "en")));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const at = Date.UTC(2026, 10, 20, 9, 30);
    const first = await acknowledgeGuideline(db, { userId: person.id, versionId: g.versionId, language: "en", textHash: hash, now: at });
    expect(first).toEqual({ ok: true, alreadyAcknowledged: false, acknowledgedAt: at, points: 20 });
    const second = await acknowledgeGuideline(db, {
      userId: person.id,
      versionId: g.versionId,
      language: "en",
      textHash: hash,
      now: at + 1000,
    });
    expect(second).toEqual({ ok: true, alreadyAcknowledged: true, acknowledgedAt: at, points: 0 });
    const rows = await db.selectFrom("guideline_acknowledgements").selectAll().where("user_id", "=", person.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      document_id: g.documentId,
      version_id: g.versionId,
      language: "en",
      text_hash: hash,
      acknowledged_at: at,
    });
    expect(await totalPoints(db, person.id)).toBe(20);
  });

  it("refuses a draft, a superseded version, another document's version and a text hash that does not match", async () => {
    const person = await createTestUser();
    const draft = await createGuideline({ publish: false });
    expect(
      await acknowledgeGuideline(db, {
        userId: person.id,
        versionId: draft.versionId,
        language: "es",
        textHash: await textHashOf(draft.versionId, "es"),
      }),
    ).toEqual({
      ok: false,
      error: "guidelines.errors.notPublished",
    });

    const g = await createGuideline();
    const oldHash = await textHashOf(g.versionId, "es");
    await publishNewVersion(g.documentId, sampleText({ title: "Versión 2" }));
    expect(await acknowledgeGuideline(db, { userId: person.id, versionId: g.versionId, language: "es", textHash: oldHash })).toEqual({
      ok: false,
      error: "guidelines.errors.staleVersion",
    });

    const other = await createGuideline();
    expect(
      await acknowledgeGuideline(db, {
        userId: person.id,
        documentId: g.documentId,
        versionId: other.versionId,
        language: "es",
        textHash: await textHashOf(other.versionId, "es"),
      }),
    ).toEqual({ ok: false, error: "errors.notFound" });
    expect(
      await acknowledgeGuideline(db, { userId: person.id, versionId: other.versionId, language: "es", textHash: sha256("something else") }),
    ).toEqual({
      ok: false,
      error: "guidelines.errors.textMismatch",
    });
    // Spanish hash sent as English: the language must be the one whose text was read.
    expect(
      await acknowledgeGuideline(db, {
        userId: person.id,
        versionId: other.versionId,
        language: "en",
        textHash: await textHashOf(other.versionId, "es"),
      }),
    ).toEqual({
      ok: false,
      error: "guidelines.errors.textMismatch",
    });
    expect(await countAcknowledgements(person.id)).toBe(0);
  });

  it("asks everyone to acknowledge again after a new version of a required document; points only once per document", async () => {
    const person = await createTestUser();
    const g = await createGuideline({ required: true });
    expect((await pendingRequiredGuidelines(db, person.id)).filter((p) => p.documentId === g.documentId)).toHaveLength(1);
    await acknowledgeGuideline(db, {
      userId: person.id,
      versionId: g.versionId,
      language: "es",
      textHash: await textHashOf(g.versionId, "es"),
    });
    expect((await pendingRequiredGuidelines(db, person.id)).some((p) => p.documentId === g.documentId)).toBe(false);

    const v2 = await publishNewVersion(g.documentId, sampleText({ title: "Decálogo, versión 2" }));
    const pending = (await pendingRequiredGuidelines(db, person.id, "es")).filter((p) => p.documentId === g.documentId);
    expect(pending).toEqual([
      { documentId: g.documentId, slug: g.slug, title: "Decálogo, versión 2", versionId: v2.versionId, version: 2 },
    ]);
    const listed = (await listGuidelinesForPerson(db, person.id, "es")).find((l) => l.slug === g.slug);
    expect(listed).toMatchObject({ status: "outdated", version: 2, acknowledgedAt: null });

    const again = await acknowledgeGuideline(db, {
      userId: person.id,
      versionId: v2.versionId,
      language: "es",
      textHash: await textHashOf(v2.versionId, "es"),
    });
    expect(again).toMatchObject({ ok: true, alreadyAcknowledged: false, points: 0 });
    expect((await pendingRequiredGuidelines(db, person.id)).some((p) => p.documentId === g.documentId)).toBe(false);
    expect(await totalPoints(db, person.id)).toBe(20);
  });
});

describe("pending required guidelines (for sharing)", () => {
  it("lists only required documents with a published version not yet acknowledged, titled in the person's language", async () => {
    const person = await createTestUser();
    // Start from a clean slate: every document so far in this file becomes optional.
    await db.updateTable("guideline_documents").set({ required: 0 }).execute();
    expect(await hasAcknowledgedAllRequired(db, person.id)).toBe(true);

    const required = await createGuideline({ required: true, now: 1000 });
    const esOnly = await createGuideline({ required: true, texts: { es: sampleText({ title: "Solo en español" }) }, now: 2000 });
    await createGuideline({ required: false });
    await createGuideline({ required: true, publish: false });

    expect((await pendingRequiredGuidelines(db, person.id, "en")).map((p) => [p.slug, p.title, p.version])).toEqual([
      [required.slug, "Test decalogue", 1],
      [esOnly.slug, "Solo en español", 1],
    ]);
    expect(await hasAcknowledgedAllRequired(db, person.id)).toBe(false);

    await acknowledgeGuideline(db, {
      userId: person.id,
      versionId: required.versionId,
      language: "en",
      textHash: await textHashOf(required.versionId, "en"),
    });
    expect((await pendingRequiredGuidelines(db, person.id, "en")).map((p) => p.slug)).toEqual([esOnly.slug]);
    expect(await hasAcknowledgedAllRequired(db, person.id)).toBe(false);

    await setDocumentRequired(db, esOnly.documentId, false);
    expect(await pendingRequiredGuidelines(db, person.id)).toEqual([]);
    expect(await hasAcknowledgedAllRequired(db, person.id)).toBe(true);

    // Another person is unaffected by this one's acknowledgements.
    const colleague = await createTestUser();
    expect((await pendingRequiredGuidelines(db, colleague.id)).map((p) => p.slug)).toEqual([required.slug]);
  });
});
