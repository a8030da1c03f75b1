import { describe, expect, it } from "vitest";
import { leadersByInfluence } from "~/models/analytics/influence.server";
import { grantChampion } from "~/models/champions/champions.server";
import { acceptIdea, proposeIdea } from "~/models/content/ideas.server";
import { claimReport, closeReport } from "~/models/conversations/care.server";
import { reportConversation } from "~/models/conversations/report.server";
import { acknowledgeGuideline } from "~/models/guidelines/acknowledgements.server";
import { awardPoints } from "~/models/scoring/points.server";
import { db } from "~/utils/db.server";
import { createGuideline, textHashOf } from "../guidelines/helpers";
import { createTestDepartment, createTestUser } from "../support/http";

let reference = 0;
const share = (userId: string, uniqueClicks: number) =>
  db.transaction().execute((trx) =>
    awardPoints(trx, {
      userId,
      action: "share",
      referenceType: "influence-test",
      referenceId: `s${++reference}`,
      counters: { shares: 1, uniqueClicks },
    }),
  );

describe("leaders by influence", () => {
  it("ranks people by what they cause, with the formula's weights, a page at a time", async () => {
    const guideline = await createGuideline({ required: true });
    const hash = await textHashOf(guideline.versionId, "es");
    const ack = (userId: string) => acknowledgeGuideline(db, { userId, versionId: guideline.versionId, language: "es", textHash: hash });
    const admin = await createTestUser({ roles: ["admin"] });
    const editor = await createTestUser({ roles: ["editor"] });
    const care = await createTestUser({ roles: ["care"] });
    const department = await createTestDepartment();
    const [sharer, ideas, converter, champion, reporter, idle] = [
      await createTestUser({ name: "Ana Difusora" }),
      await createTestUser({ name: "Bruno Ideas" }),
      await createTestUser({ name: "Carla Ventas" }),
      await createTestUser({ name: "Dario Referente", departmentId: department }),
      await createTestUser({ name: "Carlos Aviso" }),
      await createTestUser({ name: "Elena Nada" }),
    ];
    // 10 unique clicks over 2 shares: 10 × 5 = 50.
    await share(sharer.id, 4);
    await share(sharer.id, 6);
    // An accepted idea (20) and one share with one click (10): 30.
    const idea = await proposeIdea(db, ideas.id, { kind: "post", url: null, text: "Nuestro nuevo centro", reason: null });
    expect(await acceptIdea(db, { id: editor.id, roles: ["editor"] }, idea)).toMatchObject({ ok: true });
    await share(ideas.id, 1);
    // Three conversions: 15.
    // (the person rollups the conversions keep, written as the webhook's transaction writes them: one row per grain)
    await db
      .insertInto("conversion_rollups")
      .values(
        (["day", "week", "month"] as const).map((grain) => ({
          dimension: "person" as const,
          grain,
          period: grain === "day" ? "2026-11-20" : grain === "week" ? "2026-W47" : "2026-11",
          key: converter.id,
          network: "linkedin",
          conversions: 3,
          leads: 3,
        })),
      )
      .execute();
    // Champion of a department where two colleagues are certified and one is not (the champion does not count): 20.
    const certified = [await createTestUser({ departmentId: department }), await createTestUser({ departmentId: department })];
    await createTestUser({ departmentId: department });
    await Promise.all([...certified.map((p) => ack(p.id)), ack(champion.id)]);
    expect(await grantChampion(db, { id: admin.id, roles: ["admin"] }, champion.email, { kind: "department", id: department })).toEqual({
      ok: true,
    });
    // A report care resolved (15) and one it found not actionable (0).
    const careActor = { id: care.id, roles: ["care" as const] };
    for (const [n, outcome] of [
      [1, "resolve"],
      [2, "not_actionable"],
    ] as const) {
      const report = await reportConversation(db, reporter.id, {
        url: `https://x.com/cliente/status/${n}${Math.random().toString(36).slice(2, 6)}`,
        network: "auto",
        kind: "question",
        note: "",
        handle: "",
        answeredPublicly: false,
      });
      const reportId = report.ok ? report.reportId : "";
      await claimReport(db, careActor, reportId);
      expect(await closeReport(db, careActor, { reportId, outcome, note: "hecho", origin: "http://altavoz.test" })).toEqual({ ok: true });
    }

    const mine = new Set([sharer, ideas, converter, champion, reporter, idle].map((p) => p.id));
    const { rows, total } = await leadersByInfluence(db);
    const ranked = rows.filter((row) => mine.has(row.id));
    expect(ranked.map((r) => [r.name, r.influence])).toEqual([
      ["Ana Difusora", 50],
      ["Bruno Ideas", 30],
      ["Dario Referente", 20],
      ["Carla Ventas", 15],
      ["Carlos Aviso", 15],
    ]);
    expect(ranked[0]).toMatchObject({ shares: 2, uniqueClicks: 10, clicksPerShare: 5 });
    expect(ranked[1]).toMatchObject({ acceptedIdeas: 1, clicksPerShare: 1 });
    expect(ranked[2]).toMatchObject({ broughtOnboarded: 2 });
    expect(ranked[3]).toMatchObject({ conversions: 3 });
    expect(ranked[4]).toMatchObject({ actionableReports: 1 });
    expect(rows.some((row) => row.id === idle.id)).toBe(false);
    expect(total).toBe(rows.length);
    expect((await leadersByInfluence(db, 2)).rows).toEqual([]);
  });
});
