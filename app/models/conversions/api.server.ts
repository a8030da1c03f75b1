/**
 * POST /api/conversions, as status + JSON body (the route only sends it). One event per request:
 * { "id": "crm-123", "code": "<tracked link code>", "kind": "lead" | "signup" | "sale",
 *   "value": 120.5, "currency": "EUR", "occurred_at": "2026-12-01T10:00:00Z" (or epoch ms) }.
 * Answers 201 recorded, 200 duplicate (the id was recorded before), 400 bad body, 401 bad or
 * missing signature / stale timestamp, 409 replayed request, 422 an event that cannot be
 * attributed or accepted (unknown code, other currency, future time), 503 when no secret is set.
 */
import type { DB } from "~/utils/db.server";
import { inTransaction } from "~/utils/db.server";
import { conversionContext, conversionProblems, ConversionShape, writeConversions, type ConversionProblem } from "./record.server";
import { verifyWebhook, type WebhookRefusal } from "./webhook.server";

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

export const MAX_WEBHOOK_BODY = 16 * 1024;

const REFUSAL_STATUS: Record<WebhookRefusal, number> = {
  no_secret: 503,
  missing_signature: 401,
  bad_timestamp: 401,
  stale_timestamp: 401,
  bad_signature: 401,
  replayed: 409,
};

/** Thrown inside the transaction so a refused event leaves nothing behind but its replay mark's rollback. */
class Refused extends Error {
  constructor(readonly answer: ApiAnswer) {
    super(String(answer.status));
  }
}

function timeOf(value: unknown): number | null {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : at;
}

/** The event in the body, or the fields that are wrong. */
export function parseEventBody(body: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return { ok: false as const, problems: [{ field: "body", message: "conversions.errors.json" }] };
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw))
    return { ok: false as const, problems: [{ field: "body", message: "conversions.errors.json" }] };
  const r = raw as Record<string, unknown>;
  const parsed = ConversionShape.safeParse({
    eventId: r.id,
    code: r.code,
    kind: r.kind,
    value: r.value ?? null,
    currency: r.currency ?? null,
    occurredAt: timeOf(r.occurred_at),
  });
  if (!parsed.success)
    return {
      ok: false as const,
      problems: parsed.error.issues.map((issue) => ({
        field: String(issue.path[0] ?? "body"),
        message: `conversions.errors.${String(issue.path[0] ?? "json")}`,
      })),
    };
  return { ok: true as const, input: parsed.data };
}

const describe = (problems: { field: string; message: string }[]) =>
  problems.map((p) => ({
    field: p.field === "eventId" ? "id" : p.field === "occurredAt" ? "occurred_at" : p.field,
    error: p.message.replace(/^conversions\.errors\./, ""),
  }));

export async function receiveConversion(
  db: DB,
  request: { timestamp: string | null; signature: string | null; body: string },
  now = Date.now(),
): Promise<ApiAnswer> {
  try {
    return await inTransaction(db, async (trx) => {
      const verified = await verifyWebhook(trx, request, now);
      if (!verified.ok) return { status: REFUSAL_STATUS[verified.reason], body: { error: verified.reason } };
      const parsed = parseEventBody(request.body);
      if (!parsed.ok) throw new Refused({ status: 400, body: { error: "invalid_body", problems: describe(parsed.problems) } });
      const context = await conversionContext(trx, [parsed.input.code], now);
      const problems: ConversionProblem[] = conversionProblems(parsed.input, context);
      if (problems.length) throw new Refused({ status: 422, body: { error: "not_accepted", problems: describe(problems) } });
      const written = await writeConversions(trx, [parsed.input], context, "webhook");
      return written.recorded === 1
        ? { status: 201, body: { status: "recorded", id: parsed.input.eventId } }
        : { status: 200, body: { status: "duplicate", id: parsed.input.eventId } };
    });
  } catch (error) {
    if (error instanceof Refused) return error.answer;
    throw error;
  }
}
