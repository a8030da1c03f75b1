import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("workshops")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("workshop_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("workshop_id", "text", (c) => c.notNull().references("workshops.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("required", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("due_days", "integer")
    .addColumn("duration_minutes", "integer", (c) => c.notNull())
    .addColumn("pass_mark", "integer", (c) => c.notNull())
    .addColumn("max_attempts", "integer")
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("published_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("published_at", "bigint")
    .addColumn("superseded_at", "bigint")
    .addUniqueConstraint("workshop_versions_number_unique", ["workshop_id", "version"])
    .execute();
  await db.schema
    .createIndex("workshop_versions_one_draft")
    .unique()
    .on("workshop_versions")
    .column("workshop_id")
    .where(sql.ref("status"), "=", "draft")
    .execute();
  await db.schema
    .createIndex("workshop_versions_one_published")
    .unique()
    .on("workshop_versions")
    .column("workshop_id")
    .where(sql.ref("status"), "=", "published")
    .execute();
  await db.schema.createIndex("workshop_versions_status_idx").on("workshop_versions").columns(["status", "required"]).execute();

  await db.schema
    .createTable("workshop_version_texts")
    .addColumn("version_id", "text", (c) => c.notNull().references("workshop_versions.id").onDelete("cascade"))
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("introduction_md", "text", (c) => c.notNull())
    .addColumn("lessons_json", "text", (c) => c.notNull())
    .addColumn("case_studies_json", "text", (c) => c.notNull())
    .addColumn("quiz_json", "text", (c) => c.notNull())
    .addColumn("text_hash", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("workshop_version_texts_pk", ["version_id", "language"])
    .execute();

  await db.schema
    .createTable("workshop_lesson_progress")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("workshop_id", "text", (c) => c.notNull().references("workshops.id").onDelete("cascade"))
    .addColumn("lesson_number", "integer", (c) => c.notNull())
    .addColumn("completed_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("workshop_lesson_progress_pk", ["user_id", "workshop_id", "lesson_number"])
    .execute();

  await db.schema
    .createTable("workshop_quiz_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("workshop_id", "text", (c) => c.notNull().references("workshops.id").onDelete("cascade"))
    .addColumn("version_id", "text", (c) => c.notNull().references("workshop_versions.id").onDelete("cascade"))
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("answers_json", "text", (c) => c.notNull())
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("passed", "integer", (c) => c.notNull())
    .addColumn("submitted_at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("workshop_quiz_attempts_unique", ["user_id", "version_id", "attempt"])
    .execute();
  await db.schema.createIndex("workshop_quiz_attempts_user_idx").on("workshop_quiz_attempts").columns(["user_id", "workshop_id"]).execute();

  await db.schema
    .createTable("workshop_completions")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("workshop_id", "text", (c) => c.notNull().references("workshops.id").onDelete("cascade"))
    .addColumn("version_id", "text", (c) => c.references("workshop_versions.id").onDelete("set null"))
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("completed_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("workshop_completions_pk", ["user_id", "workshop_id"])
    .execute();
  await db.schema.createIndex("workshop_completions_workshop_idx").on("workshop_completions").column("workshop_id").execute();

  await db.schema
    .createTable("workshop_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("workshop_id", "text", (c) => c.notNull().references("workshops.id").onDelete("cascade"))
    .addColumn("starts_at", "bigint", (c) => c.notNull())
    .addColumn("duration_minutes", "integer", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("place", "text")
    .addColumn("online_url", "text")
    .addColumn("capacity", "integer", (c) => c.notNull())
    .addColumn("seats_taken", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("cancelled_at", "bigint")
    .execute();
  await db.schema.createIndex("workshop_sessions_workshop_idx").on("workshop_sessions").columns(["workshop_id", "starts_at"]).execute();

  await db.schema
    .createTable("workshop_registrations")
    .addColumn("session_id", "text", (c) => c.notNull().references("workshop_sessions.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("registered_at", "bigint", (c) => c.notNull())
    .addColumn("attended", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("attendance_marked_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("attendance_marked_at", "bigint")
    .addPrimaryKeyConstraint("workshop_registrations_pk", ["session_id", "user_id"])
    .execute();
  await db.schema.createIndex("workshop_registrations_user_idx").on("workshop_registrations").column("user_id").execute();

  await db.schema
    .createTable("onboarding_reminders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("sent_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("sent_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("onboarding_reminders_user_idx").on("onboarding_reminders").columns(["user_id", "sent_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "onboarding_reminders",
    "workshop_registrations",
    "workshop_sessions",
    "workshop_completions",
    "workshop_quiz_attempts",
    "workshop_lesson_progress",
    "workshop_version_texts",
    "workshop_versions",
    "workshops",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
