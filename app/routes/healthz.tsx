import { json } from "@remix-run/node";
import { db, isDatabaseReachable } from "~/utils/db.server";

/** Liveness and readiness in one: 200 when the database answers, 503 when it does not. */
export async function loader() {
  const database = await isDatabaseReachable(db);
  return json({ status: database ? "ok" : "unavailable", database }, { status: database ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
