import { describe, expect, it } from "vitest";
import { claimReport, closeReport, escalateReport, listQueue, replyToReport } from "~/models/conversations/care.server";
import { saveCareSettings } from "~/models/conversations/care-settings.server";
import { caseStudyFromReport } from "~/models/conversations/case-study.server";
import { listEvents } from "~/models/conversations/events.server";
import { listMyReports, reportConversation } from "~/models/conversations/report.server";
import { totalPoints } from "~/models/scoring/points.server";
import { loadTexts, getVersionWithStatus } from "~/models/workshops/workshops.server";
import { db } from "~/utils/db.server";
import { createTestDepartment, createTestUser } from "../support/http";
import { createTestWorkshop } from "../workshops/helpers";

const ORIGIN = "http://altavoz.test";
const base = { network: "auto" as const, note: "", handle: "", answeredPublicly: false };
const care = async () => ({ ...(await createTestUser({ roles: ["care"] })), roles: ["care" as const] });
const outboxTo = (email: string) => db.selectFrom("outbox").select(["subject", "text_body"]).where("to_address", "=", email).execute();
const notificationsOf = (userId: string) =>
  db.selectFrom("notifications").select(["kind", "link", "params"]).where("user_id", "=", userId).execute();
let n = 0;
const url = () => `https://x.com/cliente${++n}_${Math.random().toString(36).slice(2, 7)}/status/${n}`;

describe("a reported conversation, from report to resolution", () => {
  it("joins duplicates, is claimed once, answered, escalated, resolved with points, and every step is recorded", async () => {
    const [ana, bea] = [await createTestUser(), await createTestUser()];
    const marta = await care();
    const other = await care();
    const department = await createTestDepartment();
    const responder = await createTestUser();
    await db.insertInto("department_responders").values({ department_id: department, user_id: responder.id }).execute();
    const link = url();

    const first = await reportConversation(db, ana.id, {
      ...base,
      url: link,
      kind: "question",
      note: "Pregunta por la factura",
      handle: "@cliente",
    });
    expect(first).toMatchObject({ ok: true, joined: false });
    // The same post through another share button: tracking parameters, fragment and "www." do not matter.
    const second = await reportConversation(db, bea.id, {
      ...base,
      url: `${link.replace("https://", "https://www.")}/?utm_source=share&s=20#reply`,
      kind: "complaint",
      answeredPublicly: true,
    });
    expect(second).toMatchObject({ ok: true, joined: true, reportId: first.ok ? first.reportId : "" });
    expect(await reportConversation(db, bea.id, { ...base, url: link, kind: "complaint" })).toMatchObject({
      ok: false,
      error: "conversations.errors.alreadyReported",
    });
    const id = first.ok ? first.reportId : "";
    const report = await db.selectFrom("conversation_reports").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    // The more urgent kind wins; both reporters are credited.
    expect(report).toMatchObject({
      reporters_count: 2,
      kind: "complaint",
      network: "x",
      status: "open",
      target_minutes: 90,
      handle: "@cliente",
    });
    expect((await listMyReports(db, bea.id)).map((r) => r.id)).toEqual([id]);
    expect(await listMyReports(db, marta.id)).toEqual([]);
    expect((await listQueue(db)).map((r) => r.id)).toContain(id);

    expect(await claimReport(db, marta, id)).toEqual({ ok: true });
    expect(await claimReport(db, other, id)).toEqual({ ok: false, error: "conversations.errors.alreadyClaimed" });
    expect(await replyToReport(db, other, { reportId: id, note: "yo también", answerUrl: "", origin: ORIGIN })).toEqual({
      ok: false,
      error: "conversations.errors.claimedByOther",
    });

    const answered = Date.now();
    expect(
      await replyToReport(
        db,
        marta,
        { reportId: id, note: "Le escribimos por privado", answerUrl: "https://x.com/empresa/status/99", origin: ORIGIN },
        answered,
      ),
    ).toEqual({ ok: true });
    const afterReply = await db.selectFrom("conversation_reports").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(afterReply).toMatchObject({
      first_response_at: answered,
      within_target: 1,
      answer_url: "https://x.com/empresa/status/99",
      status: "in_progress",
    });
    for (const person of [ana, bea]) {
      expect((await outboxTo(person.email)).some((m) => m.text_body.includes("https://x.com/empresa/status/99"))).toBe(true);
      expect(await notificationsOf(person.id)).toContainEqual(
        expect.objectContaining({ kind: "report_answered", link: `/conversations#report-${id}` }),
      );
    }

    expect(
      await escalateReport(db, marta, { reportId: id, departmentId: department, note: "Facturación, por favor", origin: ORIGIN }),
    ).toEqual({ ok: true });
    expect((await outboxTo(responder.email)).length).toBe(1);
    expect(await notificationsOf(responder.id)).toContainEqual(expect.objectContaining({ kind: "report_escalated", link: `/care/${id}` }));

    expect(await closeReport(db, marta, { reportId: id, outcome: "resolve", note: "Abono hecho", origin: ORIGIN })).toEqual({ ok: true });
    expect(await closeReport(db, marta, { reportId: id, outcome: "resolve", note: "", origin: ORIGIN })).toEqual({
      ok: false,
      error: "conversations.errors.closed",
    });
    expect(await totalPoints(db, ana.id)).toBe(15);
    expect(await totalPoints(db, bea.id)).toBe(15);
    expect(await notificationsOf(ana.id)).toContainEqual(expect.objectContaining({ kind: "report_resolved" }));
    expect((await listQueue(db)).map((r) => r.id)).not.toContain(id);

    const kinds = (await listEvents(db, id)).map((e) => e.kind);
    // The reply and its public link are recorded in the same millisecond, so only their pair is ordered.
    expect([...kinds.slice(0, 3), "*", "*", ...kinds.slice(5)]).toEqual([
      "reported",
      "joined",
      "claimed",
      "*",
      "*",
      "escalated",
      "resolved",
    ]);
    expect(kinds.slice(3, 5).sort()).toEqual(["answer_linked", "replied"]);
  });

  it("a report closed as not actionable earns nothing, and the daily cap holds", async () => {
    await saveCareSettings(db, { targetMinutes: 90, hours: { days: [], start: 0, end: 0 }, dailyPointCap: 2 });
    const reporter = await createTestUser();
    const marta = await care();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await reportConversation(db, reporter.id, { ...base, url: url(), kind: "question" });
      ids.push(r.ok ? r.reportId : "");
    }
    expect(await closeReport(db, marta, { reportId: ids[0], outcome: "not_actionable", note: "", origin: ORIGIN })).toEqual({ ok: true });
    expect(await totalPoints(db, reporter.id)).toBe(0);
    for (const id of ids.slice(1))
      expect(await closeReport(db, marta, { reportId: id, outcome: "resolve", note: "", origin: ORIGIN })).toEqual({ ok: true });
    expect(await totalPoints(db, reporter.id)).toBe(30);
    const ledger = await db
      .selectFrom("points_ledger")
      .select("reference_id")
      .where("user_id", "=", reporter.id)
      .where("action", "=", "report_actionable")
      .execute();
    expect(ledger).toHaveLength(2);
    await saveCareSettings(db, { targetMinutes: 90, hours: { days: [1, 2, 3, 4, 5], start: 480, end: 1200 }, dailyPointCap: 3 });
  });

  it("turns a resolved report into an anonymised draft case study in every language of the workshop", async () => {
    const workshop = await createTestWorkshop();
    const reporter = await createTestUser({ name: "Lucía Reportera" });
    const marta = await care();
    const r = await reportConversation(db, reporter.id, {
      ...base,
      url: url(),
      kind: "complaint",
      note: "@pepe123 dice que su pedido 600123456 no llegó, mail pepe@example.com",
      handle: "@pepe123",
    });
    const id = r.ok ? r.reportId : "";
    expect(await caseStudyFromReport(db, { reportId: id, workshopId: workshop.workshopId, outcome: "success", actorId: marta.id })).toEqual(
      { ok: false, error: "conversations.errors.notResolved" },
    );
    await replyToReport(db, marta, { reportId: id, note: "Llamamos al cliente al 600 123 456", answerUrl: "", origin: ORIGIN });
    await closeReport(db, marta, { reportId: id, outcome: "resolve", note: "", origin: ORIGIN });
    expect(await caseStudyFromReport(db, { reportId: id, workshopId: workshop.workshopId, outcome: "success", actorId: marta.id })).toEqual(
      { ok: true, slug: workshop.slug },
    );
    expect(await caseStudyFromReport(db, { reportId: id, workshopId: workshop.workshopId, outcome: "success", actorId: marta.id })).toEqual(
      { ok: false, error: "conversations.errors.caseStudyExists" },
    );
    const draft = await getVersionWithStatus(db, workshop.workshopId, "draft");
    expect(draft).toBeTruthy();
    const texts = (await loadTexts(db, [draft!.id])).get(draft!.id)!;
    for (const language of ["es", "en"] as const) {
      const added = texts[language]!.caseStudies.at(-1)!;
      expect(added.outcome).toBe("success");
      expect(added.body).not.toMatch(/pepe|600|Lucía|example\.com|x\.com/);
      expect(added.body.length).toBeGreaterThan(50);
    }
    // The published version is untouched until an editor publishes the draft.
    const published = await getVersionWithStatus(db, workshop.workshopId, "published");
    expect((await loadTexts(db, [published!.id])).get(published!.id)!.es!.caseStudies).toHaveLength(2);
  });
});
