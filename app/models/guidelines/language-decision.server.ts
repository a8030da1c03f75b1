/**
 * A version whose texts changed in some languages and not in others: the publisher must say, for each
 * unchanged language, that it needs no change (or update it). The decision is recorded on the version, and
 * people who accepted the previous version in such a language keep their acceptance, so what they are asked
 * to re-accept always matches what the "what changed" page shows them in their language.
 */
import { LOCALES, type Locale } from "#db/schema";
import { sql } from "kysely";
import type { DB } from "~/utils/db.server";
import { isLocale } from "~/utils/i18n";

export interface LanguageChanges {
  changed: Locale[];
  unchanged: Locale[];
}

/** Languages of the draft whose text differs from the previous published version's (a new language counts as changed). */
export function languageChanges(
  previous: Partial<Record<Locale, { hash: string }>> | undefined,
  draft: Partial<Record<Locale, { hash: string }>>,
): LanguageChanges {
  const changed: Locale[] = [];
  const unchanged: Locale[] = [];
  for (const language of LOCALES) {
    const text = draft[language];
    if (!text) continue;
    if (previous?.[language]?.hash === text.hash) unchanged.push(language);
    else changed.push(language);
  }
  return { changed, unchanged };
}

/** The languages whose "no change" must be confirmed before publishing: none when every language changed, or none did. */
export function languagesNeedingDecision(changes: LanguageChanges): Locale[] {
  return changes.changed.length > 0 ? changes.unchanged : [];
}

export const serialiseLanguages = (languages: Locale[]) => (languages.length ? JSON.stringify(languages) : null);

export function parseLanguages(value: string | null): Locale[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter(isLocale) : [];
  } catch {
    return [];
  }
}

/**
 * Copies the previous version's acknowledgements given in the unchanged languages to the new version, in one
 * INSERT … SELECT (no row travels through the app). The text hash is the same, the language's text being equal.
 */
export async function carryAcknowledgements(
  trx: DB,
  input: { previousVersionId: string; versionId: string; languages: Locale[] },
): Promise<void> {
  if (input.languages.length === 0) return;
  await trx
    .insertInto("guideline_acknowledgements")
    .columns(["id", "user_id", "document_id", "version_id", "language", "text_hash", "acknowledged_at", "carried_from_version_id"])
    .expression((eb) =>
      eb
        .selectFrom("guideline_acknowledgements as a")
        .select([
          sql<string>`a.id || cast(${`:${input.versionId}`} as text)`.as("id"),
          "a.user_id",
          "a.document_id",
          sql<string>`cast(${input.versionId} as text)`.as("version_id"),
          "a.language",
          "a.text_hash",
          "a.acknowledged_at",
          sql<string>`cast(${input.previousVersionId} as text)`.as("carried_from_version_id"),
        ])
        .where("a.version_id", "=", input.previousVersionId)
        .where("a.language", "in", input.languages),
    )
    .execute();
}
