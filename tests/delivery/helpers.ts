import type { AlertChannel, DigestFrequency, Locale } from "#db/schema";
import { db } from "~/utils/db.server";
import { setSetting } from "~/models/core/settings.server";
import { approvedItem, contentInput, type TestActor } from "../content/helpers";
import { createTestUser } from "../support/http";
import type { ContentInput } from "~/models/content/items.server";

export async function person(
  departmentId: string | null,
  {
    frequency = "weekly",
    locale = "es",
    alertChannel = "both",
  }: { frequency?: DigestFrequency; locale?: Locale; alertChannel?: AlertChannel } = {},
) {
  const user = await createTestUser({ departmentId });
  await db
    .updateTable("users")
    .set({ digest_frequency: frequency, locale, alert_channel: alertChannel })
    .where("id", "=", user.id)
    .execute();
  return user;
}

/** An approved item that publishes at `publishAt` (approved an hour before). */
export function scheduledItem(editor: TestActor, reviewer: TestActor, publishAt: number, overrides: Partial<ContentInput> = {}) {
  return approvedItem(editor, reviewer, contentInput({ publishAt, ...overrides }), publishAt - 3_600_000);
}

export const setUrgentCap = (cap: number) => setSetting(db, "urgent.weekly_cap", String(cap));

export async function notificationsOf(userId: string) {
  return db.selectFrom("notifications").select(["kind", "link", "params"]).where("user_id", "=", userId).orderBy("created_at").execute();
}

export async function mailsTo(email: string) {
  return db.selectFrom("outbox").select(["subject", "text_body", "headers"]).where("to_address", "=", email).execute();
}
