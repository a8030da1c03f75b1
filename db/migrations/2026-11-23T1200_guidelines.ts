import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("guideline_documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("required", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("guideline_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_id", "text", (c) => c.notNull().references("guideline_documents.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("change_note", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("published_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("published_at", "bigint")
    .addColumn("superseded_at", "bigint")
    .addUniqueConstraint("guideline_versions_number_unique", ["document_id", "version"])
    .execute();
  // At most one draft and one published version per document.
  await db.schema
    .createIndex("guideline_versions_one_draft")
    .unique()
    .on("guideline_versions")
    .column("document_id")
    .where(sql.ref("status"), "=", "draft")
    .execute();
  await db.schema
    .createIndex("guideline_versions_one_published")
    .unique()
    .on("guideline_versions")
    .column("document_id")
    .where(sql.ref("status"), "=", "published")
    .execute();

  await db.schema
    .createTable("guideline_version_texts")
    .addColumn("version_id", "text", (c) => c.notNull().references("guideline_versions.id").onDelete("cascade"))
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("introduction_md", "text", (c) => c.notNull())
    .addColumn("rules_json", "text", (c) => c.notNull())
    .addColumn("text_hash", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("guideline_version_texts_pk", ["version_id", "language"])
    .execute();

  await db.schema
    .createTable("guideline_acknowledgements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("document_id", "text", (c) => c.notNull().references("guideline_documents.id").onDelete("cascade"))
    .addColumn("version_id", "text", (c) => c.notNull().references("guideline_versions.id").onDelete("cascade"))
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("text_hash", "text", (c) => c.notNull())
    .addColumn("acknowledged_at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("guideline_acknowledgements_unique", ["user_id", "version_id"])
    .execute();
  await db.schema.createIndex("guideline_acknowledgements_version_idx").on("guideline_acknowledgements").column("version_id").execute();
  await db.schema
    .createIndex("guideline_acknowledgements_document_idx")
    .on("guideline_acknowledgements")
    .columns(["document_id", "user_id"])
    .execute();

  await db.schema
    .createTable("guideline_reminders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_id", "text", (c) => c.notNull().references("guideline_documents.id").onDelete("cascade"))
    .addColumn("version_id", "text", (c) => c.notNull().references("guideline_versions.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("sent_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("sent_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("guideline_reminders_document_idx").on("guideline_reminders").columns(["document_id", "sent_at"]).execute();
  await db.schema.createIndex("guideline_reminders_user_idx").on("guideline_reminders").columns(["user_id", "document_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "guideline_reminders",
    "guideline_acknowledgements",
    "guideline_version_texts",
    "guideline_versions",
    "guideline_documents",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
