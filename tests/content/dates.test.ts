import { describe, expect, it } from "vitest";
import { formatDateTime, isLocalDateTime, parseLocalDate, parseLocalDateTime, toLocalDateInput, toLocalDateTimeInput } from "~/models/core/dates";

const MADRID = "Europe/Madrid";

describe("form dates in the organisation's time zone", () => {
  it("reads wall-clock times in winter and summer", () => {
    expect(parseLocalDateTime("2031-01-15T09:30", MADRID)).toBe(Date.UTC(2031, 0, 15, 8, 30));
    expect(parseLocalDateTime("2031-07-15T09:30", MADRID)).toBe(Date.UTC(2031, 6, 15, 7, 30));
    expect(parseLocalDateTime("2031-07-15T09:30", "UTC")).toBe(Date.UTC(2031, 6, 15, 9, 30));
  });

  it("round-trips through the datetime-local value", () => {
    for (const value of ["2031-03-30T01:59", "2031-03-30T03:00", "2031-10-26T01:00", "2031-12-31T23:59"]) {
      expect(toLocalDateTimeInput(parseLocalDateTime(value, MADRID), MADRID)).toBe(value);
    }
    expect(toLocalDateTimeInput(null, MADRID)).toBe("");
  });

  it("refuses malformed and impossible dates", () => {
    expect(isLocalDateTime("2031-02-30T10:00")).toBe(false);
    expect(isLocalDateTime("2031-01-01T24:00")).toBe(false);
    expect(isLocalDateTime("2031-01-01 10:00")).toBe(false);
    expect(parseLocalDateTime("yesterday", MADRID)).toBeNull();
  });

  it("turns whole days into their first instant, and the day after for exclusive ends", () => {
    expect(parseLocalDate("2031-03-01", MADRID)).toBe(Date.UTC(2031, 1, 28, 23, 0));
    expect(parseLocalDate("2031-03-31", MADRID, 1)).toBe(Date.UTC(2031, 2, 31, 22, 0));
    expect(toLocalDateInput(Date.UTC(2031, 2, 31, 22, 0) - 1, MADRID)).toBe("2031-03-31");
  });

  it("formats for people in their language", () => {
    const at = Date.UTC(2031, 0, 15, 8, 30);
    expect(formatDateTime(at, "es", MADRID)).toMatch(/15 ene 2031.*9:30/);
    expect(formatDateTime(at, "en", MADRID)).toMatch(/15 Jan 2031.*09:30/);
    expect(formatDateTime(null, "en", MADRID)).toBe("");
  });
});
