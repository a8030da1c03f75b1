import { afterAll, describe, expect, it } from "vitest";
import { escalateBreaches } from "~/models/conversations/breach.server";
import { replyToReport } from "~/models/conversations/care.server";
import { reportConversation } from "~/models/conversations/report.server";
import { createDatabase, db, dialectOf, type DB } from "~/utils/db.server";
import { createTestDepartment, createTestUser } from "../support/http";

const ORIGIN = "http://altavoz.test";
const base = { network: "auto" as const, note: "", handle: "", answeredPublicly: false };
const postgres = dialectOf(process.env.DATABASE_URL) === "postgres";
const others: DB[] = [];
afterAll(async () => {
  for (const other of others) await other.destroy();
});

/** Another app instance: its own connection pool on the same database (PostgreSQL only). */
const instance = () => {
  const other = createDatabase(process.env.DATABASE_URL);
  others.push(other);
  return other;
};

describe("first-response breaches", () => {
  it("flags a report past its deadline once, tells the department's responders once, and leaves answered reports alone", async () => {
    const reporter = await createTestUser();
    const careUser = { ...(await createTestUser({ roles: ["care"] })), roles: ["care" as const] };
    const department = await createTestDepartment();
    const responder = await createTestUser();
    await db.insertInto("department_responders").values({ department_id: department, user_id: responder.id }).execute();
    const t0 = Date.parse("2026-03-04T09:00:00Z"); // Wednesday 10:00 in Madrid: due 11:30 local
    const late = await reportConversation(
      db,
      reporter.id,
      { ...base, url: `https://x.com/a/status/${Math.random()}`, kind: "complaint" },
      t0,
    );
    const answered = await reportConversation(
      db,
      reporter.id,
      { ...base, url: `https://x.com/b/status/${Math.random()}`, kind: "question" },
      t0,
    );
    const lateId = late.ok ? late.reportId : "";
    await db.updateTable("conversation_reports").set({ department_id: department }).where("id", "=", lateId).execute();
    await replyToReport(
      db,
      careUser,
      { reportId: answered.ok ? answered.reportId : "", note: "hecho", answerUrl: "", origin: ORIGIN },
      t0 + 10 * 60_000,
    );

    expect(await escalateBreaches(db, ORIGIN, t0 + 89 * 60_000)).toBe(0);
    const dueAt = t0 + 90 * 60_000;
    // Schedulers on several instances (or one run overlapping the next) race for the same reports.
    const runners = postgres ? [db, instance(), instance(), instance()] : [db, db];
    const counts = await Promise.all(runners.map((runner) => escalateBreaches(runner, ORIGIN, dueAt + 60_000)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await escalateBreaches(db, ORIGIN, dueAt + 120_000)).toBe(0);

    const events = await db
      .selectFrom("conversation_events")
      .select(["report_id", "kind"])
      .where("kind", "=", "breached")
      .where("report_id", "in", [lateId, answered.ok ? answered.reportId : ""])
      .execute();
    expect(events).toEqual([{ report_id: lateId, kind: "breached" }]);
    expect(await db.selectFrom("outbox").select("id").where("to_address", "=", responder.email).execute()).toHaveLength(1);
    expect(await db.selectFrom("notifications").select("kind").where("user_id", "=", responder.id).execute()).toEqual([
      { kind: "report_breached" },
    ]);
    expect(
      (await db.selectFrom("conversation_reports").select("breached_at").where("id", "=", lateId).executeTakeFirstOrThrow()).breached_at,
    ).toBe(dueAt + 60_000);
  });

  it("two instances reporting the same URL at once make one report with both reporters", async () => {
    const [a, b, c] = [await createTestUser(), await createTestUser(), await createTestUser()];
    const link = `https://www.facebook.com/empresa/posts/${Math.random().toString(36).slice(2)}`;
    const writers = postgres ? [db, instance(), instance()] : [db, db, db];
    const results = await Promise.all(
      [a, b, c].map((person, i) =>
        reportConversation(writers[i], person.id, { ...base, url: i ? `${link}?fbclid=x${i}` : link, kind: "complaint" }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => r.reportId)).size).toBe(1);
    expect(results.filter((r) => r.ok && !r.joined)).toHaveLength(1);
    const rows = await db
      .selectFrom("conversation_reports")
      .select(["reporters_count", "network"])
      .where("url_key", "like", "%facebook.com/empresa%")
      .execute();
    expect(rows.filter((r) => r.reporters_count === 3)).toHaveLength(1);
    expect(rows[0].network).toBe("facebook");
  });
});
