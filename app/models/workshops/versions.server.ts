/**
 * Workshop versions (draft → published → superseded, like guidelines: a published version is never
 * changed, edits go to a draft). The version rows themselves follow ~/models/core/versions.server; a
 * workshop version adds its settings (required, due period, duration, pass mark, attempts) to the texts.
 */
import { LOCALES, type Locale } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import type { DB } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/forms";
import {
  WORKSHOP_VERSIONS,
  discardDraft as discardVersionDraft,
  inPublishTransaction,
  nextVersionNumber,
  retryingUnique,
  supersedePublished,
} from "~/models/core/versions.server";
import { DEFAULT_WORKSHOP_SETTINGS, type WorkshopSettings, type WorkshopText } from "./schema";
import {
  canonicalText,
  hashContent,
  hashText,
  publishProblem,
  serialiseText,
  textProblems,
  problemErrors,
  type TextsByLanguage,
} from "./text.server";
import { getVersionWithStatus, loadTexts, settingsOf } from "./workshops.server";
import { rebuildOnboardingProgress } from "~/models/onboarding/progress.server";

async function insertTexts(trx: DB, versionId: string, texts: TextsByLanguage) {
  for (const language of LOCALES) {
    const text = texts[language];
    if (!text) continue;
    const c = canonicalText(text);
    await trx
      .insertInto("workshop_version_texts")
      .values({ version_id: versionId, language, ...serialiseText(c), text_hash: hashText(c) })
      .execute();
  }
}

const settingsColumns = (s: WorkshopSettings) => ({
  required: s.required ? 1 : 0,
  due_days: s.dueDays,
  duration_minutes: s.durationMinutes,
  pass_mark: s.passMark,
  max_attempts: s.maxAttempts,
});

/** A new version: "draft", or "published" (superseding the current one). Call inside a transaction. */
export async function insertVersion(
  trx: DB,
  input: {
    workshopId: string;
    settings: WorkshopSettings;
    texts: TextsByLanguage;
    status: "draft" | "published";
    source: "sync" | "editor";
    actorId: string | null;
    now: number;
  },
): Promise<{ id: string; version: number }> {
  const version = await nextVersionNumber(trx, WORKSHOP_VERSIONS, input.workshopId);
  if (input.status === "published") await supersedePublished(trx, WORKSHOP_VERSIONS, input.workshopId, input.now);
  const id = newId();
  const published = input.status === "published";
  await trx
    .insertInto("workshop_versions")
    .values({
      id,
      workshop_id: input.workshopId,
      version,
      status: input.status,
      ...settingsColumns(input.settings),
      content_hash: hashContent(input.settings, input.texts),
      source: input.source,
      created_by: input.actorId,
      created_at: input.now,
      updated_by: input.actorId,
      updated_at: input.now,
      published_by: published ? input.actorId : null,
      published_at: published ? input.now : null,
      superseded_at: null,
    })
    .execute();
  await insertTexts(trx, id, input.texts);
  if (published) await rebuildOnboardingProgress(trx);
  return { id, version };
}

/** Replaces a draft's settings and texts (languages left out are removed). Published versions are untouched. */
export async function replaceDraft(
  trx: DB,
  versionId: string,
  settings: WorkshopSettings,
  texts: TextsByLanguage,
  source: "sync" | "editor",
  actorId: string | null,
  now: number,
) {
  const updated = await trx
    .updateTable("workshop_versions")
    .set({ ...settingsColumns(settings), content_hash: hashContent(settings, texts), source, updated_by: actorId, updated_at: now })
    .where("id", "=", versionId)
    .where("status", "=", "draft")
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new Error(`workshop version ${versionId} is not a draft`);
  await trx.deleteFrom("workshop_version_texts").where("version_id", "=", versionId).execute();
  await insertTexts(trx, versionId, texts);
}

/** The draft to change: the existing one, or a new one copied from the published version. */
async function draftToEdit(trx: DB, workshopId: string, actorId: string | null, now: number) {
  const draft = await getVersionWithStatus(trx, workshopId, "draft");
  if (draft)
    return { version: draft, texts: (await loadTexts(trx, [draft.id])).get(draft.id) ?? {}, settings: settingsOf(draft), created: false };
  const published = await getVersionWithStatus(trx, workshopId, "published");
  const texts = published ? ((await loadTexts(trx, [published.id])).get(published.id) ?? {}) : {};
  const settings = published ? settingsOf(published) : DEFAULT_WORKSHOP_SETTINGS;
  const created = await insertVersion(trx, { workshopId, settings, texts, status: "draft", source: "editor", actorId, now });
  const version = await trx.selectFrom("workshop_versions").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
  return { version, texts, settings, created: true };
}

export type SaveDraftResult = { ok: true; version: number; created: boolean } | { ok: false; errors: FieldErrors };

/** Saves one language's text into the draft (starting one from the published version when there is none). */
export async function saveDraftText(
  db: DB,
  input: { workshopId: string; language: Locale; text: WorkshopText; actorId: string | null; now?: number },
): Promise<SaveDraftResult> {
  const text = canonicalText(input.text);
  const problems = textProblems(text);
  if (Object.keys(problems).length) return { ok: false, errors: problemErrors(problems) };
  const now = input.now ?? Date.now();
  return retryingUnique(db, async (trx) => {
    const draft = await draftToEdit(trx, input.workshopId, input.actorId, now);
    await replaceDraft(trx, draft.version.id, draft.settings, { ...draft.texts, [input.language]: text }, "editor", input.actorId, now);
    return { ok: true, version: draft.version.version, created: draft.created } as const;
  });
}

/** Saves the settings (required, due period, duration, pass mark, attempts) into the draft. */
export async function saveDraftSettings(
  db: DB,
  input: { workshopId: string; settings: WorkshopSettings; actorId: string | null; now?: number },
): Promise<SaveDraftResult> {
  const now = input.now ?? Date.now();
  return retryingUnique(db, async (trx) => {
    const draft = await draftToEdit(trx, input.workshopId, input.actorId, now);
    await replaceDraft(trx, draft.version.id, input.settings, draft.texts, "editor", input.actorId, now);
    return { ok: true, version: draft.version.version, created: draft.created } as const;
  });
}
export const discardDraft = (db: DB, workshopId: string): Promise<boolean> => discardVersionDraft(db, WORKSHOP_VERSIONS, workshopId);

export type PublishResult = { ok: true; version: number } | { ok: false; error: string };

/** The draft becomes the published version; the previous one is superseded. Completions already earned stay. */
export async function publishDraft(db: DB, input: { workshopId: string; actorId: string | null; now?: number }): Promise<PublishResult> {
  const now = input.now ?? Date.now();
  return inPublishTransaction(db, async (trx): Promise<PublishResult> => {
    const draft = await getVersionWithStatus(trx, input.workshopId, "draft");
    if (!draft) return { ok: false, error: "workshops.errors.noDraft" } as const;
    const problem = publishProblem((await loadTexts(trx, [draft.id])).get(draft.id) ?? {});
    if (problem) return { ok: false, error: problem } as const;
    await supersedePublished(trx, WORKSHOP_VERSIONS, input.workshopId, now);
    await trx
      .updateTable("workshop_versions")
      .set({ status: "published", published_at: now, published_by: input.actorId })
      .where("id", "=", draft.id)
      .execute();
    await trx.updateTable("workshops").set({ updated_at: now }).where("id", "=", input.workshopId).execute();
    await rebuildOnboardingProgress(trx);
    return { ok: true, version: draft.version } as const;
  });
}
