import type { DB } from "~/utils/db.server";
import { DEFAULT_TIME_ZONE, isValidTimeZone } from "./periods";

/** Organisation-wide settings, stored as text in the `settings` table. */
export async function getSetting(db: DB, key: string): Promise<string | null> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value ?? null;
}

export async function setSetting(db: DB, key: string, value: string): Promise<void> {
  await db
    .insertInto("settings")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}

export async function getNumberSetting(db: DB, key: string, fallback: number): Promise<number> {
  const raw = await getSetting(db, key);
  const value = Number(raw);
  return raw !== null && raw.trim() !== "" && Number.isFinite(value) ? value : fallback;
}

const TIME_ZONE_KEY = "org.timeZone";

export async function getOrganisationTimeZone(db: DB): Promise<string> {
  const zone = await getSetting(db, TIME_ZONE_KEY);
  return zone && isValidTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
}

export async function setOrganisationTimeZone(db: DB, zone: string): Promise<boolean> {
  if (!isValidTimeZone(zone)) return false;
  await setSetting(db, TIME_ZONE_KEY, zone);
  return true;
}
