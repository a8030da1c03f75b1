/** Demo data for guidelines: colleagues who already accepted them, so the coverage pages have something to show. */
import type { DB } from "~/utils/db.server";
import { DEFAULT_LOCALE, isLocale } from "~/utils/i18n";
import { DEMO_LOGINS } from "./organisation";
import { acknowledgeGuideline } from "~/models/guidelines/acknowledgements.server";
import { loadTexts } from "~/models/guidelines/documents.server";
import { pickLanguage } from "~/models/core/locale";

const DAY = 24 * 60 * 60 * 1000;

/**
 * About two in three demo colleagues accept each published guideline, on days spread over the last
 * three weeks. The demo logins are left out, so the demo employee still sees (and can clear) the
 * "read and accept" banner. Running it again adds nothing.
 */
export async function seedDemoAcknowledgements(db: DB, now = Date.now()): Promise<number> {
  const logins = DEMO_LOGINS.map((l) => l.email);
  const people = await db
    .selectFrom("users as u")
    .innerJoin("user_roles as r", (join) => join.onRef("r.user_id", "=", "u.id").on("r.role", "=", "employee"))
    .select(["u.id", "u.locale"])
    .where("u.status", "=", "active")
    .where("u.email", "not in", logins)
    .orderBy("u.email")
    .execute();
  const versions = await db
    .selectFrom("guideline_versions")
    .select(["id", "published_at"])
    .where("status", "=", "published")
    .orderBy("id")
    .execute();
  const texts = await loadTexts(
    db,
    versions.map((v) => v.id),
  );
  let count = 0;
  for (const [v, version] of versions.entries()) {
    for (const [i, person] of people.entries()) {
      if ((i + v) % 3 === 2) continue;
      const picked = pickLanguage(texts.get(version.id) ?? {}, isLocale(person.locale) ? person.locale : DEFAULT_LOCALE);
      if (!picked) continue;
      const at = Math.max(version.published_at ?? now, now - ((i * 5 + v * 3) % 21) * DAY - (i % 7) * 3_600_000);
      const result = await acknowledgeGuideline(db, {
        userId: person.id,
        versionId: version.id,
        language: picked.language,
        textHash: picked.text.hash,
        now: at,
      });
      if (result.ok && !result.alreadyAcknowledged) count += 1;
    }
  }
  return count;
}
