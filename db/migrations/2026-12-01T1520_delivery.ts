import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // Personal digest: how often each person gets it (off, daily, weekly).
  await db.schema
    .alterTable("users")
    .addColumn("digest_frequency", "text", (c) => c.notNull().defaultTo("weekly"))
    .execute();
  // One row per digest send slot ("weekly:2026-12-07"): claimed once, built in pages (cursor = last person done).
  await db.schema
    .createTable("digest_slots")
    .addColumn("slot", "text", (c) => c.primaryKey())
    .addColumn("frequency", "text", (c) => c.notNull())
    .addColumn("cursor", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("queued", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("started_at", "bigint", (c) => c.notNull())
    .addColumn("finished_at", "bigint")
    .execute();
  // What a digest already carried to a person: never again.
  await db.schema
    .createTable("digest_items")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("item_id", "text", (c) => c.notNull().references("content_items.id").onDelete("cascade"))
    .addColumn("slot", "text", (c) => c.notNull())
    .addColumn("queued_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("digest_items_pk", ["user_id", "item_id"])
    .execute();
  // Where a share came from (the share dialog's entry point): feed, digest, alert, teams, slack.
  await db.schema
    .alterTable("shares")
    .addColumn("channel", "text", (c) => c.notNull().defaultTo("feed"))
    .execute();
  await db.schema.createIndex("shares_channel_idx").on("shares").columns(["channel", "created_at"]).execute();
  // Urgent items: "notify now" on publication; alerted_at is set once (conditional update) when alerts are queued.
  await db.schema
    .alterTable("content_items")
    .addColumn("notify_now", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("content_items").addColumn("alerted_at", "bigint").execute();
  // The weekly cap on urgent alerts: one row per (local) week, counted by a conditional update.
  await db.schema
    .createTable("urgent_weeks")
    .addColumn("week", "text", (c) => c.primaryKey())
    .addColumn("used", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // Teams/Slack incoming webhooks, company-wide (department_id null) or per department.
  await db.schema
    .createTable("channel_webhooks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("department_id", "text", (c) => c.references("departments.id").onDelete("cascade"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("url_encrypted", "text", (c) => c.notNull())
    .addColumn("url_hint", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("disabled_at", "bigint")
    .execute();
  // "Live session tomorrow": each registration is reminded once.
  await db.schema.alterTable("workshop_registrations").addColumn("reminded_at", "bigint").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("workshop_registrations").dropColumn("reminded_at").execute();
  await db.schema.dropTable("channel_webhooks").execute();
  await db.schema.dropTable("urgent_weeks").execute();
  await db.schema.alterTable("content_items").dropColumn("alerted_at").execute();
  await db.schema.alterTable("content_items").dropColumn("notify_now").execute();
  await db.schema.dropIndex("shares_channel_idx").execute();
  await db.schema.alterTable("shares").dropColumn("channel").execute();
  await db.schema.dropTable("digest_items").execute();
  await db.schema.dropTable("digest_slots").execute();
  await db.schema.alterTable("users").dropColumn("digest_frequency").execute();
}
