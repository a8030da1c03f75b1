import type { DB } from "~/utils/db.server";
import { getNumberSetting, setSetting } from "~/models/core/settings.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import type { DigestSchedule } from "./schedule";

const WEEKDAY_KEY = "digest.weekday";
const HOUR_KEY = "digest.hour";
const URGENT_CAP_KEY = "urgent.weekly_cap";

export const DEFAULT_DIGEST_WEEKDAY = 1;
export const DEFAULT_DIGEST_HOUR = 9;
export const DEFAULT_URGENT_CAP = 2;

const inRange = (value: number, min: number, max: number, fallback: number) =>
  Number.isInteger(value) && value >= min && value <= max ? value : fallback;

export async function getDigestSchedule(db: DB): Promise<DigestSchedule> {
  const [weekday, hour, timeZone] = await Promise.all([
    getNumberSetting(db, WEEKDAY_KEY, DEFAULT_DIGEST_WEEKDAY),
    getNumberSetting(db, HOUR_KEY, DEFAULT_DIGEST_HOUR),
    getOrganisationTimeZone(db),
  ]);
  return { weekday: inRange(weekday, 1, 7, DEFAULT_DIGEST_WEEKDAY), hour: inRange(hour, 0, 23, DEFAULT_DIGEST_HOUR), timeZone };
}

export async function getUrgentCap(db: DB): Promise<number> {
  return inRange(await getNumberSetting(db, URGENT_CAP_KEY, DEFAULT_URGENT_CAP), 0, 100, DEFAULT_URGENT_CAP);
}

export async function saveDeliverySettings(db: DB, values: { weekday: number; hour: number; urgentCap: number }): Promise<void> {
  await setSetting(db, WEEKDAY_KEY, String(values.weekday));
  await setSetting(db, HOUR_KEY, String(values.hour));
  await setSetting(db, URGENT_CAP_KEY, String(values.urgentCap));
}
