import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
// Sessions get the moment they were signed in, for the absolute lifetime. Existing sessions count from
// their last refresh (their expiry minus the former 30-day sliding window).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("sessions")
    .addColumn("created_at", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
  await db
    .updateTable("sessions")
    .set({ created_at: sql`expires_at - ${30 * 86_400_000}` })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sessions").dropColumn("created_at").execute();
}
