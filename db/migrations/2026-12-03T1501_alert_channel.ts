import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // How urgent items reach each person: "both" (mail and the bell), "mail" or "app" (the bell only).
  await db.schema
    .alterTable("users")
    .addColumn("alert_channel", "text", (c) => c.notNull().defaultTo("both"))
    .execute();
  // Until now urgent mail went only to people who take the digest: those who turned it off keep the bell only.
  await db.updateTable("users").set({ alert_channel: "app" }).where("digest_frequency", "=", "off").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("alert_channel").execute();
}
