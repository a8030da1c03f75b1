import type SQLite from "better-sqlite3";
import type { Insertable } from "kysely";
import type { LinkClickTable } from "#db/schema";
import { sqliteOf, type DB } from "~/utils/db.server";

export type ClickRow = Insertable<LinkClickTable>;

const CHUNK = 400;
const sqliteInserts = new WeakMap<SQLite.Database, SQLite.Statement>();

/**
 * Inserts a batch's counted clicks. Building a multi-row insert costs Kysely about as much as SQLite
 * spends storing it (hundreds of rows × eight values each, per batch, on the redirect's thread), so on
 * SQLite one prepared statement runs per row inside the caller's transaction.
 */
export async function insertClickRows(trx: DB, rows: ClickRow[]): Promise<void> {
  const sqlite = sqliteOf(trx);
  if (!sqlite) {
    for (let i = 0; i < rows.length; i += CHUNK)
      await trx
        .insertInto("link_clicks")
        .values(rows.slice(i, i + CHUNK))
        .execute();
    return;
  }
  let insert = sqliteInserts.get(sqlite);
  if (!insert) {
    insert = sqlite.prepare(
      "insert into link_clicks (link_id, clicked_at, day, visitor_hash, is_unique, is_self, counted, points) values (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    sqliteInserts.set(sqlite, insert);
  }
  for (const r of rows) insert.run(r.link_id, r.clicked_at, r.day, r.visitor_hash, r.is_unique, r.is_self, r.counted, r.points);
}
