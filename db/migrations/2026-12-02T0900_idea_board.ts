import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // The board's own columns on ideas: what the idea is about, whether colleagues see who proposed it,
  // its running vote and comment counts (kept by the writes, never counted per request) and what was done.
  await db.schema
    .alterTable("ideas")
    .addColumn("topic", "text", (c) => c.notNull().defaultTo("content"))
    .execute();
  await db.schema
    .alterTable("ideas")
    .addColumn("anonymous", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("ideas")
    .addColumn("vote_count", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("ideas")
    .addColumn("comment_count", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("ideas").addColumn("outcome", "text").execute();
  await db.schema.alterTable("ideas").addColumn("status_changed_at", "bigint").execute();
  await db.schema.createIndex("ideas_votes_idx").on("ideas").columns(["vote_count", "created_at"]).execute();
  await db.schema.createIndex("ideas_created_idx").on("ideas").column("created_at").execute();

  // One vote per person and idea: the primary key is what makes a second vote impossible.
  await db.schema
    .createTable("idea_votes")
    .addColumn("idea_id", "text", (c) => c.notNull().references("ideas.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("idea_votes_pk", ["idea_id", "user_id"])
    .execute();
  await db.schema.createIndex("idea_votes_user_idx").on("idea_votes").column("user_id").execute();

  await db.schema
    .createTable("idea_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("idea_id", "text", (c) => c.notNull().references("ideas.id").onDelete("cascade"))
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("hidden_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("hidden_at", "bigint")
    .addColumn("hidden_reason", "text")
    .execute();
  await db.schema.createIndex("idea_comments_idea_idx").on("idea_comments").columns(["idea_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("idea_comments").execute();
  await db.schema.dropTable("idea_votes").execute();
  await db.schema.dropIndex("ideas_created_idx").execute();
  await db.schema.dropIndex("ideas_votes_idx").execute();
  for (const column of ["status_changed_at", "outcome", "comment_count", "vote_count", "anonymous", "topic"]) {
    await db.schema.alterTable("ideas").dropColumn(column).execute();
  }
}
