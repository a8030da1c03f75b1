/** Publishing a guideline draft: the checks, the per-language decision, the supersession, the carried-over acceptances, the audit entry and the bell. */
import { recordAudit } from "~/models/audit/record.server";
import { LOCALES, type Locale } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { GUIDELINE_VERSIONS, inPublishTransaction, supersedePublished } from "~/models/core/versions.server";
import { DEFAULT_LOCALE } from "~/utils/i18n";
import { carryAcknowledgements, languageChanges, languagesNeedingDecision, serialiseLanguages } from "./language-decision.server";
import { type TextsByLanguage } from "./text.server";
import { notifyMany } from "~/models/notifications/notify.server";
import { rebuildOnboardingProgress } from "~/models/onboarding/progress.server";
import { getVersionWithStatus, loadTexts, toTexts } from "./documents.server";

/** Why a draft cannot be published yet, or null. */
export function publishProblem(texts: TextsByLanguage): string | null {
  const main = texts[DEFAULT_LOCALE];
  if (!main) return "guidelines.errors.needsDefaultLanguage";
  const counts = new Set(LOCALES.flatMap((l) => (texts[l] ? [texts[l].rules.length] : [])));
  if (counts.size > 1) return "guidelines.errors.ruleCountMismatch";
  return null;
}

export type PublishResult = { ok: true; version: number; versionId: string } | { ok: false; error: string; languages?: Locale[] };

/**
 * The draft becomes the current version and the previous one is superseded. For a required document
 * everyone then has to acknowledge the new version, except in a language the publisher declared
 * unchanged (`unchangedLanguages`): acknowledgements given in it are carried over. A draft changed in
 * some languages only is refused until each unchanged language is declared so (or updated).
 */
export async function publishDraft(
  db: DB,
  input: { documentId: string; actorId: string | null; changeNote?: string | null; unchangedLanguages?: Locale[]; now?: number },
): Promise<PublishResult> {
  const now = input.now ?? Date.now();
  // The other of two editors publishing at once is told there is no draft.
  return inPublishTransaction(db, async (trx): Promise<PublishResult> => {
    const draft = await getVersionWithStatus(trx, input.documentId, "draft");
    if (!draft) return { ok: false, error: "guidelines.errors.noDraft" } as const;
    const current = await getVersionWithStatus(trx, input.documentId, "published");
    const texts = await loadTexts(trx, current ? [draft.id, current.id] : [draft.id]);
    const problem = publishProblem(toTexts(texts.get(draft.id)));
    if (problem) return { ok: false, error: problem } as const;
    const undecided = languagesNeedingDecision(languageChanges(current ? texts.get(current.id) : undefined, texts.get(draft.id) ?? {}));
    const declared = input.unchangedLanguages ?? [];
    const missing = undecided.filter((l) => !declared.includes(l));
    if (missing.length) return { ok: false, error: "guidelines.errors.languageNotUpdated", languages: missing } as const;
    await supersedePublished(trx, GUIDELINE_VERSIONS, input.documentId, now);
    await trx
      .updateTable("guideline_versions")
      .set({
        status: "published",
        published_at: now,
        published_by: input.actorId,
        change_note: input.changeNote?.trim() || null,
        unchanged_languages: serialiseLanguages(undecided),
      })
      .where("id", "=", draft.id)
      .execute();
    if (current) await carryAcknowledgements(trx, { previousVersionId: current.id, versionId: draft.id, languages: undecided });
    await rebuildOnboardingProgress(trx);
    await trx.updateTable("guideline_documents").set({ updated_at: now }).where("id", "=", input.documentId).execute();
    const document = await trx.selectFrom("guideline_documents").select("slug").where("id", "=", input.documentId).executeTakeFirst();
    await recordAudit(
      trx,
      {
        actorId: input.actorId,
        action: "guideline.published",
        target: { type: "guideline", id: input.documentId, label: document?.slug ?? input.documentId },
        after: { version: draft.version, changeNote: input.changeNote?.trim() || null },
      },
      now,
    );
    await notifyNewVersion(trx, input.documentId, draft.id, now);
    return { ok: true, version: draft.version, versionId: draft.id } as const;
  });
}

/** Everyone active is asked (in the bell) to accept the new version; written with the publication. */
async function notifyNewVersion(trx: DB, documentId: string, versionId: string, now: number) {
  const doc = await trx.selectFrom("guideline_documents").select("slug").where("id", "=", documentId).executeTakeFirst();
  const texts = await trx.selectFrom("guideline_version_texts").select(["language", "title"]).where("version_id", "=", versionId).execute();
  const title = (texts.find((t) => t.language === DEFAULT_LOCALE) ?? texts[0])?.title;
  if (!doc || !title) return;
  const people = await trx.selectFrom("users").select("id").where("status", "=", "active").execute();
  await notifyMany(
    trx,
    people.map((p) => p.id),
    { kind: "guideline_version", params: { title }, link: `/guidelines/${doc.slug}` },
    now,
  );
}
