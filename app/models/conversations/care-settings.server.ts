import type { DB } from "~/utils/db.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { getNumberSetting, getSetting, setSetting } from "~/models/core/settings.server";
import { DEFAULT_BUSINESS_HOURS, type BusinessHours } from "./business-hours";

/** The first-response target: "from 24 hours to 90 minutes" when departments cooperate. */
export const DEFAULT_TARGET_MINUTES = 90;
export const DEFAULT_DAILY_POINT_CAP = 3;
export const MAX_TARGET_MINUTES = 7 * 24 * 60;

const KEYS = { target: "care.targetMinutes", hours: "care.businessHours", cap: "care.dailyPointCap" } as const;

export interface CareSettings {
  targetMinutes: number;
  hours: BusinessHours;
  dailyPointCap: number;
  timeZone: string;
}

function parseHours(raw: string | null): BusinessHours {
  if (!raw) return DEFAULT_BUSINESS_HOURS;
  try {
    const v = JSON.parse(raw) as Partial<BusinessHours>;
    const days = Array.isArray(v.days) ? v.days.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7) : [];
    const minute = (m: unknown, fallback: number) => (Number.isInteger(m) && Number(m) >= 0 && Number(m) <= 1440 ? Number(m) : fallback);
    return { days, start: minute(v.start, DEFAULT_BUSINESS_HOURS.start), end: minute(v.end, DEFAULT_BUSINESS_HOURS.end) };
  } catch {
    return DEFAULT_BUSINESS_HOURS;
  }
}

export async function getCareSettings(db: DB): Promise<CareSettings> {
  const [targetMinutes, hours, dailyPointCap, timeZone] = await Promise.all([
    getNumberSetting(db, KEYS.target, DEFAULT_TARGET_MINUTES),
    getSetting(db, KEYS.hours).then(parseHours),
    getNumberSetting(db, KEYS.cap, DEFAULT_DAILY_POINT_CAP),
    getOrganisationTimeZone(db),
  ]);
  return { targetMinutes, hours, dailyPointCap, timeZone };
}

/** New targets and hours apply to reports made from now on; each open report keeps the deadline it was given. */
export async function saveCareSettings(
  db: DB,
  next: { targetMinutes: number; hours: BusinessHours; dailyPointCap: number },
): Promise<void> {
  await setSetting(db, KEYS.target, String(next.targetMinutes));
  await setSetting(
    db,
    KEYS.hours,
    JSON.stringify({ days: [...new Set(next.hours.days)].sort(), start: next.hours.start, end: next.hours.end }),
  );
  await setSetting(db, KEYS.cap, String(next.dailyPointCap));
}

export async function listResponders(db: DB) {
  return db
    .selectFrom("department_responders")
    .innerJoin("users", "users.id", "department_responders.user_id")
    .innerJoin("departments", "departments.id", "department_responders.department_id")
    .select([
      "department_responders.department_id",
      "departments.name as department_name",
      "users.id as user_id",
      "users.name",
      "users.email",
    ])
    .orderBy("departments.name")
    .orderBy("users.name")
    .execute();
}

export type ResponderResult = { ok: true } | { ok: false; error: string };

export async function addResponder(db: DB, departmentId: string, email: string): Promise<ResponderResult> {
  const [department, person] = await Promise.all([
    db.selectFrom("departments").select("id").where("id", "=", departmentId).executeTakeFirst(),
    db.selectFrom("users").select("id").where("email", "=", email.trim().toLowerCase()).where("status", "=", "active").executeTakeFirst(),
  ]);
  if (!department) return { ok: false, error: "conversations.errors.noDepartment" };
  if (!person) return { ok: false, error: "conversations.errors.noPerson" };
  await db
    .insertInto("department_responders")
    .values({ department_id: department.id, user_id: person.id })
    .onConflict((oc) => oc.columns(["department_id", "user_id"]).doNothing())
    .execute();
  return { ok: true };
}

export async function removeResponder(db: DB, departmentId: string, userId: string): Promise<void> {
  await db.deleteFrom("department_responders").where("department_id", "=", departmentId).where("user_id", "=", userId).execute();
}
