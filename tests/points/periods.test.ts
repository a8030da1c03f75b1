import { describe, expect, it } from "vitest";
import { bucketKeysAt, periodContaining, previousPeriod, startOfLocalDay } from "~/models/core/periods";

const MADRID = "Europe/Madrid";

describe("calendar periods in the organisation's time zone", () => {
  it("starts weeks on Monday at local midnight", () => {
    // Sunday 2026-11-22 23:30 in Madrid is 22:30 UTC: still the week of Monday 16 November.
    const sundayNight = Date.UTC(2026, 10, 22, 22, 30);
    const week = periodContaining("week", sundayNight, MADRID);
    expect(week.key).toBe("2026-11-16");
    expect(new Date(week.start).toISOString()).toBe("2026-11-15T23:00:00.000Z");
    expect(new Date(week.end).toISOString()).toBe("2026-11-22T23:00:00.000Z");
    // Half an hour later it is Monday in Madrid (still Sunday in UTC): a new week.
    expect(periodContaining("week", sundayNight + 60 * 60 * 1000, MADRID).key).toBe("2026-11-23");
    expect(periodContaining("week", sundayNight + 60 * 60 * 1000, "UTC").key).toBe("2026-11-16");
  });

  it("puts the exact boundary instant in the new period", () => {
    const week = periodContaining("week", Date.UTC(2026, 10, 18), MADRID);
    expect(periodContaining("week", week.end, MADRID).key).toBe("2026-11-23");
    expect(periodContaining("week", week.end - 1, MADRID).key).toBe("2026-11-16");
  });

  it("handles months, quarters and the daylight-saving change", () => {
    const at = Date.UTC(2026, 2, 29, 12); // 29 March 2026, the day clocks go forward in Madrid
    expect(periodContaining("month", at, MADRID)).toMatchObject({ key: "2026-03" });
    expect(periodContaining("quarter", at, MADRID).key).toBe("2026-Q1");
    const q2 = periodContaining("quarter", Date.UTC(2026, 3, 1, 12), MADRID);
    expect(q2.key).toBe("2026-Q2");
    expect(new Date(q2.start).toISOString()).toBe("2026-03-31T22:00:00.000Z"); // CEST, UTC+2
    expect(new Date(startOfLocalDay({ year: 2026, month: 1, day: 1 }, MADRID)).toISOString()).toBe("2025-12-31T23:00:00.000Z");
    expect(previousPeriod("month", Date.UTC(2026, 0, 15), MADRID).key).toBe("2025-12");
    expect(previousPeriod("quarter", Date.UTC(2026, 0, 15), MADRID).key).toBe("2025-Q4");
  });

  it("lists the buckets an event adds to", () => {
    expect(bucketKeysAt(Date.UTC(2026, 11, 31, 23, 30), MADRID)).toEqual([
      { kind: "week", key: "2026-12-28" },
      { kind: "month", key: "2027-01" },
      { kind: "quarter", key: "2027-Q1" },
      { kind: "all", key: "all" },
    ]);
  });
});
