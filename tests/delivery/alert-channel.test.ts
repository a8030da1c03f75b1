import { describe, expect, it } from "vitest";
import { parseLocalDateTime } from "~/models/core/dates";
import { materialiseLifecycle } from "~/models/content/items.server";
import { PUBLICATION_JOB } from "~/models/delivery/publication.server";
import { unsubscribeToken } from "~/models/digests/unsubscribe.server";
import { action as settingsAction, loader as settingsLoader } from "~/routes/settings";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/unsubscribe";
import { drainJobs } from "~/runtime/job-runner.server";
import { jobHandlers } from "~/runtime/job-handlers.server";
import { db } from "~/utils/db.server";
import { createActor } from "../content/helpers";
import { call, createTestDepartment, createTestUser, getRequest, jsonOf, ORIGIN, postRequest } from "../support/http";
import { expectTranslated } from "../support/i18n";
import { mailsTo, notificationsOf, person, scheduledItem, setUrgentCap } from "./helpers";

const at = (local: string) => parseLocalDateTime(local, "Europe/Madrid")!;

const userRow = (id: string) =>
  db.selectFrom("users").select(["alert_channel", "digest_frequency"]).where("id", "=", id).executeTakeFirstOrThrow();

async function urgentPublished(departmentId: string, publishAt: number, title: string) {
  const editor = await createActor(["editor"]);
  const reviewer = await createActor(["reviewer"]);
  const id = await scheduledItem(editor, reviewer, publishAt, { notifyNow: true, departmentIds: [departmentId], title });
  await materialiseLifecycle(db, publishAt);
  return id;
}

describe("each person's channel for urgent alerts", () => {
  it("mail and bell, mail only, bell only: the alert reaches each person by their choice, whatever their digest", async () => {
    await setUrgentCap(10);
    const team = await createTestDepartment();
    const both = await person(team);
    const mailOnly = await person(team, { alertChannel: "mail" });
    const bellOnly = await person(team, { alertChannel: "app" });
    const noDigest = await person(team, { frequency: "off" });
    const publishAt = at("2026-12-15T10:00");
    const item = await urgentPublished(team, publishAt, "Aviso de seguridad");
    await drainJobs(db, jobHandlers, { now: publishAt });

    const bell = [{ kind: "urgent_item", link: `/feed/${item}?via=alert`, params: JSON.stringify({ title: "Aviso de seguridad" }) }];
    for (const belled of [both, bellOnly, noDigest]) expect(await notificationsOf(belled.id)).toEqual(bell);
    expect(await notificationsOf(mailOnly.id)).toEqual([]);
    for (const mailed of [both, mailOnly, noDigest]) {
      const mails = await mailsTo(mailed.email);
      expect(mails.map((m) => m.subject)).toEqual(["Urgente, compártelo ya: Aviso de seguridad"]);
      expect(mails[0].text_body).toContain(`/feed/${item}?via=alert#share`);
    }
    expect(await mailsTo(bellOnly.email)).toEqual([]);
  });

  it("a choice changed after the alert was queued is honoured when it is sent", async () => {
    await setUrgentCap(10);
    const team = await createTestDepartment();
    const changed = await person(team);
    const publishAt = at("2026-12-16T10:00");
    await urgentPublished(team, publishAt, "Cambio de última hora");
    // The publication's fan-out alone: the alert mail job is queued, not yet sent.
    await drainJobs(db, { [PUBLICATION_JOB]: jobHandlers[PUBLICATION_JOB] }, { now: publishAt });
    expect(
      await db
        .selectFrom("jobs")
        .select("kind")
        .where("dedupe_key", "like", `alert:%:${changed.id}`)
        .where("status", "=", "pending")
        .execute(),
    ).toHaveLength(1);
    await db.updateTable("users").set({ alert_channel: "app" }).where("id", "=", changed.id).execute();
    await drainJobs(db, jobHandlers, { now: publishAt + 1000 });
    expect(await mailsTo(changed.email)).toEqual([]);
  });

  it("is chosen in the person's settings (mail and bell by default); a value that is not a choice changes nothing", async () => {
    const user = await createTestUser();
    const page = async () => jsonOf(await call(settingsLoader, getRequest("/settings", { cookie: user.cookie })));
    expect((await page()).alertChannel).toBe("both");
    for (const channel of ["mail", "app", "both"] as const) {
      const saved = await call(settingsAction, postRequest("/settings", { intent: "alerts", channel }, { cookie: user.cookie }));
      expect(saved.status).toBe(302);
      expect((await userRow(user.id)).alert_channel).toBe(channel);
      expect((await page()).alertChannel).toBe(channel);
    }
    const refused = await call(settingsAction, postRequest("/settings", { intent: "alerts", channel: "teams" }, { cookie: user.cookie }));
    expect(refused.status).toBe(400);
    expectTranslated((await jsonOf(refused)).errors.channel);
    expect(await userRow(user.id)).toEqual({ alert_channel: "both", digest_frequency: "weekly" });
  });

  it("the alert mail's one-click unsubscribe (signed out) stops alert mail only, never the digest", async () => {
    await setUrgentCap(10);
    const team = await createTestDepartment();
    const reader = await person(team);
    const publishAt = at("2026-12-17T10:00");
    await urgentPublished(team, publishAt, "Lee esto");
    await drainJobs(db, jobHandlers, { now: publishAt });
    const [mail] = await mailsTo(reader.email);
    const link = /^<(.+)>$/.exec(JSON.parse(mail.headers!)["List-Unsubscribe"] as string)![1];
    expect(link).toBe(`${new URL(link).origin}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(reader.id, "alert"))}`);
    const path = link.slice(new URL(link).origin.length);

    expect(await jsonOf(await call(unsubscribeLoader, new Request(`${ORIGIN}${path}`)))).toMatchObject({ valid: true, list: "alert" });
    // A digest token cannot be turned into an alert one (and the other way round).
    const forged = `alert.${unsubscribeToken(reader.id).split(".").pop()}`;
    expect((await jsonOf(await call(unsubscribeLoader, new Request(`${ORIGIN}/unsubscribe?token=${forged}`)))).valid).toBe(false);

    const oneClick = await call(
      unsubscribeAction,
      new Request(`${ORIGIN}${path}`, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) }),
    );
    expect(oneClick.status).toBe(200);
    expect(await userRow(reader.id)).toEqual({ alert_channel: "app", digest_frequency: "weekly" });
  });
});
