import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
// The table rate-limiter-flexible's PostgreSQL store expects (its own layout), shared by every instance.
// Created on SQLite too so both schemas match; there the limits stay in the process's memory.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "varchar(255)", (c) => c.primaryKey())
    .addColumn("points", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expire", "bigint")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rate_limits").execute();
}
