import { describe, expect, it } from "vitest";
import { seedDemoConversations } from "~/cli/demo/conversations";
import { listQueue } from "~/models/conversations/care.server";
import { careDashboard } from "~/models/conversations/dashboard.server";
import { seedDemoOrganisation } from "~/cli/demo/organisation";
import { db } from "~/utils/db.server";

describe("demo customer conversations", () => {
  // Seeded on a Wednesday evening in Madrid: a late answer five days before fell on a Friday night and the
  // weekend, when no business minute passes, and the dashboard showed every answer in time.
  const wednesdayEvening = Date.UTC(2026, 11, 2, 19, 12);

  it("gives the demo care login a queue with waiting reports and a dashboard with answered ones", async () => {
    await seedDemoOrganisation(db);
    const carer = await db
      .selectFrom("users")
      .innerJoin("user_roles", "user_roles.user_id", "users.id")
      .select("user_roles.role")
      .where("users.email", "=", "care@demo.altavoz.test")
      .execute();
    expect(carer.map((r) => r.role).sort()).toEqual(["care", "employee"]);
    expect(await seedDemoConversations(db, wednesdayEvening)).toBe(6);
    const queue = await listQueue(db);
    expect(queue.map((r) => r.kind)).toEqual(["crisis", "question"]);
    const board = await careDashboard(db, { weeks: 4, timeZone: "Europe/Madrid", now: wednesdayEvening });
    expect(board.overall).toMatchObject({ reports: 6, answered: 4, resolved: 4 });
    expect(board.overall.withinTarget).toBe(0.75);
    expect(
      (
        await db
          .selectFrom("conversation_reports")
          .select("reporters_count")
          .where("kind", "=", "complaint")
          .orderBy("created_at")
          .executeTakeFirstOrThrow()
      ).reporters_count,
    ).toBe(2);
  });
});
