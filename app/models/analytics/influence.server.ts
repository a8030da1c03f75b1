/**
 * Leaders by influence: who causes amplification, conversions, ideas, onboarding and care reports, whatever
 * their title. Every figure is read from a running total (all-time score buckets, monthly person conversion
 * rollups) or a small table (ideas, care reports, champions × onboarding_progress), never the ledger or clicks.
 */
import { sql } from "kysely";
import type { DB } from "~/utils/db.server";

/** The formula shown on the page: influence = Σ weight × figure. */
export const INFLUENCE_WEIGHTS = {
  clicksPerShare: 10,
  conversions: 5,
  acceptedIdeas: 20,
  broughtOnboarded: 10,
  actionableReports: 15,
} as const;

export const INFLUENCE_PAGE_SIZE = 50;

export interface InfluenceRow {
  id: string;
  name: string;
  department: string | null;
  shares: number;
  uniqueClicks: number;
  clicksPerShare: number;
  conversions: number;
  acceptedIdeas: number;
  broughtOnboarded: number;
  actionableReports: number;
  influence: number;
}

/** Per champion: the people of their groups who are certified ambassadors (themselves left out). */
function broughtByChampion(db: DB) {
  return db
    .selectFrom("champions as c")
    .innerJoin("onboarding_progress as p", (join) =>
      join.on((eb) =>
        eb.and([
          eb("p.ambassador", "=", 1),
          eb("p.user_id", "!=", eb.ref("c.user_id")),
          eb.or([
            eb("p.department_id", "=", eb.ref("c.department_id")),
            eb.exists(
              eb
                .selectFrom("cohort_people as cp")
                .select("cp.user_id")
                .whereRef("cp.cohort_id", "=", "c.cohort_id")
                .whereRef("cp.user_id", "=", "p.user_id"),
            ),
            eb.exists(
              eb
                .selectFrom("cohort_departments as cd")
                .select("cd.department_id")
                .whereRef("cd.cohort_id", "=", "c.cohort_id")
                .whereRef("cd.department_id", "=", "p.department_id"),
            ),
          ]),
        ]),
      ),
    )
    .select((eb) => ["c.user_id", eb.fn.count<number>("p.user_id").distinct().as("n")])
    .groupBy("c.user_id");
}

function influenceQuery(db: DB) {
  const w = INFLUENCE_WEIGHTS;
  return db
    .selectFrom("users as u")
    .leftJoin("departments as d", "d.id", "u.department_id")
    .leftJoin("score_buckets as s", (join) =>
      join.onRef("s.user_id", "=", "u.id").on("s.period_kind", "=", "all").on("s.period_key", "=", "all"),
    )
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("conversion_rollups")
          .select((r) => ["key", r.fn.sum<number>("conversions").as("n")])
          .where("dimension", "=", "person")
          .where("grain", "=", "month")
          .groupBy("key")
          .as("cv"),
      (join) => join.onRef("cv.key", "=", "u.id"),
    )
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("ideas")
          .select((r) => ["proposer_id", r.fn.countAll<number>().as("n")])
          .where("status", "=", "accepted")
          .groupBy("proposer_id")
          .as("ia"),
      (join) => join.onRef("ia.proposer_id", "=", "u.id"),
    )
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("conversation_reporters as cr")
          .innerJoin("conversation_reports as r", "r.id", "cr.report_id")
          .select((r) => ["cr.user_id", r.fn.countAll<number>().as("n")])
          .where("r.status", "=", "resolved")
          .groupBy("cr.user_id")
          .as("rp"),
      (join) => join.onRef("rp.user_id", "=", "u.id"),
    )
    .leftJoin(broughtByChampion(db).as("br"), (join) => join.onRef("br.user_id", "=", "u.id"))
    .where("u.status", "=", "active")
    .select([
      "u.id",
      "u.name",
      "d.name as department",
      sql<number>`coalesce(s.shares, 0)`.as("shares"),
      sql<number>`coalesce(s.unique_clicks, 0)`.as("unique_clicks"),
      sql<number>`coalesce(cv.n, 0)`.as("conversions"),
      sql<number>`coalesce(ia.n, 0)`.as("accepted_ideas"),
      sql<number>`coalesce(br.n, 0)`.as("brought"),
      sql<number>`coalesce(rp.n, 0)`.as("reports"),
      sql<number>`(case when coalesce(s.shares, 0) > 0 then ${sql.lit(w.clicksPerShare)} * 1.0 * s.unique_clicks / s.shares else 0 end)
        + ${sql.lit(w.conversions)} * coalesce(cv.n, 0) + ${sql.lit(w.acceptedIdeas)} * coalesce(ia.n, 0)
        + ${sql.lit(w.broughtOnboarded)} * coalesce(br.n, 0) + ${sql.lit(w.actionableReports)} * coalesce(rp.n, 0)`.as("influence"),
    ]);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** People by influence, highest first (ties by name), a page at a time; people with no influence at all are left out. */
export async function leadersByInfluence(db: DB, page = 1): Promise<{ rows: InfluenceRow[]; total: number }> {
  const ranked = db.selectFrom(influenceQuery(db).as("i")).where("i.influence", ">", 0);
  const [rows, count] = await Promise.all([
    ranked
      .selectAll("i")
      .orderBy("i.influence", "desc")
      .orderBy("i.name")
      .orderBy("i.id")
      .limit(INFLUENCE_PAGE_SIZE)
      .offset((page - 1) * INFLUENCE_PAGE_SIZE)
      .execute(),
    ranked.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    rows: rows.map((row) => {
      const shares = Number(row.shares);
      const uniqueClicks = Number(row.unique_clicks);
      return {
        id: row.id,
        name: row.name,
        department: row.department,
        shares,
        uniqueClicks,
        clicksPerShare: shares ? round1(uniqueClicks / shares) : 0,
        conversions: Number(row.conversions),
        acceptedIdeas: Number(row.accepted_ideas),
        broughtOnboarded: Number(row.brought),
        actionableReports: Number(row.reports),
        influence: round1(Number(row.influence)),
      };
    }),
  };
}
