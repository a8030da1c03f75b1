/**
 * How many people shared in a range of local days, without reading a row per person: sharing_gaps
 * counts, per scope (everyone, each current department), the gaps between a person's consecutive
 * share days, with "" before their first and "~" after their last. A person has exactly one final
 * gap, and no share in [a, b] exactly when one of their gaps starts before a and ends after b; the
 * reads (sharersBetween) depend on the days in the history, not on the people.
 * A person's share days are their any-network day rows in analytics_rollups.
 */
import type { DB } from "~/utils/db.server";

const BEFORE_FIRST = "";
const AFTER_LAST = "~";

type Scope = "all" | "department";

class GapAccumulator {
  readonly rows = new Map<string, { scope: Scope; key: string; prev_day: string; next_day: string; people: number }>();

  add(scope: Scope, key: string, prev: string, next: string, people: number): void {
    const id = `${scope}|${key}|${prev}|${next}`;
    const row = this.rows.get(id);
    if (row) row.people += people;
    else this.rows.set(id, { scope, key, prev_day: prev, next_day: next, people });
  }

  /** One person's gaps (their share days in order), under everyone and their department. */
  addPerson(departmentId: string | null, days: string[], sign: 1 | -1, scopes: Scope[] = ["all", "department"]): void {
    const bounds = [BEFORE_FIRST, ...days, AFTER_LAST];
    for (let i = 1; i < bounds.length; i++) {
      for (const scope of scopes) this.add(scope, scope === "all" ? "" : (departmentId ?? ""), bounds[i - 1], bounds[i], sign);
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

function shareDays(trx: DB, userId: string) {
  return trx
    .selectFrom("analytics_rollups")
    .where("key", "=", userId)
    .where("dimension", "=", "person")
    .where("grain", "=", "day")
    .where("network", "=", "")
    .where("shares", ">", 0);
}

/**
 * A person's new share day (their any-network day row was just created): splits the gap around
 * it. Call inside the share's transaction, after the day row is written.
 */
export async function addShareDay(trx: DB, userId: string, departmentId: string | null, day: string): Promise<void> {
  const [before, after] = await Promise.all([
    shareDays(trx, userId).select("period").where("period", "<", day).orderBy("period", "desc").limit(1).executeTakeFirst(),
    shareDays(trx, userId).select("period").where("period", ">", day).orderBy("period", "asc").limit(1).executeTakeFirst(),
  ]);
  const prev = before?.period ?? BEFORE_FIRST;
  const next = after?.period ?? AFTER_LAST;
  const acc = new GapAccumulator();
  for (const scope of ["all", "department"] as const) {
    const key = scope === "all" ? "" : (departmentId ?? "");
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

/** Rebuilds sharing_gaps from the person day rows and current departments (inside a transaction). */
export async function recomputeSharingGaps(trx: DB): Promise<void> {
  await trx.deleteFrom("sharing_gaps").execute();
  const rows = await trx
    .selectFrom("analytics_rollups as r")
    .leftJoin("users as u", "u.id", "r.key")
    .select(["r.key", "r.period", "u.department_id"])
    .where("r.dimension", "=", "person")
    .where("r.grain", "=", "day")
    .where("r.network", "=", "")
    .where("r.shares", ">", 0)
    .orderBy("r.key")
    .orderBy("r.period")
    .execute();
  const acc = new GapAccumulator();
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j < rows.length && rows[j].key === rows[i].key) j++;
    acc.addPerson(
      rows[i].department_id ?? null,
      rows.slice(i, j).map((r) => r.period),
      1,
    );
    i = j;
  }
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
