import type { DB } from "~/utils/db.server";
import { getOrCreateTrackedLink } from "~/models/sharing/tracked-links.server";
import { insertUser } from "~/models/people/users.server";

/** The one employee and tracked link the redirect and click-writer benches send their clicks to. */
export async function createBenchLink(db: DB, destinationUrl: string) {
  const userId = await insertUser(db, {
    email: "bench@example.com",
    name: "Bench",
    departmentId: null,
    roles: ["employee"],
    status: "active",
  });
  return getOrCreateTrackedLink(db, { userId, itemId: "bench-item", network: "linkedin", destinationUrl });
}
