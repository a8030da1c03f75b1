import { processDb, type DB } from "~/utils/db.server";
import { forgetInRequest, inRequest } from "~/utils/request-scope.server";
import { DEFAULT_TIME_ZONE, isValidTimeZone } from "./periods";

const REQUEST_MEMO = "settings";

/**
 * Organisation-wide settings, stored as text in the `settings` table. Within a request (GET/HEAD, see
 * request-scope.server.ts) the whole table (a few dozen rows) is read once and shared by every loader of
 * the page, so the time zone and the other settings cost one query per page. Transactions read their own.
 */
export async function getSetting(handle: DB, key: string): Promise<string | null> {
  const db = processDb(handle);
  const shared = db.isTransaction ? undefined : inRequest(REQUEST_MEMO, () => new WeakMap<DB, Promise<Map<string, string>>>());
  if (shared) {
    // Keyed by database instance, so a test holding two databases in one scope never mixes them.
    let all = shared.get(db);
    if (!all) {
      all = readAllSettings(db);
      shared.set(db, all);
    }
    return (await all).get(key) ?? null;
  }
  const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value ?? null;
}

async function readAllSettings(db: DB): Promise<Map<string, string>> {
  const rows = await db.selectFrom("settings").select(["key", "value"]).execute();
  return new Map(rows.map((row) => [row.key, row.value]));
}

export async function setSetting(db: DB, key: string, value: string): Promise<void> {
  await db
    .insertInto("settings")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
  forgetInRequest(REQUEST_MEMO);
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
