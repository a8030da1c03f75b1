import type { DB } from "~/utils/db.server";
import { DEFAULT_LOCALE } from "~/utils/i18n";
import { toLocalDateTimeInput } from "~/models/core/dates";
import { localDate, startOfLocalDay } from "~/models/core/periods";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { notify } from "./notify.server";

const HOURS_36 = 36 * 3_600_000;

/** Tomorrow in the organisation's time zone: [its local midnight, the next one). */
function tomorrowWindow(now: number, timeZone: string) {
  const today = startOfLocalDay(localDate(now, timeZone), timeZone);
  const start = startOfLocalDay(localDate(today + HOURS_36, timeZone), timeZone);
  return { start, end: startOfLocalDay(localDate(start + HOURS_36, timeZone), timeZone) };
}

/**
 * "A live session tomorrow": everyone registered for a session that starts tomorrow (local calendar
 * day) gets one bell notification. Each registration is claimed by a conditional update of its
 * reminded_at in the transaction that writes the notification, so two instances never remind twice.
 */
export async function remindSessionsTomorrow(db: DB, now = Date.now()): Promise<number> {
  const timeZone = await getOrganisationTimeZone(db);
  const window = tomorrowWindow(now, timeZone);
  const due = await db
    .selectFrom("workshop_registrations as r")
    .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
    .innerJoin("workshops as w", "w.id", "s.workshop_id")
    .innerJoin("users as u", "u.id", "r.user_id")
    .select(["r.session_id", "r.user_id", "s.starts_at", "s.workshop_id", "w.slug", "u.locale"])
    .where("r.reminded_at", "is", null)
    .where("s.cancelled_at", "is", null)
    .where("s.starts_at", ">=", window.start)
    .where("s.starts_at", "<", window.end)
    .where("u.status", "=", "active")
    .execute();
  let reminded = 0;
  for (const row of due) {
    const title = await workshopTitle(db, row.workshop_id, row.locale ?? DEFAULT_LOCALE);
    const written = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable("workshop_registrations")
        .set({ reminded_at: now })
        .where("session_id", "=", row.session_id)
        .where("user_id", "=", row.user_id)
        .where("reminded_at", "is", null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return false;
      const params = { title: title ?? row.slug, time: toLocalDateTimeInput(row.starts_at, timeZone).slice(11) };
      await notify(trx, { userId: row.user_id, kind: "session_tomorrow", params, link: `/workshops/${row.slug}` }, now);
      return true;
    });
    if (written) reminded += 1;
  }
  return reminded;
}

/** The workshop's published title in the language, or in any language it has. */
async function workshopTitle(db: DB, workshopId: string, language: string): Promise<string | null> {
  const texts = await db
    .selectFrom("workshop_version_texts as t")
    .innerJoin("workshop_versions as v", "v.id", "t.version_id")
    .select(["t.language", "t.title"])
    .where("v.workshop_id", "=", workshopId)
    .where("v.status", "=", "published")
    .execute();
  return (texts.find((t) => t.language === language) ?? texts[0])?.title ?? null;
}
