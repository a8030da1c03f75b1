import { describe, expect, it } from "vitest";
import { wallClock } from "~/models/core/wall-clock";
import { mulberry32 as random } from "../support/random";

const formats = new Map<string, Intl.DateTimeFormat>();

/** What Intl shows, read here on its own, to compare with the kept offsets. */
function shownByIntl(at: number, timeZone: string) {
  const format =
    formats.get(timeZone) ??
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
  formats.set(timeZone, format);
  const parts = format.formatToParts(new Date(at));
  const value = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return {
    year: value("year"),
    month: value("month"),
    day: value("day"),
    hour: value("hour"),
    minute: value("minute"),
    second: value("second"),
  };
}

// Daylight saving of an hour and of half an hour, offsets of 45 minutes, a zone that skipped a day, none.
const ZONES = ["Europe/Madrid", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham", "Pacific/Apia", "UTC"];
const HOUR = 3_600_000;

/** The instants in [from, to) where the zone's offset changes, found six hours at a time and then to the millisecond. */
function changesOf(timeZone: string, from: number, to: number): number[] {
  const offset = (t: number) => {
    const p = shownByIntl(t, timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000;
  };
  const changes: number[] = [];
  for (let t = from; t < to; t += 6 * HOUR) {
    if (offset(t) === offset(t + 6 * HOUR)) continue;
    let [low, high] = [t, t + 6 * HOUR];
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (offset(mid) === offset(low)) low = mid;
      else high = mid;
    }
    changes.push(high);
  }
  return changes;
}

describe("the wall clock", () => {
  it("shows what Intl shows at random instants from 1970 to 2199, and before and after", () => {
    const next = random(13);
    for (const zone of ZONES) {
      for (let i = 0; i < 3_000; i++) {
        const at = Math.floor(next() * Date.UTC(2199, 11, 31)) + (i % 10 === 0 ? -Date.UTC(2100, 0, 1) : 0);
        expect(wallClock(at, zone), `${zone} ${new Date(at).toISOString()}`).toEqual(shownByIntl(at, zone));
      }
    }
  });

  it("shows what Intl shows around every change of offset, to the millisecond", () => {
    let checked = 0;
    for (const zone of ZONES) {
      for (const change of changesOf(zone, Date.UTC(2011, 0, 1), Date.UTC(2013, 0, 1))) {
        for (const delta of [-HOUR, -901_000, -1_000, -1, 0, 1, 999, 1_000, 899_999, 900_000, HOUR]) {
          const at = change + delta;
          expect(wallClock(at, zone), `${zone} ${new Date(at).toISOString()}`).toEqual(shownByIntl(at, zone));
          checked++;
        }
      }
    }
    // Madrid, New York, Lord Howe and Chatham change twice a year; Apia skipped 30 December 2011.
    expect(checked).toBeGreaterThanOrEqual(4 * 4 * 11);
  });

  it("refuses an unknown zone every time", () => {
    expect(() => wallClock(Date.UTC(2026, 0, 1), "Mars/Olympus_Mons")).toThrow(RangeError);
    expect(() => wallClock(Date.UTC(2026, 0, 1), "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});
