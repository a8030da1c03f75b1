import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("campaigns")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("goal", "text")
    .addColumn("goal_shares", "integer")
    .addColumn("starts_at", "bigint", (c) => c.notNull())
    .addColumn("ends_at", "bigint", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("campaigns_dates_idx").on("campaigns").columns(["starts_at", "ends_at"]).execute();

  await db.schema
    .createTable("content_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("commentary_md", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("destination_url", "text", (c) => c.notNull())
    .addColumn("image_url", "text")
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("hashtags", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("publish_at", "bigint")
    .addColumn("expire_at", "bigint")
    .addColumn("campaign_id", "text", (c) => c.references("campaigns.id").onDelete("set null"))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("proposed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("submitted_at", "bigint")
    .addColumn("approved_at", "bigint")
    .addColumn("approved_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("content_items_status_publish_idx").on("content_items").columns(["status", "publish_at"]).execute();
  await db.schema.createIndex("content_items_campaign_idx").on("content_items").column("campaign_id").execute();
  await db.schema.createIndex("content_items_updated_idx").on("content_items").column("updated_at").execute();

  await db.schema
    .createTable("content_share_texts")
    .addColumn("item_id", "text", (c) => c.notNull().references("content_items.id").onDelete("cascade"))
    .addColumn("network", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("subject", "text")
    .addPrimaryKeyConstraint("content_share_texts_pk", ["item_id", "network"])
    .execute();

  await db.schema
    .createTable("content_topics")
    .addColumn("item_id", "text", (c) => c.notNull().references("content_items.id").onDelete("cascade"))
    .addColumn("topic", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("content_topics_pk", ["item_id", "topic"])
    .execute();
  await db.schema.createIndex("content_topics_topic_idx").on("content_topics").column("topic").execute();

  // No cascade from departments: deleting a department must not silently widen an item's audience to everyone.
  await db.schema
    .createTable("content_targets")
    .addColumn("item_id", "text", (c) => c.notNull().references("content_items.id").onDelete("cascade"))
    .addColumn("department_id", "text", (c) => c.notNull().references("departments.id"))
    .addPrimaryKeyConstraint("content_targets_pk", ["item_id", "department_id"])
    .execute();
  await db.schema.createIndex("content_targets_department_idx").on("content_targets").column("department_id").execute();

  await db.schema
    .createTable("content_transitions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("item_id", "text", (c) => c.notNull().references("content_items.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("comment", "text")
    .addColumn("at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("content_transitions_item_seq_unique", ["item_id", "seq"])
    .execute();
  await db.schema.createIndex("content_transitions_to_idx").on("content_transitions").columns(["to_status", "at"]).execute();

  await db.schema
    .createTable("ideas")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("proposer_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("url", "text")
    .addColumn("text", "text")
    .addColumn("reason", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("decline_reason", "text")
    .addColumn("decided_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("decided_at", "bigint")
    .addColumn("content_item_id", "text", (c) => c.references("content_items.id").onDelete("set null"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("ideas_proposer_idx").on("ideas").columns(["proposer_id", "created_at"]).execute();
  await db.schema.createIndex("ideas_status_idx").on("ideas").columns(["status", "created_at"]).execute();

  // The smallest record of "this person shared this item"; the sharing feature adds its own columns later.
  await db.schema
    .createTable("shares")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("item_id", "text", (c) => c.notNull().references("content_items.id").onDelete("cascade"))
    .addColumn("network", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("shares_user_item_idx").on("shares").columns(["user_id", "item_id"]).execute();
  await db.schema.createIndex("shares_item_idx").on("shares").column("item_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "shares",
    "ideas",
    "content_transitions",
    "content_targets",
    "content_topics",
    "content_share_texts",
    "content_items",
    "campaigns",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
