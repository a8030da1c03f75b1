/**
 * How many people shared in a range of local days, without reading a row per person: sharing_gaps
 * counts, per scope (everyone, each current department, the certified ambassadors), the gaps between a person's consecutive
 * share days, with "" before their first and "~" after their last. A person has exactly one final
 * gap, and no share in [a, b] exactly when one of their gaps starts before a and ends after b; the
 * reads (sharersBetween) depend on the days in the history, not on the people.
 * A person's share days are their any-network day rows in analytics_rollups.
 */
import { PostgresAdapter, sql } from "kysely";
import type { DB } from "~/utils/db.server";

const BEFORE_FIRST = "";
const AFTER_LAST = "~";
const CHUNK = 500;

/** "ambassador": the people who are certified ambassadors now (active employees who finished onboarding). */
type Scope = "all" | "department" | "ambassador";

const scopeKey = (scope: Scope, departmentId: string | null) => (scope === "department" ? (departmentId ?? "") : "");

class GapAccumulator {
  readonly rows = new Map<string, { scope: Scope; key: string; prev_day: string; next_day: string; people: number }>();

  add(scope: Scope, key: string, prev: string, next: string, people: number): void {
    const id = `${scope}|${key}|${prev}|${next}`;
    const row = this.rows.get(id);
    if (row) row.people += people;
    else this.rows.set(id, { scope, key, prev_day: prev, next_day: next, people });
  }

  /** One person's gaps (their share days in order), under the scopes. */
  addPerson(departmentId: string | null, days: string[], sign: 1 | -1, scopes: Scope[]): void {
    const bounds = [BEFORE_FIRST, ...days, AFTER_LAST];
    for (let i = 1; i < bounds.length; i++) {
      for (const scope of scopes) this.add(scope, scopeKey(scope, departmentId), bounds[i - 1], bounds[i], sign);
    }
  }
}

async function writeGaps(trx: DB, acc: GapAccumulator): Promise<void> {
  const rows = [...acc.rows.values()].filter((r) => r.people !== 0);
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto("sharing_gaps")
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc
          .columns(["scope", "key", "next_day", "prev_day"])
          .doUpdateSet((eb) => ({ people: eb("sharing_gaps.people", "+", eb.ref("excluded.people")) })),
      )
      .execute();
  }
  // Rows left at zero are removed, as a recomputation would not have them.
  for (const r of rows.filter((row) => row.people < 0)) {
    await trx
      .deleteFrom("sharing_gaps")
      .where("scope", "=", r.scope)
      .where("key", "=", r.key)
      .where("next_day", "=", r.next_day)
      .where("prev_day", "=", r.prev_day)
      .where("people", "=", 0)
      .execute();
  }
}

function shareDays(trx: DB, userId: string | string[]) {
  return trx
    .selectFrom("analytics_rollups")
    .where("key", Array.isArray(userId) ? "in" : "=", userId)
    .where("dimension", "=", "person")
    .where("grain", "=", "day")
    .where("network", "=", "")
    .where("shares", ">", 0);
}

const isPostgres = (db: DB) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Whether an onboarding_progress row is a certified ambassador's: active, and onboarding finished. */
export const isCertifiedAmbassador = (row: { active: unknown; ambassador: unknown } | undefined) =>
  Number(row?.active) === 1 && Number(row?.ambassador) === 1;

/**
 * Whether the person is a certified ambassador now (their onboarding_progress row). On PostgreSQL
 * their users row is locked first, as a change of their standing locks it (lockPeople), and the
 * row is read by a statement of its own, so that a share and that change never miss each other's
 * days: the later one waits for the earlier one's commit and then sees it.
 */
async function isAmbassador(trx: DB, userId: string): Promise<boolean> {
  await lockPeople(trx, [userId]);
  return isCertifiedAmbassador(
    await trx.selectFrom("onboarding_progress").select(["active", "ambassador"]).where("user_id", "=", userId).executeTakeFirst(),
  );
}

/**
 * Before reading whose standing changes (null: everyone's), and before a share reads its sharer's:
 * on PostgreSQL their users rows are written (a no-op update of the name), so the later of a share
 * and a change of standing waits for the earlier to commit and then reads what it wrote; a
 * serializable change that began before the share committed fails on that row and is retried
 * (serializableTransaction) instead of missing the share's day. SQLite has one writer at a time.
 */
export async function lockPeople(trx: DB, userIds: string[] | null): Promise<void> {
  if (!isPostgres(trx) || userIds?.length === 0) return;
  await trx
    .updateTable("users")
    .set((eb) => ({ name: eb.ref("name") }))
    .$if(userIds !== null, (q) => q.where("id", "in", userIds!))
    .execute();
}

/**
 * A person's new share day (their any-network day row was just created): splits the gap around
 * it. Call inside the share's transaction, after the day row is written.
 */
export async function addShareDay(trx: DB, userId: string, departmentId: string | null, day: string): Promise<void> {
  const [before, after, ambassador] = await Promise.all([
    shareDays(trx, userId).select("period").where("period", "<", day).orderBy("period", "desc").limit(1).executeTakeFirst(),
    shareDays(trx, userId).select("period").where("period", ">", day).orderBy("period", "asc").limit(1).executeTakeFirst(),
    isAmbassador(trx, userId),
  ]);
  const prev = before?.period ?? BEFORE_FIRST;
  const next = after?.period ?? AFTER_LAST;
  const acc = new GapAccumulator();
  const scopes: Scope[] = ambassador ? ["all", "department", "ambassador"] : ["all", "department"];
  for (const scope of scopes) {
    const key = scopeKey(scope, departmentId);
    // Someone who never shared has no gap stored (theirs would be "" to "~").
    if (prev !== BEFORE_FIRST || next !== AFTER_LAST) acc.add(scope, key, prev, next, -1);
    acc.add(scope, key, prev, day, 1);
    acc.add(scope, key, day, next, 1);
  }
  await writeGaps(trx, acc);
}

/** Moves a person's gaps to their new department; call inside the change's transaction. */
export async function moveShareDays(trx: DB, userId: string, from: string | null, to: string | null): Promise<void> {
  if ((from ?? "") === (to ?? "")) return;
  const days = (await shareDays(trx, userId).select("period").orderBy("period").execute()).map((r) => r.period);
  if (days.length === 0) return;
  const acc = new GapAccumulator();
  acc.addPerson(from, days, -1, ["department"]);
  acc.addPerson(to, days, 1, ["department"]);
  await writeGaps(trx, acc);
}

/**
 * People who became certified ambassadors (`joined`) or stopped being one (`left`): their share
 * days join or leave the ambassador scope. Call inside the change's transaction, after lockPeople.
 */
export async function moveAmbassadorDays(trx: DB, joined: string[], left: string[]): Promise<void> {
  const sign = new Map<string, 1 | -1>([...joined.map((id) => [id, 1] as const), ...left.map((id) => [id, -1] as const)]);
  const ids = [...sign.keys()];
  const acc = new GapAccumulator();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await shareDays(trx, ids.slice(i, i + CHUNK))
      .select(["key", "period"])
      .orderBy("key")
      .orderBy("period")
      .execute();
    forEachPerson(rows, (key, days) => acc.addPerson(null, days, sign.get(key)!, ["ambassador"]));
  }
  await writeGaps(trx, acc);
}

/**
 * Rebuilds the ambassador scope from the person day rows of the certified ambassadors, in one
 * statement the database runs on its own (about three times cheaper than moving each person's days
 * when most people's standing changed at once, e.g. a new version of a required guideline).
 */
export async function rebuildAmbassadorGaps(trx: DB): Promise<void> {
  await trx.deleteFrom("sharing_gaps").where("scope", "=", "ambassador").execute();
  const dayRows = sql`
    from analytics_rollups r
    join onboarding_progress p on p.user_id = r.key and p.active = 1 and p.ambassador = 1
    where r.dimension = 'person' and r.grain = 'day' and r.network = '' and r.shares > 0`;
  await sql`
    insert into sharing_gaps (scope, key, prev_day, next_day, people)
    select 'ambassador', '', g.prev_day, g.next_day, count(*)
    from (
      select coalesce(lag(r.period) over (partition by r.key order by r.period), ${BEFORE_FIRST}) as prev_day, r.period as next_day ${dayRows}
      union all
      select max(r.period) as prev_day, ${AFTER_LAST} as next_day ${dayRows} group by r.key
    ) g
    group by g.prev_day, g.next_day
  `.execute(trx);
}

/** Calls `visit` with each key's periods, for rows ordered by key and period. */
function forEachPerson<T extends { key: string; period: string }>(rows: T[], visit: (key: string, days: string[], first: T) => void): void {
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j < rows.length && rows[j].key === rows[i].key) j++;
    visit(
      rows[i].key,
      rows.slice(i, j).map((r) => r.period),
      rows[i],
    );
    i = j;
  }
}

/** Rebuilds sharing_gaps from the person day rows, current departments and onboarding (inside a transaction). */
export async function recomputeSharingGaps(trx: DB): Promise<void> {
  await trx.deleteFrom("sharing_gaps").execute();
  const rows = await trx
    .selectFrom("analytics_rollups as r")
    .leftJoin("users as u", "u.id", "r.key")
    .leftJoin("onboarding_progress as p", "p.user_id", "r.key")
    .select(["r.key", "r.period", "u.department_id", "p.active", "p.ambassador"])
    .where("r.dimension", "=", "person")
    .where("r.grain", "=", "day")
    .where("r.network", "=", "")
    .where("r.shares", ">", 0)
    .orderBy("r.key")
    .orderBy("r.period")
    .execute();
  const acc = new GapAccumulator();
  forEachPerson(rows, (_key, days, first) => {
    acc.addPerson(
      first.department_id ?? null,
      days,
      1,
      isCertifiedAmbassador(first) ? ["all", "department", "ambassador"] : ["all", "department"],
    );
  });
  await writeGaps(trx, acc);
}

/**
 * People who shared on any local day in [from, to] (YYYY-MM-DD), per key of the scope ("" for
 * everyone). Two exact readings, the one with fewer rows is taken: for a range near the end of the
 * history, final gaps − gaps spanning the range (rows with next_day > to); for an older range, the
 * gaps that end on a person's first share day in it (rows with next_day in the range, prev_day < from).
 */
export async function sharersBetween(db: DB, scope: Scope, from: string, to: string): Promise<Map<string, number>> {
  if (to < from) return new Map();
  const latest = await db
    .selectFrom("sharing_gaps")
    .select((eb) => eb.fn.max("next_day").as("day"))
    .where("scope", "=", scope)
    .where("next_day", "<", AFTER_LAST)
    .executeTakeFirst();
  const lastDay = latest?.day ?? to;
  const spanDays = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
  if (lastDay > to && spanDays(to, lastDay) > spanDays(from, to)) {
    const rows = await db
      .selectFrom("sharing_gaps")
      .select((eb) => ["key", eb.fn.sum<number>("people").as("n")])
      .where("scope", "=", scope)
      .where("next_day", ">=", from)
      .where("next_day", "<=", to)
      .where("prev_day", "<", from)
      .groupBy("key")
      .execute();
    return new Map(rows.map((r) => [r.key, Number(r.n)]));
  }
  const rows = await db
    .selectFrom("sharing_gaps")
    .select((eb) => [
      "key",
      eb.fn.sum<number>(eb.case().when("next_day", "=", AFTER_LAST).then(eb.ref("people")).else(0).end()).as("sharers"),
      eb.fn.sum<number>(eb.case().when("prev_day", "<", from).then(eb.ref("people")).else(0).end()).as("absent"),
    ])
    .where("scope", "=", scope)
    .where("next_day", ">", to)
    .groupBy("key")
    .execute();
  return new Map(rows.map((r) => [r.key, Number(r.sharers) - Number(r.absent)]));
}
