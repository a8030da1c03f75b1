import { beforeAll, describe, expect, it } from "vitest";
import { cohortGraduates, setGraduationCriteria } from "~/models/cohorts/graduation.server";
import { openNextWave } from "~/models/cohorts/waves.server";
import { setOrganisationTimeZone } from "~/models/core/settings.server";
import { acknowledgeGuideline } from "~/models/guidelines/acknowledgements.server";
import { awardPoints } from "~/models/scoring/points.server";
import { db } from "~/utils/db.server";
import { createGuideline, textHashOf } from "../guidelines/helpers";
import { createTestUser } from "../support/http";
import { createTestCohort } from "./helpers";

const DAY = 86_400_000;
const START = Date.parse("2035-06-03T22:00:00Z"); // a Monday in Madrid
const ORIGIN = "http://altavoz.test";
let ack: (userId: string) => Promise<unknown>;
let reference = 0;

const cohort = async (emails: string[], startsAt = START) =>
  createTestCohort((await createTestUser({ roles: ["admin"] })).id, emails, startsAt, startsAt + 14 * DAY);

const share = (userId: string, at: number, uniqueClicks: number) =>
  db.transaction().execute((trx) =>
    awardPoints(trx, {
      userId,
      action: "share",
      referenceType: "wave-test",
      referenceId: `share-${++reference}`,
      at,
      counters: { shares: 1, uniqueClicks },
    }),
  );

async function invitedPerson() {
  const person = await createTestUser();
  await db.updateTable("users").set({ status: "invited", password_hash: null }).where("id", "=", person.id).execute();
  return person;
}

/** A pilot whose first person graduates (onboarded, 2 shares, 4 unique clicks in its weeks) and whose others do not. */
async function pilotWithOneGraduate(start = START) {
  const [a, b, c, d] = [await createTestUser(), await createTestUser(), await createTestUser(), await createTestUser()];
  await Promise.all([ack(a.id), ack(b.id), ack(d.id)]);
  const pilot = await cohort([a.email, b.email, c.email, d.email], start);
  await setGraduationCriteria(db, pilot, { onboarded: true, shares: 2, uniqueClicks: 3 });
  await share(a.id, start + DAY, 1);
  await share(a.id, start + 9 * DAY, 3);
  await share(b.id, start + DAY, 10); // one share only
  await share(c.id, start + DAY, 5); // not onboarded
  await share(c.id, start + 2 * DAY, 5);
  await share(c.id, start + 3 * DAY, 5);
  await share(d.id, start + DAY, 5);
  await share(d.id, start + 20 * DAY, 5); // after the pilot's weeks
  return { pilot, a, b, c, d };
}

beforeAll(async () => {
  await setOrganisationTimeZone(db, "Europe/Madrid");
  const guideline = await createGuideline({ required: true });
  const hash = await textHashOf(guideline.versionId, "es");
  ack = (userId) => acknowledgeGuideline(db, { userId, versionId: guideline.versionId, language: "es", textHash: hash });
});

describe("graduation", () => {
  it("graduates the people who meet every criterion over the cohort's own weeks", async () => {
    const { pilot, a, b, c, d } = await pilotWithOneGraduate();
    const result = await cohortGraduates(db, pilot, START + 30 * DAY);
    const byId = new Map(result?.people.map((p) => [p.id, p]));
    expect(byId.get(a.id)).toMatchObject({ onboarded: true, shares: 2, uniqueClicks: 4, graduated: true });
    expect(byId.get(b.id)).toMatchObject({ onboarded: true, shares: 1, uniqueClicks: 10, graduated: false });
    expect(byId.get(c.id)).toMatchObject({ onboarded: false, shares: 3, uniqueClicks: 15, graduated: false });
    expect(byId.get(d.id)).toMatchObject({ onboarded: true, shares: 1, uniqueClicks: 5, graduated: false });
    // Lowering the bar to one share graduates b and d as well; without criteria nobody graduates.
    await setGraduationCriteria(db, pilot, { onboarded: true, shares: 1, uniqueClicks: null });
    const lower = await cohortGraduates(db, pilot, START + 30 * DAY);
    expect(
      lower?.people
        .filter((p) => p.graduated)
        .map((p) => p.id)
        .sort(),
    ).toEqual([a.id, b.id, d.id].sort());
    await setGraduationCriteria(db, pilot, { onboarded: false, shares: null, uniqueClicks: null });
    expect((await cohortGraduates(db, pilot, START + 30 * DAY))?.people.some((p) => p.graduated)).toBe(false);
  });
});

describe("opening the next wave", () => {
  it("invites the wave's people who have not joined (mail in the outbox), names the graduates champions, and only once", async () => {
    const { pilot, a } = await pilotWithOneGraduate();
    const admin = await createTestUser({ roles: ["admin"] });
    const [i1, i2, joined] = [await invitedPerson(), await invitedPerson(), await createTestUser()];
    const wave = await cohort([i1.email, i2.email, joined.email], START + 28 * DAY);
    const actor = { id: admin.id, roles: ["admin" as const] };
    const result = await openNextWave(db, { pilotId: pilot, cohortId: wave, actor, origin: ORIGIN, now: START + 28 * DAY });
    expect(result).toEqual({ ok: true, invited: 2, champions: 1, skipped: 0 });
    const mails = await db
      .selectFrom("outbox")
      .select("to_address")
      .where("to_address", "in", [i1.email, i2.email, joined.email])
      .execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual([i1.email, i2.email].sort());
    const champions = await db.selectFrom("champions").select(["user_id", "department_id"]).where("cohort_id", "=", wave).execute();
    expect(champions).toEqual([{ user_id: a.id, department_id: null }]);

    const again = await openNextWave(db, { pilotId: pilot, cohortId: wave, actor, origin: ORIGIN });
    expect(again).toEqual({ ok: false, error: "cohorts.errors.waveOpened" });
    const other = await cohort([i1.email], START + 28 * DAY);
    expect(await openNextWave(db, { pilotId: pilot, cohortId: other, actor, origin: ORIGIN })).toEqual({
      ok: false,
      error: "cohorts.errors.waveOpened",
    });
    expect(await openNextWave(db, { pilotId: pilot, cohortId: pilot, actor, origin: ORIGIN })).toEqual({
      ok: false,
      error: "cohorts.errors.waveSame",
    });
    const after = await db.selectFrom("outbox").select("id").where("to_address", "in", [i1.email, i2.email]).execute();
    expect(after).toHaveLength(2);
    const invitations = await db.selectFrom("invitations").select("id").where("user_id", "in", [i1.id, i2.id]).execute();
    expect(invitations).toHaveLength(2);
  });

  it("opens once when many requests race (two instances on PostgreSQL run them on separate connections)", async () => {
    const { pilot } = await pilotWithOneGraduate();
    const admin = await createTestUser({ roles: ["admin"] });
    const invited = [await invitedPerson(), await invitedPerson(), await invitedPerson()];
    const wave = await cohort(
      invited.map((p) => p.email),
      START + 28 * DAY,
    );
    const actor = { id: admin.id, roles: ["admin" as const] };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => openNextWave(db, { pilotId: pilot, cohortId: wave, actor, origin: ORIGIN, now: START + 28 * DAY })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error === "cohorts.errors.waveOpened")).toBe(true);
    const mails = await db
      .selectFrom("outbox")
      .select("id")
      .where(
        "to_address",
        "in",
        invited.map((p) => p.email),
      )
      .execute();
    expect(mails).toHaveLength(3);
    const openings = await db.selectFrom("cohort_wave_openings").selectAll().where("cohort_id", "=", wave).execute();
    expect(openings).toMatchObject([{ pilot_cohort_id: pilot, invited: 3, champions: 1 }]);
  });
});

describe("the pilot's page", () => {
  it("refuses bad criteria with a translated error and no write, and opens the next wave from the form only once", async () => {
    const route = await import("~/routes/admin.cohorts.$id");
    const { call, jsonOf, postRequest } = await import("../support/http");
    const hr = await createTestUser({ roles: ["hr"] });
    const { pilot } = await pilotWithOneGraduate();
    const invited = await invitedPerson();
    const wave = await cohort([invited.email], START + 28 * DAY);
    const post = (body: Record<string, string>) =>
      call(route.action, postRequest(`/admin/cohorts/${pilot}`, body, { cookie: hr.cookie }), { id: pilot });
    const refused = await post({ intent: "graduation", onboarded: "on", shares: "-3", uniqueClicks: "x" });
    expect(refused.status).toBe(400);
    expect((await jsonOf(refused)).errors).toEqual({ shares: "cohorts.errors.goal", uniqueClicks: "validation.wholeNumber" });
    expect((await cohortGraduates(db, pilot))?.criteria).toEqual({ onboarded: true, shares: 2, uniqueClicks: 3 });
    expect((await post({ intent: "open-wave", cohortId: wave })).status).toBe(302);
    const again = await post({ intent: "open-wave", cohortId: wave });
    expect(again.status).toBe(400);
    expect((await jsonOf(again)).errors).toEqual({ "": "cohorts.errors.waveOpened" });
    expect(await db.selectFrom("outbox").select("id").where("to_address", "=", invited.email).execute()).toHaveLength(1);
  });
});

describe("creating the next wave and opening it in one step", () => {
  it("creates the cohort, invites its people and names the pilot's graduates, or writes nothing when the pilot already opened one", async () => {
    const route = await import("~/routes/admin.cohorts._index");
    const { call, getRequest, jsonOf, postRequest } = await import("../support/http");
    const hr = await createTestUser({ roles: ["hr"] });
    // The request opens the wave now, so the pilot's weeks are over by then.
    const { pilot, a } = await pilotWithOneGraduate(Date.now() - 60 * DAY);
    const [i1, i2] = [await invitedPerson(), await invitedPerson()];
    const cohortsNamed = (name: string) => db.selectFrom("cohorts").select("id").where("name", "=", name).execute();
    const post = (name: string, emails: string) =>
      call(
        route.action,
        postRequest(
          "/admin/cohorts",
          { name, startsOn: "2035-07-01", endsOn: "2035-07-31", emails, followsId: pilot },
          { cookie: hr.cookie },
        ),
      );

    const page = await jsonOf(await call(route.loader, getRequest("/admin/cohorts", { cookie: hr.cookie })));
    expect(page.pilots.map((p: { id: string }) => p.id)).toContain(pilot);

    const created = await post("Ola 2 en un paso", `${i1.email}\n${i2.email}`);
    expect(created.status).toBe(302);
    const wave = created.headers.get("Location")!.split("/").pop()!;
    const opening = await db.selectFrom("cohort_wave_openings").selectAll().where("cohort_id", "=", wave).execute();
    expect(opening).toMatchObject([{ pilot_cohort_id: pilot, invited: 2, champions: 1 }]);
    const champions = await db.selectFrom("champions").select("user_id").where("cohort_id", "=", wave).execute();
    expect(champions).toEqual([{ user_id: a.id }]);
    const mails = await db.selectFrom("outbox").select("to_address").where("to_address", "in", [i1.email, i2.email]).execute();
    expect(mails).toHaveLength(2);

    // The pilot has opened its wave: a second one in one step is refused and leaves no cohort and no mail behind.
    const again = await post("Ola 3 que no debe quedar", i1.email);
    expect(again.status).toBe(400);
    expect((await jsonOf(again)).errors).toEqual({ followsId: "cohorts.errors.waveOpened" });
    expect(await cohortsNamed("Ola 3 que no debe quedar")).toEqual([]);
    expect(await db.selectFrom("outbox").select("id").where("to_address", "=", i1.email).execute()).toHaveLength(1);
    const later = await jsonOf(await call(route.loader, getRequest("/admin/cohorts", { cookie: hr.cookie })));
    expect(later.pilots.map((p: { id: string }) => p.id)).not.toContain(pilot);
  });
});
