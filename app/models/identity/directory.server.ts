import type { DB } from "~/utils/db.server";
import { newId } from "~/utils/crypto.server";
import { findDepartmentByName } from "~/models/people/departments.server";
import { LOCALES, type Locale } from "#db/schema";

/**
 * The department called `name` (any case), created when the directory names one Altavoz does not
 * have yet. Two instances creating it at once meet at the unique name; the loser reads the winner's.
 */
export async function departmentIdFor(db: DB, name: string | null | undefined): Promise<string | null> {
  const wanted = name?.trim().slice(0, 80);
  if (!wanted) return null;
  const found = await findDepartmentByName(db, wanted);
  if (found) return found.id;
  await db
    .insertInto("departments")
    .values({ id: newId(), name: wanted, created_at: Date.now() })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  return (await findDepartmentByName(db, wanted))?.id ?? null;
}

/** "es-ES", "en_US", "EN" → a language Altavoz speaks, or null. */
export function localeFromTag(tag: string | null | undefined): Locale | null {
  const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(language ?? "") ? (language as Locale) : null;
}

export const emailDomain = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

export async function findIdentity(db: DB, provider: string, subject: string): Promise<string | null> {
  const row = await db
    .selectFrom("user_identities")
    .select("user_id")
    .where("provider", "=", provider)
    .where("subject", "=", subject)
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** Links (or re-links) the person's identity at `provider`; one per person and provider. */
export async function linkIdentity(db: DB, provider: string, subject: string, userId: string): Promise<void> {
  await db.deleteFrom("user_identities").where("user_id", "=", userId).where("provider", "=", provider).execute();
  await db.deleteFrom("user_identities").where("provider", "=", provider).where("subject", "=", subject).execute();
  await db.insertInto("user_identities").values({ provider, subject, user_id: userId, created_at: Date.now() }).execute();
}
