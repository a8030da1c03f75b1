import { describe, expect, it } from "vitest";
import { parseLocalDateTime } from "~/models/core/dates";
import { materialiseLifecycle } from "~/models/content/items.server";
import { takeUrgentAlert, urgentUsage } from "~/models/delivery/urgent-cap.server";
import { drainJobs } from "~/runtime/job-runner.server";
import { jobHandlers } from "~/runtime/job-handlers.server";
import { createDatabase, db, type DB } from "~/utils/db.server";
import { createActor } from "../content/helpers";
import { createTestDepartment } from "../support/http";
import { mailsTo, notificationsOf, person, scheduledItem, setUrgentCap } from "./helpers";

const at = (local: string) => parseLocalDateTime(local, "Europe/Madrid")!;

async function outcomeOf(id: string) {
  return await db
    .selectFrom("content_items")
    .select(["urgent_outcome", "alerted_at", "status"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

describe("urgent items", () => {
  it("alert everyone they target at their publish time (not at approval), by their channel, once", async () => {
    await setUrgentCap(5);
    const [sales, eng] = [await createTestDepartment(), await createTestDepartment()];
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    const mailed = await person(sales);
    const bellOnly = await person(sales, { alertChannel: "app" });
    const english = await person(sales, { locale: "en" });
    const elsewhere = await person(eng);
    const publishAt = at("2026-12-08T10:00");
    const urgent = await scheduledItem(editor, reviewer, publishAt, { notifyNow: true, departmentIds: [sales], title: "Corte de red" });

    // Approved an hour before its publish time: nothing yet.
    await drainJobs(db, jobHandlers, { now: publishAt - 60_000 });
    expect(await notificationsOf(mailed.id)).toEqual([]);
    expect((await outcomeOf(urgent)).alerted_at).toBeNull();

    await materialiseLifecycle(db, publishAt + 30_000);
    await drainJobs(db, jobHandlers, { now: publishAt + 30_000 });
    expect(await outcomeOf(urgent)).toMatchObject({ status: "published", urgent_outcome: "alerted", alerted_at: publishAt + 30_000 });
    for (const reached of [mailed, bellOnly]) {
      expect(await notificationsOf(reached.id)).toEqual([
        { kind: "urgent_item", link: `/feed/${urgent}?via=alert`, params: JSON.stringify({ title: "Corte de red" }) },
      ]);
    }
    expect(await notificationsOf(english.id)).toEqual([]);
    expect(await notificationsOf(elsewhere.id)).toEqual([]);
    const [mail] = await mailsTo(mailed.email);
    expect(mail.subject).toBe("Urgente, compártelo ya: Corte de red");
    expect(mail.text_body).toContain(`/feed/${urgent}?via=alert#share`);
    expect(JSON.parse(mail.headers!)).toMatchObject({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    expect(await mailsTo(bellOnly.email)).toEqual([]);

    // Later passes (and another publication pass) send nothing twice.
    await materialiseLifecycle(db, publishAt + 120_000);
    await drainJobs(db, jobHandlers, { now: publishAt + 120_000 });
    expect(await notificationsOf(mailed.id)).toHaveLength(1);
    expect(await mailsTo(mailed.email)).toHaveLength(1);
  });

  it("an ordinary item is a 'new item' in the bell of everyone it targets, and no mail", async () => {
    const team = await createTestDepartment();
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    const member = await person(team);
    const publishAt = at("2026-12-09T10:00");
    const item = await scheduledItem(editor, reviewer, publishAt, { departmentIds: [team], title: "Nueva oficina" });
    await materialiseLifecycle(db, publishAt);
    await drainJobs(db, jobHandlers, { now: publishAt });
    expect(await notificationsOf(member.id)).toEqual([
      { kind: "new_item", link: `/feed/${item}`, params: JSON.stringify({ title: "Nueva oficina" }) },
    ]);
    expect(await mailsTo(member.email)).toEqual([]);
    expect((await outcomeOf(item)).urgent_outcome).toBeNull();
  });

  it("keeps to the admins' weekly cap: beyond it the item is published as usual, and a new week starts afresh", async () => {
    await setUrgentCap(2);
    const team = await createTestDepartment();
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    const member = await person(team);
    // Monday 2026-12-14 … Sunday 2026-12-20 is one week; 2026-12-21 the next.
    const times = ["2026-12-14T09:00", "2026-12-16T09:00", "2026-12-20T23:00", "2026-12-21T00:30"].map(at);
    const items = [];
    for (const time of times) items.push(await scheduledItem(editor, reviewer, time, { notifyNow: true, departmentIds: [team] }));
    for (const time of times) {
      await materialiseLifecycle(db, time);
      await drainJobs(db, jobHandlers, { now: time });
    }
    expect((await Promise.all(items.map(outcomeOf))).map((o) => o.urgent_outcome)).toEqual(["alerted", "alerted", "capped", "alerted"]);
    expect((await notificationsOf(member.id)).map((n) => n.kind)).toEqual(["urgent_item", "urgent_item", "new_item", "urgent_item"]);
    expect(await mailsTo(member.email)).toHaveLength(3);
    expect(await urgentUsage(db, times[1])).toEqual({ week: "2026-12-14", used: 2, cap: 2 });
    expect(await urgentUsage(db, times[3])).toEqual({ week: "2026-12-21", used: 1, cap: 2 });
  });

  it("a cap of 0 turns urgent alerts off", async () => {
    await setUrgentCap(0);
    expect(await db.transaction().execute((trx) => takeUrgentAlert(trx, at("2027-01-05T10:00")))).toBe(false);
  });

  it("two app instances (PostgreSQL) publishing at the same moment never exceed the cap (enforced in the database)", async () => {
    await setUrgentCap(3);
    const now = at("2027-02-02T10:00");
    // SQLite: one process writes (transactions on its one connection run one at a time).
    const postgres = process.env.TEST_DIALECT === "postgres";
    const [one, two] = postgres ? [createDatabase(process.env.DATABASE_URL), createDatabase(process.env.DATABASE_URL)] : [db, db];
    const take = (instance: DB) => instance.transaction().execute((trx) => takeUrgentAlert(trx, now));
    try {
      const results = await Promise.all(Array.from({ length: 16 }, (_, i) => take(i % 2 ? one : two)));
      expect(results.filter(Boolean)).toHaveLength(3);

      // The whole path: six urgent items due at once, published by both instances' schedulers.
      await setUrgentCap(2);
      const editor = await createActor(["editor"]);
      const reviewer = await createActor(["reviewer"]);
      const team = await createTestDepartment();
      const publishAt = at("2027-02-10T10:00");
      const items = [];
      for (let i = 0; i < 6; i++) items.push(await scheduledItem(editor, reviewer, publishAt, { notifyNow: true, departmentIds: [team] }));
      await Promise.all([materialiseLifecycle(one, publishAt), materialiseLifecycle(two, publishAt)]);
      const outcomes = (await Promise.all(items.map(outcomeOf))).map((o) => o.urgent_outcome);
      expect(outcomes.filter((o) => o === "alerted")).toHaveLength(2);
      expect(outcomes.filter((o) => o === "capped")).toHaveLength(4);
      const jobs = await db
        .selectFrom("jobs")
        .select("dedupe_key")
        .where("kind", "=", "publication")
        .where(
          "dedupe_key",
          "in",
          items.map((id) => `publication:${id}`),
        )
        .execute();
      expect(jobs).toHaveLength(6);
    } finally {
      if (postgres) await Promise.all([one.destroy(), two.destroy()]);
    }
  });
});
