import { CompiledQuery, sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { acknowledgeGuideline } from "~/models/guidelines/acknowledgements.server";
import { funnelCountsQuery, onboardingDashboard, onboardingPeople, parseDashboardFilter } from "~/models/onboarding/dashboard.server";
import { onboardingCsv } from "~/models/onboarding/csv.server";
import { rebuildOnboardingProgress } from "~/models/onboarding/progress.server";
import { sendOnboardingReminders, setReminderIntervalDays } from "~/models/onboarding/reminders.server";
import { setOrganisationTimeZone } from "~/models/core/settings.server";
import { markLessonDone, submitQuiz } from "~/models/workshops/progress.server";
import { db, inTransaction } from "~/utils/db.server";
import { getFixedT } from "~/utils/i18n";
import { createTestDepartment, createTestUser } from "../support/http";
import { createGuideline, textHashOf } from "../guidelines/helpers";
import { createTestWorkshop, RIGHT_ANSWERS } from "./helpers";

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2026-05-20T10:00:00Z").getTime();
const noFilter = { department: "", from: null, to: null };

let A: string;
let B: string;
let w1: Awaited<ReturnType<typeof createTestWorkshop>>;
let w2: Awaited<ReturnType<typeof createTestWorkshop>>;
const people: Record<string, string> = {};

async function person(
  key: string,
  options: {
    department: string | null;
    joinedDaysAgo: number;
    status?: "invited" | "active" | "deactivated";
    name?: string;
    roles?: ("employee" | "editor")[];
  },
) {
  const user = await createTestUser({ departmentId: options.department, name: options.name ?? key, roles: options.roles });
  await db
    .updateTable("users")
    .set({ created_at: NOW - options.joinedDaysAgo * DAY, status: options.status ?? "active" })
    .where("id", "=", user.id)
    .execute();
  people[key] = user.id;
  return user.id;
}

async function complete(userId: string, w: typeof w1) {
  await markLessonDone(db, { userId, workshopId: w.workshopId, lesson: 1, now: NOW });
  await markLessonDone(db, { userId, workshopId: w.workshopId, lesson: 2, now: NOW });
  expect(
    await submitQuiz(db, { userId, workshopId: w.workshopId, versionId: w.versionId, language: "es", answers: RIGHT_ANSWERS, now: NOW }),
  ).toMatchObject({ completedWorkshop: true });
}

beforeAll(async () => {
  await setOrganisationTimeZone(db, "Europe/Madrid");
  A = await createTestDepartment("Atención al cliente (panel)");
  B = await createTestDepartment("Ventas (panel)");
  const guideline = await createGuideline({ required: true });
  w1 = await createTestWorkshop({ settings: { required: true, dueDays: 7 } });
  w2 = await createTestWorkshop({ settings: { required: true, dueDays: 30 } });
  await createTestWorkshop({ settings: { required: false } });
  const hash = await textHashOf(guideline.versionId, "es");
  const ack = (userId: string) =>
    acknowledgeGuideline(db, { userId, versionId: guideline.versionId, language: "es", textHash: hash, now: NOW });

  await person("a1", { department: A, joinedDaysAgo: 20 });
  await ack(people.a1);
  await complete(people.a1, w1);
  await complete(people.a1, w2);
  await person("a2", { department: A, joinedDaysAgo: 40 });
  await ack(people.a2);
  await person("a3", { department: A, joinedDaysAgo: 0, status: "invited" });
  await person("b1", { department: B, joinedDaysAgo: 10 });
  await ack(people.b1);
  await complete(people.b1, w1);
  await person("b2", { department: B, joinedDaysAgo: 8 });
  await person("n1", { department: null, joinedDaysAgo: 0, name: '=HYPERLINK("http://x")' });
  // Not counted: a deactivated person and someone without the employee role.
  await person("gone", { department: A, joinedDaysAgo: 50, status: "deactivated" });
  await person("editorOnly", { department: A, joinedDaysAgo: 50, roles: ["editor"] });
  // The join dates and statuses above were written straight to users, past the writes that keep the progress.
  await rebuildOnboardingProgress(db);
});

describe("HR onboarding dashboard", () => {
  it("counts the funnel by department on a known data set", async () => {
    const data = await onboardingDashboard(db, noFilter, "es", NOW);
    expect(data.workshops.map((w) => w.id)).toEqual([w1.workshopId, w2.workshopId]);
    const strip = (r: (typeof data.rows)[number]) => ({
      d: r.department,
      i: r.invited,
      a: r.activated,
      g: r.guidelines,
      w: r.workshops,
      amb: r.ambassadors,
      o: r.overdue,
    });
    expect(data.rows.map(strip)).toEqual([
      { d: "Atención al cliente (panel)", i: 3, a: 2, g: 2, w: [1, 1], amb: 1, o: 1 },
      { d: "Ventas (panel)", i: 2, a: 2, g: 1, w: [1, 0], amb: 0, o: 1 },
      { d: null, i: 1, a: 1, g: 0, w: [0, 0], amb: 0, o: 0 },
    ]);
    expect(strip(data.total)).toEqual({ d: null, i: 6, a: 5, g: 3, w: [2, 1], amb: 1, o: 2 });
    expect(data.overdue.map((p) => p.name)).toEqual(["a2", "b2"]);
    const states = Object.fromEntries((await onboardingPeople(db, noFilter, NOW)).people.map((p) => [p.name, p.state]));
    expect(states).toEqual({
      a1: "complete",
      a2: "overdue",
      a3: "not_started",
      b1: "in_progress",
      b2: "overdue",
      '=HYPERLINK("http://x")': "not_started",
    });
  });

  it("counts each department from onboarding_progress_funnel_idx alone, in its order, with or without filters", async () => {
    const postgres = process.env.TEST_DIALECT === "postgres";
    for (const filter of [noFilter, { department: A, from: "2026-04-01", to: "2026-05-20" }]) {
      const { sql: text, parameters } = funnelCountsQuery(db, filter, "Europe/Madrid", NOW).compile();
      const plan = await inTransaction(db, async (trx) => {
        // A test database is small: without this PostgreSQL would rather read the table.
        if (postgres) await sql`set local enable_seqscan = off`.execute(trx);
        return trx.executeQuery<Record<string, string>>(
          CompiledQuery.raw(`explain ${postgres ? "" : "query plan "}${text}`, [...parameters]),
        );
      });
      const detail = plan.rows.map((r) => r["QUERY PLAN"] ?? r.detail).join(" ");
      expect(detail).toMatch(
        postgres ? /Index Only Scan using onboarding_progress_funnel_idx/ : /USING COVERING INDEX onboarding_progress_funnel_idx/,
      );
      if (!postgres) expect(detail).not.toMatch(/TEMP B-TREE/);
    }
  });

  it("filters by department and join date, and reports bad filters", async () => {
    const onlyB = await onboardingDashboard(db, { department: B, from: null, to: null }, "es", NOW);
    expect(onlyB.total.invited).toBe(2);
    const none = await onboardingDashboard(db, { department: "none", from: null, to: null }, "es", NOW);
    expect(none.total.invited).toBe(1);
    // Joined 8 to 20 days before 20 May (Madrid dates): a1 (30 Apr), b1 (10 May), b2 (12 May).
    const range = parseDashboardFilter(new URLSearchParams({ from: "2026-04-30", to: "2026-05-12" }));
    expect(range.error).toBeNull();
    expect((await onboardingDashboard(db, range.filter, "es", NOW)).total.invited).toBe(3);
    expect(parseDashboardFilter(new URLSearchParams({ from: "2026-02-30" })).error).toBe("onboarding.errors.date");
    expect(parseDashboardFilter(new URLSearchParams({ from: "2026-05-12", to: "2026-05-01" })).error).toBe("onboarding.errors.dateOrder");
    expect(parseDashboardFilter(new URLSearchParams({ to: "'; drop table users" })).error).toBe("onboarding.errors.date");
  });

  it("exports every person as CSV, with formulas neutralised", async () => {
    const { people: list } = await onboardingPeople(db, noFilter, NOW);
    const csv = onboardingCsv(
      list,
      [
        { id: w1.workshopId, title: "W1" },
        { id: w2.workshopId, title: "W2" },
      ],
      getFixedT("en"),
      "Europe/Madrid",
    );
    const lines = csv.split("\r\n");
    expect(lines).toHaveLength(7);
    expect(lines[0]).toContain("W1");
    expect(lines.find((l) => l.startsWith("a1,"))).toContain("Yes");
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it("reminds overdue active people, at most once per interval each", async () => {
    await setReminderIntervalDays(db, 7);
    const before = await db.selectFrom("outbox").select("to_address").execute();
    const first = await sendOnboardingReminders(db, { filter: noFilter, actorId: null, origin: "http://altavoz.test", now: NOW });
    expect(first).toEqual({ sent: 2, skipped: 0 });
    const mails = (await db.selectFrom("outbox").selectAll().execute()).slice(before.length);
    expect(mails).toHaveLength(2);
    expect(mails.every((m) => m.text_body.includes("http://altavoz.test/workshops/"))).toBe(true);
    expect(
      await sendOnboardingReminders(db, { filter: noFilter, actorId: null, origin: "http://altavoz.test", now: NOW + 6 * DAY }),
    ).toEqual({ sent: 0, skipped: 2 });
    expect(
      await sendOnboardingReminders(db, {
        filter: { department: B, from: null, to: null },
        actorId: null,
        origin: "http://altavoz.test",
        now: NOW + 7 * DAY,
      }),
    ).toEqual({
      sent: 1,
      skipped: 0,
    });
  });
});
