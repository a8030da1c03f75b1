import { describe, expect, it } from "vitest";
import type { DigestFrequency, Locale } from "#db/schema";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/unsubscribe";
import { parseLocalDateTime } from "~/models/core/dates";
import { unsubscribeToken } from "~/models/digests/unsubscribe.server";
import { runDeliverySchedule } from "~/runtime/delivery-scheduler.server";
import { drainJobs } from "~/runtime/job-runner.server";
import { jobHandlers } from "~/runtime/job-handlers.server";
import { db } from "~/utils/db.server";
import { appOrigin } from "~/utils/env.server";
import { approvedItem, createActor } from "../content/helpers";
import { call, createTestDepartment, createTestUser, ORIGIN } from "../support/http";

const zone = "Europe/Madrid";
const at = (local: string) => parseLocalDateTime(local, zone)!;
const HOUR = 3_600_000;

async function person(frequency: DigestFrequency, locale: Locale, departmentId: string | null) {
  const user = await createTestUser({ departmentId });
  await db.updateTable("users").set({ digest_frequency: frequency, locale }).where("id", "=", user.id).execute();
  return user;
}

/** The item ids each mail to `email` offers, in order of sending. */
async function digestsOf(email: string) {
  const mails = await db
    .selectFrom("outbox")
    .select(["text_body", "html_body", "headers", "subject", "created_at"])
    .where("to_address", "=", email)
    .orderBy("created_at")
    .execute();
  return mails.map((m) => ({ ...m, items: [...m.text_body.matchAll(/\/feed\/([^?\s]+)\?via=digest/g)].map((x) => x[1]) }));
}

describe("personal digest over a simulated week", () => {
  it("sends each person what is new for them, at their frequency, once, and nothing when nothing is new", async () => {
    const [sales, eng] = [await createTestDepartment(), await createTestDepartment()];
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    // Digest hour 9:00, weekly on Monday (the defaults); 2026-12-07 is a Monday.
    const weeklyEs = await person("weekly", "es", sales);
    const dailyEn = await person("daily", "en", eng);
    const off = await person("off", "es", null);
    const dailyEs = await person("daily", "es", sales);
    const approveAt = at("2026-12-03T12:00");
    const item = (title: string, o: { language?: Locale; departmentIds?: string[]; publishAt: string; expireAt?: string }) =>
      approvedItem(
        editor,
        reviewer,
        {
          title,
          language: o.language ?? "es",
          departmentIds: o.departmentIds ?? [],
          publishAt: at(o.publishAt),
          expireAt: o.expireAt ? at(o.expireAt) : null,
        },
        approveAt,
      );
    const forAll = await item("Para todos", { publishAt: "2026-12-04T10:00" });
    const forSales = await item("Ventas", { departmentIds: [sales], publishAt: "2026-12-05T08:00" });
    const english = await item("In English", { language: "en", publishAt: "2026-12-05T08:00" });
    const forEng = await item("Ingeniería", { departmentIds: [eng], publishAt: "2026-12-06T08:00" });
    const shortLived = await item("Breve", { publishAt: "2026-12-04T10:00", expireAt: "2026-12-06T00:00" });
    const later = await item("Miércoles", { publishAt: "2026-12-09T08:00" });
    const future = await item("Futuro", { publishAt: "2026-12-20T08:00" });
    // dailyEs already shared "Para todos" from the feed.
    await db
      .insertInto("shares")
      .values({ id: "s-digest-1", user_id: dailyEs.id, item_id: forAll, network: "linkedin", created_at: at("2026-12-04T11:00") })
      .execute();

    for (let now = at("2026-12-04T00:00"); now <= at("2026-12-11T00:00"); now += HOUR) {
      await runDeliverySchedule(db, now);
      await drainJobs(db, jobHandlers, { now });
    }

    const weekly = await digestsOf(weeklyEs.email);
    expect(weekly.map((m) => m.items)).toEqual([[forSales, forAll]]);
    expect(weekly[0].created_at).toBe(at("2026-12-07T09:00"));
    expect(weekly[0].subject).toContain("2 novedades");

    const english_ = await digestsOf(dailyEn.email);
    expect(english_.map((m) => m.items)).toEqual([[english]]);
    expect(english_[0].created_at).toBe(at("2026-12-05T09:00"));
    expect(english_[0].subject).toBe("1 new item to share");

    expect(await digestsOf(off.email)).toEqual([]);

    const dailySpanish = await digestsOf(dailyEs.email);
    // Exactly: Dec 5 (Ventas and Breve; "Para todos" was shared), Dec 9 (Miércoles); nothing on the other days.
    expect(dailySpanish.map((m) => [m.created_at, new Set(m.items)])).toEqual([
      [at("2026-12-05T09:00"), new Set([forSales, shortLived])],
      [at("2026-12-09T09:00"), new Set([later])],
    ]);
    const everything = [weekly, english_, dailySpanish].flat().flatMap((m) => m.items);
    expect(everything).not.toContain(future);
    expect(everything).not.toContain(forEng);

    // The mail tracks nothing and carries the one-click unsubscribe headers.
    const mail = weekly[0];
    expect(JSON.parse(mail.headers!)).toMatchObject({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    // Mailed links always start at the configured public origin (APP_ORIGIN), never a request's Host.
    expect(JSON.parse(mail.headers!)["List-Unsubscribe"]).toMatch(
      new RegExp(`^<${appOrigin().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/unsubscribe\\?token=`),
    );
    expect(mail.html_body).not.toMatch(/<img[^>]+(width="1"|height="1")/);
    expect(mail.html_body).toContain(`/feed/${forSales}?via=digest#share`);
  });

  it("one-click unsubscribe works signed out with the signed token; a forged token changes nothing", async () => {
    const someone = await person("weekly", "es", null);
    const token = unsubscribeToken(someone.id);
    const page = await call(unsubscribeLoader, new Request(`${ORIGIN}/unsubscribe?token=${encodeURIComponent(token)}`));
    expect(await page.json()).toMatchObject({ valid: true });
    expect(
      (await db.selectFrom("users").select("digest_frequency").where("id", "=", someone.id).executeTakeFirstOrThrow()).digest_frequency,
    ).toBe("weekly");

    const forged = await call(
      unsubscribeAction,
      new Request(`${ORIGIN}/unsubscribe?token=${encodeURIComponent(`${someone.id}.AAAA`)}`, {
        method: "POST",
        body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }),
      }),
    );
    expect(forged.status).toBe(400);
    const crossSite = await call(
      unsubscribeAction,
      new Request(`${ORIGIN}/unsubscribe?token=${encodeURIComponent(token)}`, {
        method: "POST",
        headers: { Origin: "https://evil.example" },
        body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }),
      }),
    );
    expect(crossSite.status).toBe(403);
    expect(
      (await db.selectFrom("users").select("digest_frequency").where("id", "=", someone.id).executeTakeFirstOrThrow()).digest_frequency,
    ).toBe("weekly");

    // As a mail provider does it (RFC 8058): no cookie, no Origin.
    const oneClick = await call(
      unsubscribeAction,
      new Request(`${ORIGIN}/unsubscribe?token=${encodeURIComponent(token)}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      }),
    );
    expect(oneClick.status).toBe(200);
    expect(
      (await db.selectFrom("users").select("digest_frequency").where("id", "=", someone.id).executeTakeFirstOrThrow()).digest_frequency,
    ).toBe("off");
  });
});
