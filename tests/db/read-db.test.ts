import fs from "node:fs";
import os from "node:os";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createDatabase, getDb, getReadDb, SQLITE_CACHE_KIB, type DB } from "~/utils/db.server";
import { newId } from "~/utils/crypto.server";
import { WORKER_NICENESS } from "~/utils/sqlite-worker.server";

const sqlite = process.env.TEST_DIALECT !== "postgres";

/** The nice value of each of this process's threads (Linux: /proc/self/task/<tid>/stat, field 19). */
function threadNiceValues(): number[] {
  return fs.readdirSync("/proc/self/task").flatMap((tid) => {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      return [Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16])];
    } catch {
      return []; // the thread ended meanwhile
    }
  });
}

/** A statement that keeps SQLite busy for a while (hundreds of milliseconds) and returns one row. */
const slowCount = sql<{
  n: number;
}>`with recursive c(x) as (select 1 union all select x + 1 from c where x < 3000000) select count(*) as n from c`;

/** How many times a 5 ms timer fired while `work` ran. */
async function ticksDuring(work: () => Promise<unknown>): Promise<number> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return ticks;
}

async function addDepartment(db: DB, name: string): Promise<string> {
  const id = newId();
  await db.insertInto("departments").values({ id, name, created_at: Date.now() }).execute();
  return id;
}

describe("the read database", () => {
  it("is the main database on PostgreSQL and for in-memory SQLite", async () => {
    if (!sqlite) return expect(getReadDb()).toBe(getDb());
    expect(getReadDb()).not.toBe(getDb());
    const memory = createDatabase(":memory:");
    await memory.destroy();
  });

  // On PostgreSQL the read database is the main one (first test), so these compare SQLite's two connections.
  it.runIf(sqlite)("returns what the main connection returns, for parameters of every type", async () => {
    const blob = Buffer.from([0, 1, 2, 255]);
    const query = (db: DB) =>
      sql<
        Record<string, unknown>
      >`select ${1} as i, ${2.5} as f, ${"ñandú 'quoted'"} as s, ${null} as z, ${9007199254740993n} as big, ${blob} as b, typeof(${blob}) as bt`.execute(
        db,
      );
    const [main, read] = await Promise.all([query(getDb()), query(getReadDb())]);
    expect(read.rows).toEqual(main.rows);
    expect(Buffer.isBuffer(read.rows[0].b)).toBe(true);
    expect(read.rows[0]).toMatchObject({ i: 1, f: 2.5, s: "ñandú 'quoted'", z: null, bt: "blob" });
  });

  it("returns the same rows for a builder query, with no rows alike", async () => {
    const name = `Read ${newId()}`;
    await addDepartment(getDb(), name);
    const byName = (db: DB, wanted: string) =>
      db.selectFrom("departments").select(["id", "name", "created_at"]).where("name", "in", [wanted, "nobody"]).orderBy("name").execute();
    expect(await byName(getReadDb(), name)).toEqual(await byName(getDb(), name));
    expect(await byName(getReadDb(), name)).toHaveLength(1);
    expect(await byName(getReadDb(), "no such department")).toEqual([]);
    const counted = await getReadDb()
      .selectFrom("departments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(counted.n).toBeGreaterThan(0);
  });

  it("sees a write the main connection committed, at once", async () => {
    const id = await addDepartment(getDb(), "Before");
    const nameOf = () => getReadDb().selectFrom("departments").select("name").where("id", "=", id).executeTakeFirst();
    expect(await nameOf()).toEqual({ name: "Before" });
    await getDb().updateTable("departments").set({ name: "After" }).where("id", "=", id).execute();
    expect(await nameOf()).toEqual({ name: "After" });
  });

  it("rejects with the database's error, and keeps working after it", async () => {
    await expect(sql`select * from no_such_table`.execute(getReadDb())).rejects.toThrow(/no such table|does not exist/);
    if (sqlite) {
      // better-sqlite3 binds no booleans: the worker passes the driver's refusal on.
      await expect(sql`select ${true as unknown as number} as yes`.execute(getReadDb())).rejects.toThrow();
      // Its connection is read-only and it runs no transaction: writes go to the main database.
      const refused = addDepartment(getReadDb(), "Never");
      await expect(refused).rejects.toMatchObject({ code: "SQLITE_READONLY" });
      await expect(
        getReadDb()
          .transaction()
          .execute(async () => 1),
      ).rejects.toThrow(/no transactions/);
    }
    expect((await sql<{ one: number }>`select 1 as one`.execute(getReadDb())).rows).toEqual([{ one: 1 }]);
  });

  it.runIf(sqlite)("leaves the event loop free while a slow query runs (the main connection does not)", async () => {
    const onWorker = await ticksDuring(async () => {
      const { rows } = await slowCount.execute(getReadDb());
      expect(rows).toEqual([{ n: 3_000_000 }]);
    });
    const onMain = await ticksDuring(() => slowCount.execute(getDb()));
    expect(onMain).toBeLessThanOrEqual(1);
    expect(onWorker).toBeGreaterThanOrEqual(5);
  });

  it.runIf(sqlite && process.platform === "linux")(
    "runs its worker threads nicer than the thread that asks, which keeps its own priority",
    async () => {
      const mine = os.getPriority(0);
      await slowCount.execute(getReadDb());
      expect(threadNiceValues()).toContain(Math.min(19, mine + WORKER_NICENESS));
      expect(os.getPriority(0)).toBe(mine);
    },
  );

  it.runIf(sqlite)("gives the main and the read connection the same page cache, larger than SQLite's default", async () => {
    const cacheSize = async (db: DB) => (await sql<{ cache_size: number }>`pragma cache_size`.execute(db)).rows[0].cache_size;
    expect(await cacheSize(getDb())).toBe(-SQLITE_CACHE_KIB);
    expect(await cacheSize(getReadDb())).toBe(-SQLITE_CACHE_KIB);
    expect(SQLITE_CACHE_KIB).toBeGreaterThan(16_000);
  });

  it.runIf(sqlite)("streams a select in chunks", async () => {
    const chunks: number[] = [];
    const stream = getReadDb().selectFrom("departments").select("id").stream(2);
    for await (const row of stream) chunks.push(row.id.length);
    const all = await getDb().selectFrom("departments").select("id").execute();
    expect(chunks).toHaveLength(all.length);
  });
});
