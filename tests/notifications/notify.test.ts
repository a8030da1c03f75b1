import { describe, expect, it } from "vitest";
import { resources } from "~/locales";
import { NOTIFICATION_KINDS } from "~/models/notifications/kinds";
import { notify, notifyMany } from "~/models/notifications/notify.server";
import { db } from "~/utils/db.server";
import { createTestUser } from "../support/http";

describe("notify", () => {
  it("every kind has its text in both languages", () => {
    for (const kind of NOTIFICATION_KINDS) {
      expect(resources.es.translation.notifications.kinds[kind], kind).toBeTruthy();
      expect(resources.en.translation.notifications.kinds[kind], kind).toBeTruthy();
    }
  });

  it("records one notification and many, and rolls back with its transaction", async () => {
    const [a, b] = [await createTestUser(), await createTestUser()];
    await notify(db, { userId: a.id, kind: "idea_accepted", params: { title: "Idea" }, link: "/ideas" });
    expect(await notifyMany(db, [a.id, b.id, a.id], { kind: "new_item", params: { title: "T" }, link: "/feed/x" })).toBe(2);
    await expect(
      db.transaction().execute(async (trx) => {
        await notify(trx, { userId: b.id, kind: "new_item", link: "/feed" });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    const rows = await db.selectFrom("notifications").select(["user_id", "kind", "params"]).where("user_id", "in", [a.id, b.id]).execute();
    expect(rows).toHaveLength(3);
    expect(JSON.parse(rows.find((r) => r.kind === "idea_accepted")!.params)).toEqual({ title: "Idea" });
  });

  it("refuses links to other origins and unknown kinds", async () => {
    const a = await createTestUser();
    await expect(notify(db, { userId: a.id, kind: "new_item", link: "//evil.example" })).rejects.toThrow();
    await expect(notify(db, { userId: a.id, kind: "new_item", link: "https://evil.example" })).rejects.toThrow();
    await expect(notify(db, { userId: a.id, kind: "nope" as "new_item", link: "/feed" })).rejects.toThrow();
  });
});
