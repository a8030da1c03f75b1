/**
 * Running totals per person and item (person_item_rollups), kept beside analytics_rollups by the
 * same events and transactions (rollups.server.ts) and rebuilt by the same recomputation. Nothing
 * here depends on departments, campaigns or cohorts, so no move ever rewrites these rows: the
 * cohort filter (cohort-analytics.server.ts) resolves membership when it reads them.
 */
import type { SelectQueryBuilder } from "kysely";
import type { Database, RollupGrain } from "#db/schema";
import type { DB } from "~/utils/db.server";
import type { RollupPeriod } from "./rollup-periods";

export interface PersonItemRow {
  user_id: string;
  grain: RollupGrain;
  period: string;
  item_id: string;
  network: string;
  shares: number;
  reach: number;
  clicks: number;
  unique_clicks: number;
}

/** A query of user ids, such as a cohort's members (cohortMemberIdsQuery). */
export type PeopleQuery = SelectQueryBuilder<Database, "users", { id: string }>;

type Counts = Pick<PersonItemRow, "shares" | "reach" | "clicks" | "unique_clicks">;

const CHUNK = 500;

export class PersonItemAccumulator {
  readonly rows = new Map<string, PersonItemRow>();

  add(base: Omit<PersonItemRow, keyof Counts>, counts: Counts): void {
    const id = `${base.user_id}|${base.grain}|${base.period}|${base.item_id}|${base.network}`;
    let row = this.rows.get(id);
    if (!row) this.rows.set(id, (row = { ...base, shares: 0, reach: 0, clicks: 0, unique_clicks: 0 }));
    row.shares += counts.shares;
    row.reach += counts.reach;
    row.clicks += counts.clicks;
    row.unique_clicks += counts.unique_clicks;
  }
}

/** Inserts rows, adding to those already there. */
export async function upsertPersonItemRollups(trx: DB, rows: Iterable<PersonItemRow>): Promise<void> {
  const list = [...rows];
  for (let i = 0; i < list.length; i += CHUNK) {
    await trx
      .insertInto("person_item_rollups")
      .values(list.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(["user_id", "grain", "period", "item_id", "network"]).doUpdateSet((eb) => ({
          shares: eb("person_item_rollups.shares", "+", eb.ref("excluded.shares")),
          reach: eb("person_item_rollups.reach", "+", eb.ref("excluded.reach")),
          clicks: eb("person_item_rollups.clicks", "+", eb.ref("excluded.clicks")),
          unique_clicks: eb("person_item_rollups.unique_clicks", "+", eb.ref("excluded.unique_clicks")),
        })),
      )
      .execute();
  }
}

/**
 * Some people's rows in a set of periods, one UNION ALL branch per grain; `people` is a query of
 * user ids (a cohort's members), so each branch is a primary-key lookup per person.
 */
export function personItemRollupsIn(db: DB, periods: RollupPeriod[], people: PeopleQuery) {
  const byGrain = new Map<RollupGrain, string[]>();
  for (const p of periods) byGrain.set(p.grain, [...(byGrain.get(p.grain) ?? []), p.period]);
  const branches = [...byGrain].map(([grain, list]) =>
    db
      .selectFrom("person_item_rollups")
      .select(["user_id", "item_id", "network", "shares", "reach", "clicks", "unique_clicks"])
      .where("user_id", "in", people)
      .where("grain", "=", grain)
      .where("period", "in", list),
  );
  if (branches.length === 0) throw new Error("personItemRollupsIn needs at least one period");
  return branches.slice(1).reduce((q, b) => q.unionAll(b), branches[0]);
}
