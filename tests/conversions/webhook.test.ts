import { beforeAll, describe, expect, it } from "vitest";
import { rotateWebhookSecret, signatureFor } from "~/models/conversions/webhook.server";
import { updatePointScheme, getPointScheme, totalPoints } from "~/models/scoring/points.server";
import { db } from "~/utils/db.server";
import { createTestUser, type TestUser } from "../support/http";
import { linkFor, postConversion } from "./fixtures";

let admin: TestUser, sharer: TestUser;
let secret: string;
let code: string;
let linkId: string;
const now = () => Math.floor(Date.now() / 1000);

const event = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  code,
  kind: "lead",
  value: 120.5,
  currency: "EUR",
  occurred_at: new Date(Date.now() - 60_000).toISOString(),
  ...extra,
});

beforeAll(async () => {
  admin = await createTestUser({ roles: ["admin"] });
  sharer = await createTestUser();
  ({ code, id: linkId } = await linkFor(sharer.id, "linkedin", { at: Date.now() - 86_400_000 }));
});

describe("POST /api/conversions", () => {
  it("refuses every request while no secret exists", async () => {
    const answer = await postConversion(event("before-secret"), { secret: "altavoz_whsec_guess" });
    expect(answer).toEqual({ status: 503, body: { error: "no_secret" } });
  });

  it("records a correctly signed event once, and answers duplicate for the same id", async () => {
    secret = await rotateWebhookSecret(db, admin.id);
    const first = await postConversion(event("evt-1"), { secret });
    expect(first).toEqual({ status: 201, body: { status: "recorded", id: "evt-1" } });
    // A retry is signed again (fresh timestamp → fresh signature) with the same event id.
    const retry = await postConversion(event("evt-1", { value: 999 }), { secret, timestamp: now() + 1 });
    expect(retry).toEqual({ status: 200, body: { status: "duplicate", id: "evt-1" } });
    const rows = await db.selectFrom("conversions").selectAll().where("event_id", "=", "evt-1").execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ link_id: linkId, kind: "lead", value_cents: 12050, currency: "EUR", source: "webhook" });
    const total = await db.selectFrom("link_conversion_totals").selectAll().where("link_id", "=", linkId).executeTakeFirstOrThrow();
    expect(total).toMatchObject({ conversions: 1 });
    expect(Number(total.value_cents)).toBe(12050);
  });

  it("refuses a missing, wrong or other-secret signature with 401 and writes nothing", async () => {
    const body = event("evt-bad-sig");
    expect((await postConversion(body, { secret: null })).status).toBe(401);
    expect((await postConversion(body, { secret, signature: "sha256=00" })).body).toEqual({ error: "bad_signature" });
    expect((await postConversion(body, { secret: "altavoz_whsec_other" })).body).toEqual({ error: "bad_signature" });
    // Signed over a different body than the one sent.
    const ts = now();
    const tampered = await postConversion(
      { ...body, value: 1 },
      { secret, timestamp: ts, signature: `sha256=${signatureFor(secret, String(ts), JSON.stringify(body))}` },
    );
    expect(tampered.status).toBe(401);
    expect(await db.selectFrom("conversions").select("id").where("event_id", "=", "evt-bad-sig").execute()).toEqual([]);
  });

  it("refuses a timestamp more than five minutes away, and the same signed request twice", async () => {
    expect((await postConversion(event("evt-old"), { secret, timestamp: now() - 6 * 60 })).body).toEqual({ error: "stale_timestamp" });
    expect((await postConversion(event("evt-ahead"), { secret, timestamp: now() + 6 * 60 })).body).toEqual({ error: "stale_timestamp" });
    const ts = now();
    const body = event("evt-replay");
    expect((await postConversion(body, { secret, timestamp: ts })).status).toBe(201);
    expect(await postConversion(body, { secret, timestamp: ts })).toEqual({ status: 409, body: { error: "replayed" } });
  });

  it("answers bad bodies with a JSON error naming the fields, never a 500", async () => {
    const bad = async (body: unknown) => postConversion(body, { secret, timestamp: now() + Math.floor(Math.random() * 60) });
    expect(await bad("not json")).toEqual({ status: 400, body: { error: "invalid_body", problems: [{ field: "body", error: "json" }] } });
    expect((await bad([1, 2])).status).toBe(400);
    const fields = await bad({ id: "", code: "short", kind: "refund", value: -3, currency: "euro", occurred_at: "yesterday" });
    expect(fields.status).toBe(400);
    const named = (fields.body.problems as { field: string }[]).map((p) => p.field).sort();
    expect(named).toEqual(["code", "currency", "id", "kind", "occurred_at", "value"]);
    expect(await bad(event("evt-unknown", { code: "ZZZZ2222" }))).toEqual({
      status: 422,
      body: { error: "not_accepted", problems: [{ field: "code", error: "unknownCode" }] },
    });
    expect((await bad(event("evt-usd", { currency: "USD" }))).body).toMatchObject({ problems: [{ field: "currency", error: "currency" }] });
    expect((await bad(event("evt-future", { occurred_at: new Date(Date.now() + 3_600_000).toISOString() }))).status).toBe(422);
    expect((await postConversion(event("evt-form"), { secret, contentType: "application/x-www-form-urlencoded" })).status).toBe(415);
    expect(await db.selectFrom("conversions").select("event_id").where("event_id", "like", "evt-%").orderBy("event_id").execute()).toEqual([
      { event_id: "evt-1" },
      { event_id: "evt-replay" },
    ]);
  });

  it("a rotated secret replaces the old one at once", async () => {
    const old = secret;
    secret = await rotateWebhookSecret(db, admin.id);
    expect((await postConversion(event("evt-old-secret"), { secret: old })).status).toBe(401);
    expect((await postConversion(event("evt-new-secret"), { secret })).status).toBe(201);
    const sealed = await db.selectFrom("settings").select("value").where("key", "=", "conversions.webhookSecret").executeTakeFirstOrThrow();
    expect(sealed.value).not.toContain(secret);
  });

  it("gives conversion points only once an administrator turns them on", async () => {
    const before = await totalPoints(db, sharer.id);
    expect((await getPointScheme(db)).conversion.points).toBe(0);
    expect(await db.selectFrom("points_ledger").select("id").where("action", "=", "conversion").execute()).toEqual([]);
    const scheme = await getPointScheme(db);
    await updatePointScheme(db, { ...scheme, conversion: { points: 7, cap: null } }, admin.id, Date.now() - 120_000);
    expect((await postConversion(event("evt-points", { kind: "sale" }), { secret })).status).toBe(201);
    expect(await totalPoints(db, sharer.id)).toBe(before + 7);
    // The duplicate earns nothing more.
    expect((await postConversion(event("evt-points"), { secret, timestamp: now() + 2 })).status).toBe(200);
    expect(await totalPoints(db, sharer.id)).toBe(before + 7);
  });
});
