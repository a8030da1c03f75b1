import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // Leads, sign-ups and sales reported by a CRM (webhook or CSV), attributed to a tracked link.
  await db.schema
    .createTable("conversions")
    .addColumn("id", "text", (c) => c.primaryKey())
    // The sender's own id for the event: one organisation per installation, so unique outright.
    .addColumn("event_id", "text", (c) => c.notNull().unique())
    .addColumn("link_id", "text", (c) => c.notNull().references("tracked_links.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    // Minor units (cents) in the organisation's currency; null when the sender gave no value.
    .addColumn("value_cents", "bigint")
    .addColumn("currency", "text")
    .addColumn("occurred_at", "bigint", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("received_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("conversions_link_idx").on("conversions").columns(["link_id", "occurred_at"]).execute();

  // Running totals beside analytics_rollups (same dimensions, grains and periods).
  await db.schema
    .createTable("conversion_rollups")
    .addColumn("dimension", "text", (c) => c.notNull())
    .addColumn("grain", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("network", "text", (c) => c.notNull())
    .addColumn("conversions", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("leads", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("signups", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sales", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("value_cents", "bigint", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("conversion_rollups_pk", ["dimension", "grain", "period", "key", "network"])
    .execute();

  // All-time totals per tracked link, for My shares.
  await db.schema
    .createTable("link_conversion_totals")
    .addColumn("link_id", "text", (c) => c.primaryKey().references("tracked_links.id").onDelete("cascade"))
    .addColumn("conversions", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("value_cents", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();

  // Signatures already accepted within the timestamp tolerance: the same signed request twice is a replay.
  await db.schema
    .createTable("conversion_webhook_replays")
    .addColumn("signature_hash", "text", (c) => c.primaryKey())
    .addColumn("seen_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("conversion_webhook_replays_seen_idx").on("conversion_webhook_replays").column("seen_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("conversion_webhook_replays").execute();
  await db.schema.dropTable("link_conversion_totals").execute();
  await db.schema.dropTable("conversion_rollups").execute();
  await db.schema.dropTable("conversions").execute();
}
