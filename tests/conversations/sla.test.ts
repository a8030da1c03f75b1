import { describe, expect, it } from "vitest";
import { addBusinessMinutes, businessMsBetween, type BusinessHours } from "~/models/conversations/business-hours";
import { zonedInstant } from "~/models/core/wall-clock";

const MADRID = "Europe/Madrid";
const WEEKDAYS_9_TO_18: BusinessHours = { days: [1, 2, 3, 4, 5], start: 9 * 60, end: 18 * 60 };
const iso = (at: number) => new Date(at).toISOString();

describe("first-response clock in business hours", () => {
  it("runs inside the day and carries over the night and the weekend", () => {
    // Wednesday 2026-03-04 10:00 in Madrid (UTC+1) = 09:00Z.
    const wed10 = Date.parse("2026-03-04T09:00:00Z");
    expect(iso(addBusinessMinutes(wed10, 90, WEEKDAYS_9_TO_18, MADRID))).toBe("2026-03-04T10:30:00.000Z");
    // Friday 17:30 local: 30 min on Friday, 60 on Monday from 09:00 → Monday 10:00 local = 09:00Z.
    const fri1730 = Date.parse("2026-03-06T16:30:00Z");
    expect(iso(addBusinessMinutes(fri1730, 90, WEEKDAYS_9_TO_18, MADRID))).toBe("2026-03-09T09:00:00.000Z");
    // Reported on Saturday: the clock starts on Monday at opening.
    const sat = Date.parse("2026-03-07T11:00:00Z");
    expect(iso(addBusinessMinutes(sat, 90, WEEKDAYS_9_TO_18, MADRID))).toBe("2026-03-09T09:30:00.000Z");
    // Before opening on a weekday.
    const wed6 = Date.parse("2026-03-04T05:00:00Z");
    expect(iso(addBusinessMinutes(wed6, 90, WEEKDAYS_9_TO_18, MADRID))).toBe("2026-03-04T09:30:00.000Z");
    expect(businessMsBetween(fri1730, Date.parse("2026-03-09T09:00:00Z"), WEEKDAYS_9_TO_18, MADRID)).toBe(90 * 60_000);
  });

  it("opens at 09:00 local time on both sides of the daylight-saving changes", () => {
    // Spring forward: Sunday 29 March 2026 in Madrid. Friday 27th is UTC+1, Monday 30th is UTC+2.
    const fri1730 = Date.parse("2026-03-27T16:30:00Z");
    expect(iso(addBusinessMinutes(fri1730, 90, WEEKDAYS_9_TO_18, MADRID))).toBe("2026-03-30T08:00:00.000Z");
    // Fall back: Sunday 25 October 2026. Friday 23rd is UTC+2, Monday 26th is UTC+1.
    const fri1730oct = Date.parse("2026-10-23T15:30:00Z");
    expect(iso(addBusinessMinutes(fri1730oct, 90, WEEKDAYS_9_TO_18, MADRID))).toBe("2026-10-26T09:00:00.000Z");
    // A Monday-to-Sunday 24 h clock across the spring change: the local day has 23 real hours.
    const always: BusinessHours = { days: [1, 2, 3, 4, 5, 6, 7], start: 0, end: 1440 };
    const sat23 = zonedInstant({ year: 2026, month: 3, day: 28 }, 23 * 60, MADRID);
    expect(iso(sat23)).toBe("2026-03-28T22:00:00.000Z");
    expect(iso(addBusinessMinutes(sat23, 120, always, MADRID))).toBe("2026-03-29T00:00:00.000Z");
    // Opening on the night of the change itself, 09:00 local on the 29th is 07:00Z.
    const sundayOpen = { days: [7], start: 9 * 60, end: 10 * 60 };
    expect(iso(addBusinessMinutes(Date.parse("2026-03-29T00:30:00Z"), 30, sundayOpen, MADRID))).toBe("2026-03-29T07:30:00.000Z");
  });

  it("follows the organisation's time zone", () => {
    const start = Date.parse("2026-03-04T09:00:00Z"); // 04:00 in New York, before opening
    expect(iso(addBusinessMinutes(start, 90, WEEKDAYS_9_TO_18, "America/New_York"))).toBe("2026-03-04T15:30:00.000Z");
  });

  it("runs around the clock when no business day is set", () => {
    const start = Date.parse("2026-03-07T11:00:00Z");
    expect(addBusinessMinutes(start, 90, { days: [], start: 0, end: 0 }, MADRID)).toBe(start + 90 * 60_000);
  });
});
