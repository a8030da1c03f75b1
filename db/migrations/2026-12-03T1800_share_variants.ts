import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // Further approved texts per network; the first text stays in content_share_texts (variant 1), so existing items keep theirs.
  await db.schema
    .createTable("content_share_variants")
    .addColumn("item_id", "text", (c) => c.notNull().references("content_items.id").onDelete("cascade"))
    .addColumn("network", "text", (c) => c.notNull())
    .addColumn("variant", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("content_share_variants_pk", ["item_id", "network", "variant"])
    .execute();

  // How often each variant was shared, kept in the share's transaction (never counted from shares).
  await db.schema
    .createTable("share_variant_uses")
    .addColumn("item_id", "text", (c) => c.notNull().references("content_items.id").onDelete("cascade"))
    .addColumn("network", "text", (c) => c.notNull())
    .addColumn("variant", "integer", (c) => c.notNull())
    .addColumn("shares", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("share_variant_uses_pk", ["item_id", "network", "variant"])
    .execute();

  // Posts of a variant's exact text per local day (YYYY-MM-DD in the organisation's zone).
  await db.schema
    .createTable("share_variant_days")
    .addColumn("item_id", "text", (c) => c.notNull().references("content_items.id").onDelete("cascade"))
    .addColumn("network", "text", (c) => c.notNull())
    .addColumn("variant", "integer", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("shares", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("share_variant_days_pk", ["item_id", "network", "variant", "day"])
    .execute();

  // A campaign's optional budget (minor units, ISO currency) and goals beyond shares.
  await db.schema.alterTable("campaigns").addColumn("budget_cents", "bigint").execute();
  await db.schema.alterTable("campaigns").addColumn("budget_currency", "text").execute();
  await db.schema.alterTable("campaigns").addColumn("goal_unique_clicks", "integer").execute();
  await db.schema.alterTable("campaigns").addColumn("goal_conversions", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("campaigns").dropColumn("goal_conversions").execute();
  await db.schema.alterTable("campaigns").dropColumn("goal_unique_clicks").execute();
  await db.schema.alterTable("campaigns").dropColumn("budget_currency").execute();
  await db.schema.alterTable("campaigns").dropColumn("budget_cents").execute();
  await db.schema.dropTable("share_variant_days").execute();
  await db.schema.dropTable("share_variant_uses").execute();
  await db.schema.dropTable("content_share_variants").execute();
}
