import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action, loader } from "~/routes/admin.delivery";
import { getDigestSchedule, getUrgentCap } from "~/models/digests/settings.server";
import { enqueueJob } from "~/models/jobs/queue.server";
import { db } from "~/utils/db.server";
import { call, createTestUser, getRequest, jsonOf, postRequest, type TestUser } from "../support/http";
import { expectTranslated } from "../support/i18n";
import { startChannelServer } from "./channel-server";

let admin: TestUser;
let server: Awaited<ReturnType<typeof startChannelServer>>;
const post = (body: Record<string, string>) => call(action, postRequest("/admin/delivery", body, { cookie: admin.cookie }));

beforeAll(async () => {
  admin = await createTestUser({ roles: ["admin"] });
  server = await startChannelServer((path) => (path === "/broken" ? 500 : 200));
});
afterAll(() => server.close());

describe("the admins' delivery page", () => {
  it("sets the digest weekday and hour and the weekly urgent cap, refusing values out of range", async () => {
    expect((await post({ intent: "schedule", weekday: "4", hour: "17", urgentCap: "3" })).status).toBe(302);
    expect(await getDigestSchedule(db)).toMatchObject({ weekday: 4, hour: 17 });
    expect(await getUrgentCap(db)).toBe(3);
    const refused = await post({ intent: "schedule", weekday: "8", hour: "24", urgentCap: "-1" });
    expect(refused.status).toBe(400);
    const { errors } = await jsonOf(refused);
    for (const field of ["weekday", "hour", "urgentCap"]) expectTranslated(errors[field]);
    expect(await getUrgentCap(db)).toBe(3);
    const page = await jsonOf(await call(loader, getRequest("/admin/delivery", { cookie: admin.cookie })));
    expect(page.schedule).toEqual({ weekday: "4", hour: "17", urgentCap: "3" });
  });

  it("connects a channel by its webhook URL, never shows the URL again, and its test button posts a card", async () => {
    const refused = await post({ intent: "connect", kind: "slack", departmentId: "", label: "Todos", url: "http://hooks.example.com/x" });
    expect(refused.status).toBe(400);
    expectTranslated((await jsonOf(refused)).errors.url);
    expect(
      (await post({ intent: "connect", kind: "slack", departmentId: "", label: "Todos", url: server.url("/ok/secret-token") })).status,
    ).toBe(302);
    expect((await post({ intent: "connect", kind: "teams", departmentId: "", label: "Roto", url: server.url("/broken") })).status).toBe(
      302,
    );
    const page = await jsonOf(await call(loader, getRequest("/admin/delivery", { cookie: admin.cookie })));
    expect(JSON.stringify(page)).not.toContain("secret-token");
    const [ok, broken] = page.webhooks;
    const tested = await jsonOf(await post({ intent: "test", id: ok.id }));
    expect(tested.test).toEqual({ status: 200 });
    expect(server.received.at(-1)?.body.blocks[0].text.text).toContain("Altavoz");
    expect((await jsonOf(await post({ intent: "test", id: broken.id }))).test).toEqual({ error: "The channel answered HTTP 500" });
    expect((await post({ intent: "disconnect", id: broken.id })).status).toBe(302);
    expect((await post({ intent: "test", id: broken.id })).status).toBe(400);
  });

  it("lists channel posts that failed for good and retries them on request (only those)", async () => {
    await enqueueJob(db, { kind: "webhook", payload: { webhookId: "gone", itemId: "gone" } });
    await db
      .updateTable("jobs")
      .set({ status: "failed", attempts: 6, last_error: "HTTP 500", finished_at: Date.now() })
      .where("kind", "=", "webhook")
      .execute();
    const mail = await db
      .insertInto("jobs")
      .values({ id: "mail-job", kind: "mail", payload: "{}", status: "failed", attempts: 1, max_attempts: 1, run_at: 0, created_at: 0 })
      .returning("id")
      .executeTakeFirstOrThrow();
    const page = await jsonOf(await call(loader, getRequest("/admin/delivery", { cookie: admin.cookie })));
    expect(page.failures).toHaveLength(1);
    expect(page.failures[0]).toMatchObject({ attempts: 6, error: "HTTP 500" });
    expect((await post({ intent: "retry", id: mail.id })).status).toBe(400);
    expect((await post({ intent: "retry", id: page.failures[0].id })).status).toBe(302);
    expect((await db.selectFrom("jobs").select("status").where("id", "=", page.failures[0].id).executeTakeFirstOrThrow()).status).toBe(
      "pending",
    );
  });
});
