import { describe, expect, it } from "vitest";
import { parseLocalDateTime } from "~/models/core/dates";
import { materialiseLifecycle } from "~/models/content/items.server";
import { connectWebhook } from "~/models/delivery/webhooks.server";
import { runDeliverySchedule } from "~/runtime/delivery-scheduler.server";
import { drainJobs } from "~/runtime/job-runner.server";
import { jobHandlers } from "~/runtime/job-handlers.server";
import { createDatabase, db } from "~/utils/db.server";
import { createActor } from "../content/helpers";
import { createTestDepartment } from "../support/http";
import { startChannelServer } from "./channel-server";
import { person, scheduledItem } from "./helpers";

const at = (local: string) => parseLocalDateTime(local, "Europe/Madrid")!;

describe("two app instances on one database", () => {
  it("send each digest, urgent alert and channel post exactly once", async () => {
    const server = await startChannelServer();
    // SQLite: one process sends (its one connection runs transactions one at a time); PostgreSQL: two pools.
    const postgres = process.env.TEST_DIALECT === "postgres";
    const [one, two] = postgres ? [createDatabase(process.env.DATABASE_URL), createDatabase(process.env.DATABASE_URL)] : [db, db];
    try {
      const team = await createTestDepartment();
      const editor = await createActor(["editor"]);
      const reviewer = await createActor(["reviewer"]);
      const people = [];
      for (let i = 0; i < 30; i++) people.push(await person(team));
      const hook = await connectWebhook(db, {
        kind: "slack",
        departmentId: team,
        label: "Team",
        url: server.url("/team"),
        createdBy: editor.id,
      });
      if (!hook.ok) throw new Error(hook.error);
      await scheduledItem(editor, reviewer, at("2026-12-06T10:00"), { departmentIds: [team], title: "Domingo" });
      const monday = at("2026-12-07T09:00");
      await scheduledItem(editor, reviewer, monday, { departmentIds: [team], title: "Urgente", notifyNow: true });

      await Promise.all([materialiseLifecycle(one, monday), materialiseLifecycle(two, monday)]);
      await Promise.all([runDeliverySchedule(one, monday), runDeliverySchedule(two, monday)]);
      for (let round = 0; round < 3; round++) {
        const [a, b] = await Promise.all([
          drainJobs(one, jobHandlers, { now: monday, limit: 4 }),
          drainJobs(two, jobHandlers, { now: monday, limit: 4 }),
        ]);
        expect(a.lost + b.lost).toBe(0);
      }

      const mails = await db
        .selectFrom("outbox")
        .select(["to_address", "subject"])
        .where(
          "to_address",
          "in",
          people.map((p) => p.email),
        )
        .execute();
      for (const p of people) {
        const own = mails.filter((m) => m.to_address === p.email).map((m) => m.subject);
        expect(own.sort()).toEqual(["2 novedades para compartir", "Urgente, compártelo ya: Urgente"]);
      }
      expect(server.received.filter((r) => r.path === "/team")).toHaveLength(2);
      const bells = await db
        .selectFrom("notifications")
        .select(["user_id", (eb) => eb.fn.countAll<number>().as("n")])
        .where(
          "user_id",
          "in",
          people.map((p) => p.id),
        )
        .groupBy("user_id")
        .execute();
      expect(bells.map((b) => Number(b.n))).toEqual(people.map(() => 2));
    } finally {
      if (postgres) await Promise.all([one.destroy(), two.destroy()]);
      await server.close();
    }
  });
});
