import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // The outbox becomes a queue: pending messages are sent by the mail transport after the commit,
  // retried with backoff; "held" ones wait for their import to finish; "kept" ones have no transport.
  await db.schema
    .alterTable("outbox")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("sent"))
    .execute();
  await db.schema
    .alterTable("outbox")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("outbox").addColumn("next_attempt_at", "bigint").execute();
  await db.schema.alterTable("outbox").addColumn("import_id", "text").execute();
  await sql`update outbox set status = 'kept' where transport = 'outbox'`.execute(db);
  await db.schema.createIndex("outbox_due_idx").on("outbox").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("outbox_import_idx").on("outbox").column("import_id").execute();

  // People an import created, so an import that fails (or is cut short by a restart) can be undone.
  await db.schema.alterTable("users").addColumn("import_id", "text").execute();
  await db.schema.createIndex("users_import_idx").on("users").column("import_id").execute();
  await db.schema.alterTable("departments").addColumn("import_id", "text").execute();
  await db.schema.alterTable("people_imports").addColumn("failure", "text").execute();
  // Written by every chunk: an import whose heartbeat stopped was cut short by its process dying.
  await db.schema.alterTable("people_imports").addColumn("heartbeat_at", "bigint").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("people_imports").dropColumn("heartbeat_at").execute();
  await db.schema.alterTable("people_imports").dropColumn("failure").execute();
  await db.schema.alterTable("departments").dropColumn("import_id").execute();
  await db.schema.dropIndex("users_import_idx").execute();
  await db.schema.alterTable("users").dropColumn("import_id").execute();
  await db.schema.dropIndex("outbox_import_idx").execute();
  await db.schema.dropIndex("outbox_due_idx").execute();
  for (const column of ["import_id", "next_attempt_at", "attempts", "status"])
    await db.schema.alterTable("outbox").dropColumn(column).execute();
}
