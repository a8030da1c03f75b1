import { describe, expect, it } from "vitest";
import { participation } from "~/models/analytics/queries.server";
import { addRollups } from "~/models/analytics/rollups.server";
import { addDays } from "~/models/analytics/rollup-periods";
import { recomputeSharingGaps } from "~/models/analytics/sharing-gaps.server";
import { acknowledgeGuideline } from "~/models/guidelines/acknowledgements.server";
import { setDocumentRequired } from "~/models/guidelines/documents.server";
import { deactivateUser, insertUser, reactivateUser, updatePerson } from "~/models/people/users.server";
import { db, inTransaction } from "~/utils/db.server";
import { createGuideline, publishNewVersion, sampleText, textHashOf } from "../guidelines/helpers";
import { createTestUser } from "../support/http";
import { seededRandom as random } from "../support/random";
import { up as addAmbassadorGaps } from "#db/migrations/2026-12-07T1000_ambassador_sharing_gaps";

const DAY = 86_400_000;
const FIRST = "2026-01-01";

async function gapsSnapshot(): Promise<string[]> {
  const rows = await db.selectFrom("sharing_gaps").selectAll().execute();
  return rows.map((r) => `${r.scope}|${r.key}|${r.prev_day}|${r.next_day}|${r.people}`).sort();
}

/** Certified ambassadors (as the HR dashboard counts them) who shared in the days ÷ certified ambassadors, from the share days themselves. */
async function naive(shareDays: Map<string, Set<string>>, from: string, to: string) {
  const rows = await db.selectFrom("onboarding_progress").select("user_id").where("active", "=", 1).where("ambassador", "=", 1).execute();
  const ambassadors = rows.filter((r) => [...(shareDays.get(r.user_id) ?? [])].some((day) => day >= from && day <= to)).length;
  return { ambassadors, onboarded: rows.length, rate: rows.length > 0 ? ambassadors / rows.length : null };
}

describe("participation", () => {
  it("equals the naive count while people share, onboard, leave, change roles and a guideline is republished", async () => {
    const guideline = await createGuideline({ required: true });
    let versionId = guideline.versionId;
    const people: string[] = [];
    const shareDays = new Map<string, Set<string>>();
    const r = random(5);
    const check = async (label: string) => {
      for (let i = 0; i < 4; i++) {
        const from = addDays(FIRST, r.int(390) - 10);
        const to = addDays(from, r.int(i < 2 ? 40 : 400));
        const range = { start: Date.parse(from), end: Date.parse(to) + DAY };
        expect(await participation(db, range, "UTC"), `${label}, ${from}..${to}`).toEqual(await naive(shareDays, from, to));
      }
    };
    for (let step = 0; step < 160; step++) {
      const who = people.length ? r.pick(people) : null;
      const roll = who ? r.int(20) : 0;
      if (roll < 2) {
        const id =
          r.int(4) === 0
            ? await insertUser(db, {
                email: `pt${step}@example.com`,
                name: `Invitada ${step}`,
                departmentId: null,
                roles: ["employee"],
                status: "invited",
              })
            : (await createTestUser({ name: `Persona ${step}` })).id;
        people.push(id);
      } else if (!who) continue;
      else if (roll < 11) {
        const day = addDays(FIRST, r.int(400));
        await inTransaction(db, (trx) =>
          addRollups(trx, [{ day, userId: who, departmentId: null, itemId: "i1", campaignId: null, network: "linkedin", shares: 1 }]),
        );
        shareDays.set(who, (shareDays.get(who) ?? new Set()).add(day));
      } else if (roll < 15) {
        await acknowledgeGuideline(db, { userId: who, versionId, language: "es", textHash: await textHashOf(versionId, "es") });
      } else if (roll === 15) await deactivateUser(db, who);
      else if (roll === 16) await reactivateUser(db, who);
      else if (roll === 17)
        await updatePerson(db, who, { name: `Rol ${step}`, departmentId: null, roles: r.int(2) ? ["reviewer"] : ["employee"] });
      // Everyone's standing at once: a new version nobody acknowledged yet, or the guideline no longer (or again) required.
      else if (roll === 18) versionId = (await publishNewVersion(guideline.documentId, sampleText({ title: `Normas ${step}` }))).versionId;
      else if (roll === 19) await setDocumentRequired(db, guideline.documentId, r.int(2) === 0);
      if (step % 20 === 19) await check(`step ${step}`);
    }
    await check("end");
    const ambassadors = await db.selectFrom("onboarding_progress").select("user_id").where("ambassador", "=", 1).execute();
    const pending = await db.selectFrom("onboarding_progress").select("user_id").where("ambassador", "=", 0).execute();
    expect(ambassadors.length).toBeGreaterThan(2);
    expect(pending.length).toBeGreaterThan(2);
    // The gaps kept by the writes are those a recomputation builds from the day rows and onboarding.
    const incremental = await gapsSnapshot();
    expect(incremental.some((row) => row.startsWith("ambassador|"))).toBe(true);
    await inTransaction(db, (trx) => recomputeSharingGaps(trx));
    expect(await gapsSnapshot()).toEqual(incremental);
    // The migration builds the same ambassador gaps for a database that had shares before them.
    await db.deleteFrom("sharing_gaps").where("scope", "=", "ambassador").execute();
    await addAmbassadorGaps(db);
    expect(await gapsSnapshot()).toEqual(incremental);
  }, 120_000);
});
