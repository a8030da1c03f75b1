import type { ActionFunctionArgs } from "@remix-run/node";
import { MAX_WEBHOOK_BODY, receiveConversion } from "~/models/conversions/api.server";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from "~/models/conversions/webhook.server";
import { db } from "~/utils/db.server";

const answer = (status: number, body: Record<string, unknown>) =>
  Response.json(body, {
    status,
    headers: { "Cache-Control": "no-store", ...(status === 401 ? { "WWW-Authenticate": 'HMAC realm="Altavoz conversions"' } : {}) },
  });

/** POST /api/conversions: a CRM reports a lead, sign-up or sale for a tracked link (see models/conversions/api.server.ts). */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return answer(405, { error: "method_not_allowed" });
  const contentType = request.headers.get("Content-Type") ?? "";
  const body = await request.text();
  // Unsigned or wrongly signed requests learn nothing about the body rules.
  const signed = request.headers.get(SIGNATURE_HEADER) && request.headers.get(TIMESTAMP_HEADER);
  if (!signed) return answer(401, { error: "missing_signature" });
  if (!/^application\/json\s*(;|$)/i.test(contentType)) return answer(415, { error: "json_required" });
  if (body.length > MAX_WEBHOOK_BODY) return answer(413, { error: "too_large" });
  const result = await receiveConversion(db, {
    timestamp: request.headers.get(TIMESTAMP_HEADER),
    signature: request.headers.get(SIGNATURE_HEADER),
    body,
  });
  return answer(result.status, result.body);
}
