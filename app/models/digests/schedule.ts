import type { DigestFrequency } from "#db/schema";
import { parseLocalDateTime } from "~/models/core/dates";
import { formatLocalDate, localDate } from "~/models/core/periods";

export interface DigestSchedule {
  /** 1 = Monday … 7 = Sunday (ISO), in the organisation's time zone. */
  weekday: number;
  /** 0–23, local hour. */
  hour: number;
  timeZone: string;
}

export interface DigestSlot {
  slot: string;
  frequency: Exclude<DigestFrequency, "off">;
  at: number;
}

/** A slot is only started this long after its hour: a server that was down for days does not send stale digests. */
export const SLOT_GRACE_MS = 6 * 3_600_000;
const DAY_MS = 86_400_000;

const pad = (n: number) => String(n).padStart(2, "0");

function slotAt(date: string, schedule: DigestSchedule): number {
  return parseLocalDateTime(`${date}T${pad(schedule.hour)}:00`, schedule.timeZone) ?? Number.NaN;
}

const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** The slots whose local hour has come (within the grace period) at `now`: the daily one, and the weekly one on its weekday. */
export function dueSlots(now: number, schedule: DigestSchedule): DigestSlot[] {
  const slots: DigestSlot[] = [];
  for (const back of [0, 1]) {
    const date = formatLocalDate(localDate(now - back * DAY_MS, schedule.timeZone));
    const at = slotAt(date, schedule);
    if (!(at <= now && now - at < SLOT_GRACE_MS)) continue;
    slots.push({ slot: `daily:${date}`, frequency: "daily", at });
    if (isoWeekday(date) === schedule.weekday) slots.push({ slot: `weekly:${date}`, frequency: "weekly", at });
  }
  return slots;
}

/** How far back a digest looks for new items. */
export const lookbackMs = (frequency: DigestSlot["frequency"]) => (frequency === "daily" ? 2 * DAY_MS : 8 * DAY_MS);

export const MAX_DIGEST_ITEMS = 10;
