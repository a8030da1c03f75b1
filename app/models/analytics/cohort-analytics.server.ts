/**
 * Analytics for one cohort: the same tables, participation and trend as queries.server.ts and
 * trend.server.ts, counting only the shares of the cohort's members and the clicks on their links.
 * Membership is resolved when read (cohortMemberIdsQuery, decision 46), so adding or removing
 * people or departments, or a person moving department, rewrites nothing: every figure is summed
 * from rollups kept per person, the person rows of analytics_rollups (networks, people, departments,
 * participation, trend) and person_item_rollups (items, campaigns), looked up member by member. A
 * read grows with the cohort's members (and the items they shared) times the range's periods,
 * never with the shares or clicks themselves.
 */
import { sql } from "kysely";
import type { DB } from "~/utils/db.server";
import { cohortMemberIdsQuery } from "~/models/cohorts/members.server";
import { onboardedPeople } from "~/models/onboarding/status.server";
import { getEmvRates } from "~/models/sharing/amplification.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { personItemRollupsIn } from "./person-item-rollups.server";
import {
  amplificationTable,
  byVolume,
  participation,
  labels,
  rangeBlocks,
  summarise,
  type AmplificationRow,
  type AnalyticsTable,
  type Counts,
  type Participation,
  type Range,
} from "./queries.server";
import type { RollupPeriod } from "./rollup-periods";
import { rollupsIn } from "./rollups.server";

export interface CohortFilter {
  id: string;
  name: string;
  /** Its members now (listed people and everyone in its departments), active or not. */
  people: number;
}

/** The cohort with this id and its number of members; null for an unknown id. */
export async function findCohortFilter(db: DB, id: string): Promise<CohortFilter | null> {
  if (id.length > 100) return null;
  const cohort = await db.selectFrom("cohorts").select(["id", "name"]).where("id", "=", id).executeTakeFirst();
  if (!cohort) return null;
  const members = await db
    .selectFrom(cohortMemberIdsQuery(db, id).as("m"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { ...cohort, people: Number(members.n) };
}

type Grouped = Map<string, Map<string, Counts>>;

function addTo(grouped: Grouped, key: string, network: string, c: Counts): void {
  let byNetwork = grouped.get(key);
  if (!byNetwork) grouped.set(key, (byNetwork = new Map()));
  const t = byNetwork.get(network) ?? { shares: 0, clicks: 0, uniqueClicks: 0, reach: 0 };
  byNetwork.set(network, {
    shares: t.shares + c.shares,
    clicks: t.clicks + c.clicks,
    uniqueClicks: t.uniqueClicks + c.uniqueClicks,
    reach: t.reach + c.reach,
  });
}

const counts = (r: { shares: unknown; reach: unknown; clicks: unknown; unique_clicks: unknown }): Counts => ({
  shares: Number(r.shares),
  reach: Number(r.reach),
  clicks: Number(r.clicks),
  uniqueClicks: Number(r.unique_clicks),
});

/** (group key, network) → counts of the members, grouped as the table groups. */
async function memberCounts(db: DB, cohortId: string, table: AnalyticsTable, blocks: RollupPeriod[]): Promise<Grouped> {
  const grouped: Grouped = new Map();
  if (blocks.length === 0) return grouped;
  const members = cohortMemberIdsQuery(db, cohortId);
  if (table === "items" || table === "campaigns") {
    const rows = await db
      .selectFrom(personItemRollupsIn(db, blocks, members).as("r"))
      .leftJoin("content_items as c", "c.id", "r.item_id")
      .select((eb) => [
        "r.item_id",
        "c.campaign_id",
        "r.network",
        eb.fn.sum<number>("r.shares").as("shares"),
        eb.fn.sum<number>("r.reach").as("reach"),
        eb.fn.sum<number>("r.clicks").as("clicks"),
        eb.fn.sum<number>("r.unique_clicks").as("unique_clicks"),
      ])
      .groupBy(["r.item_id", "c.campaign_id", "r.network"])
      .execute();
    for (const r of rows) addTo(grouped, table === "items" ? r.item_id : (r.campaign_id ?? ""), r.network, counts(r));
    return grouped;
  }
  const rows = await db
    .selectFrom(rollupsIn(db, "person", blocks, members).as("r"))
    .innerJoin("users as u", "u.id", "r.key")
    .select((eb) => [
      "r.key",
      "u.department_id",
      "r.network",
      eb.fn.sum<number>("r.shares").as("shares"),
      eb.fn.sum<number>("r.reach").as("reach"),
      eb.fn.sum<number>("r.clicks").as("clicks"),
      eb.fn.sum<number>("r.unique_clicks").as("unique_clicks"),
    ])
    .where("r.network", "!=", "")
    .groupBy(["r.key", "u.department_id", "r.network"])
    .execute();
  for (const r of rows) {
    const key = table === "networks" ? r.network : table === "people" ? r.key : (r.department_id ?? "");
    addTo(grouped, key, r.network, counts(r));
  }
  return grouped;
}

/** Members who shared in the periods, each once, by current department ("" = none). */
async function sharingMembersByDepartment(db: DB, cohortId: string, blocks: RollupPeriod[]): Promise<Map<string, number>> {
  if (blocks.length === 0) return new Map();
  const rows = await db
    .selectFrom(rollupsIn(db, "person", blocks, cohortMemberIdsQuery(db, cohortId)).as("r"))
    .innerJoin("users as u", "u.id", "r.key")
    .select((eb) => ["u.department_id", eb.fn.count<number>("r.key").distinct().as("n")])
    .where("r.network", "=", "")
    .where("r.shares", ">", 0)
    .groupBy("u.department_id")
    .execute();
  return new Map(rows.map((r) => [r.department_id ?? "", Number(r.n)]));
}

/** Active members per current department. */
async function membersByDepartment(db: DB, cohortId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("users")
    .select(["department_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("status", "=", "active")
    .where("id", "in", cohortMemberIdsQuery(db, cohortId))
    .groupBy("department_id")
    .execute();
  return new Map(rows.map((r) => [r.department_id ?? "", Number(r.n)]));
}

/** amplificationTable for a cohort's members: the same rows, order, cut and total (every member's). */
export async function cohortAmplificationTable(
  db: DB,
  cohortId: string,
  table: AnalyticsTable,
  range: Range,
  options: { timeZone?: string; limit?: number } = {},
): Promise<{ rows: AmplificationRow[]; total: AmplificationRow; more: boolean }> {
  const timeZone = options.timeZone ?? (await getOrganisationTimeZone(db));
  const blocks = rangeBlocks(range, timeZone);
  const [grouped, rates] = await Promise.all([memberCounts(db, cohortId, table, blocks), getEmvRates(db)]);
  let rows = [...grouped.entries()]
    .map(([key, byNetwork]) => summarise(key, table === "networks" ? key : "", byNetwork, rates))
    .sort(byVolume);
  const { limit } = options;
  const more = limit !== undefined && rows.length > limit;
  if (more) rows = rows.filter((r, i) => i < limit || byVolume(r, rows[limit - 1]) === 0);
  const names = await labels(
    db,
    table,
    rows.map((r) => r.key),
  );
  for (const row of rows) if (table !== "networks") row.label = names.get(row.key) ?? "";
  if (table === "departments") {
    const [people, ambassadors] = await Promise.all([membersByDepartment(db, cohortId), sharingMembersByDepartment(db, cohortId, blocks)]);
    for (const row of rows) {
      row.ambassadors = ambassadors.get(row.key) ?? 0;
      row.people = people.get(row.key) ?? 0;
    }
  }
  rows.sort((a, b) => byVolume(a, b) || a.label.localeCompare(b.label));
  if (limit !== undefined) rows = rows.slice(0, limit);
  const all: Grouped = new Map();
  for (const byNetwork of grouped.values()) for (const [network, c] of byNetwork) addTo(all, "", network, c);
  return { rows, total: summarise("", "", all.get("") ?? new Map(), rates), more };
}

/** Onboarded members who shared at least once in the range ÷ onboarded members. */
export async function cohortParticipation(db: DB, cohortId: string, range: Range, timeZone?: string): Promise<Participation> {
  const blocks = rangeBlocks(range, timeZone ?? (await getOrganisationTimeZone(db)));
  const members = cohortMemberIdsQuery(db, cohortId);
  const [sharers, onboarded] = await Promise.all([
    blocks.length === 0
      ? { n: 0 }
      : db
          .selectFrom(rollupsIn(db, "person", blocks, members).as("r"))
          .select((eb) => eb.fn.count<number>("r.key").distinct().as("n"))
          .where("r.network", "=", "")
          .where("r.shares", ">", 0)
          .where("r.key", "in", onboardedPeople(db))
          .executeTakeFirstOrThrow(),
    db
      .selectFrom(onboardedPeople(db).as("o"))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("o.id", "in", members)
      .executeTakeFirstOrThrow(),
  ]);
  const ambassadors = Number(sharers.n);
  const people = Number(onboarded.n);
  return { ambassadors, onboarded: people, rate: people > 0 ? ambassadors / people : null };
}

export interface PeriodTotals {
  shares: number;
  clicks: number;
  uniqueClicks: number;
  /** Members who shared in the period. */
  ambassadors: number;
}

/** Per rollup period ("grain|period"): the members' shares, clicks and how many of them shared. */
export async function cohortPeriodTotals(db: DB, cohortId: string, blocks: RollupPeriod[]): Promise<Map<string, PeriodTotals>> {
  if (blocks.length === 0) return new Map();
  const rows = await db
    .selectFrom(rollupsIn(db, "person", blocks, cohortMemberIdsQuery(db, cohortId)).as("r"))
    .select((eb) => [
      "r.grain",
      "r.period",
      // The any-network row holds a person's shares once; the network rows hold the clicks.
      eb.fn.sum<number>(eb.case().when("r.network", "=", "").then(eb.ref("r.shares")).else(0).end()).as("shares"),
      eb.fn.sum<number>("r.clicks").as("clicks"),
      eb.fn.sum<number>("r.unique_clicks").as("unique_clicks"),
      eb.fn.sum<number>(sql<number>`case when r.network = '' and r.shares > 0 then 1 else 0 end`).as("ambassadors"),
    ])
    .groupBy(["r.grain", "r.period"])
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.grain}|${r.period}`,
      { shares: Number(r.shares), clicks: Number(r.clicks), uniqueClicks: Number(r.unique_clicks), ambassadors: Number(r.ambassadors) },
    ]),
  );
}

/** Members who shared in any of the periods, each once (a trend bucket that is not one whole period). */
export async function cohortSharers(db: DB, cohortId: string, blocks: RollupPeriod[]): Promise<number> {
  if (blocks.length === 0) return 0;
  const row = await db
    .selectFrom(rollupsIn(db, "person", blocks, cohortMemberIdsQuery(db, cohortId)).as("r"))
    .select((eb) => eb.fn.count<number>("r.key").distinct().as("n"))
    .where("r.network", "=", "")
    .where("r.shares", ">", 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The cohort a query string's `cohort` names: none when empty, a notice (and everyone) when unknown. */
export async function cohortFromQuery(db: DB, value: string | null): Promise<{ cohort: CohortFilter | null; notices: string[] }> {
  if (!value) return { cohort: null, notices: [] };
  const cohort = await findCohortFilter(db, value);
  return cohort ? { cohort, notices: [] } : { cohort: null, notices: ["analytics.notices.unknownCohort"] };
}

/** One table of everyone, or of a cohort's members. */
export function analyticsTable(
  db: DB,
  table: AnalyticsTable,
  range: Range,
  options: { timeZone?: string; limit?: number; cohortId?: string },
) {
  const { cohortId, ...rest } = options;
  return cohortId ? cohortAmplificationTable(db, cohortId, table, range, rest) : amplificationTable(db, table, range, rest);
}

/** Participation of everyone, or of a cohort's members. */
export function analyticsParticipation(db: DB, range: Range, timeZone: string, cohortId?: string) {
  return cohortId ? cohortParticipation(db, cohortId, range, timeZone) : participation(db, range, timeZone);
}
