import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // Phrases an employee's edited share text may not contain; `folded` is lower case without accents (unique).
  await db.schema
    .createTable("share_blocked_phrases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("phrase", "text", (c) => c.notNull())
    .addColumn("folded", "text", (c) => c.notNull().unique())
    .addColumn("rule_number", "integer")
    .addColumn("rule_text", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  // The disclosure every post on a network must keep (e.g. "#empleado").
  await db.schema
    .createTable("share_disclosures")
    .addColumn("network", "text", (c) => c.primaryKey())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  // A reviewer's lock on an item's text for one network: employees share it as written.
  await db.schema
    .createTable("content_text_locks")
    .addColumn("item_id", "text", (c) => c.notNull().references("content_items.id").onDelete("cascade"))
    .addColumn("network", "text", (c) => c.notNull())
    .addColumn("locked_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("locked_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("content_text_locks_pk", ["item_id", "network"])
    .execute();
  // What a reviewer last approved (commentary and share texts), for the word diff on re-review.
  await db.schema
    .createTable("content_approved_versions")
    .addColumn("item_id", "text", (c) => c.primaryKey().references("content_items.id").onDelete("cascade"))
    .addColumn("commentary_md", "text", (c) => c.notNull())
    .addColumn("share_texts_json", "text", (c) => c.notNull())
    .addColumn("approved_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("approved_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["content_approved_versions", "content_text_locks", "share_disclosures", "share_blocked_phrases"]) {
    await db.schema.dropTable(table).execute();
  }
}
