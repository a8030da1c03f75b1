/**
 * Demo results and safeguards, seeded after the activity (they need its tracked links): a few
 * leads, sign-ups and a sale arriving for links to the campaign's items (as a CRM export would
 * bring them), a blocked phrase tied to the decálogo and X's required disclosure, and the pilot
 * wave with a champion. Only once: nothing happens when the pilot wave already exists.
 */
import type { DB } from "~/utils/db.server";
import type { ConversionKind } from "#db/schema";
import { createCohort } from "~/models/cohorts/cohorts.server";
import { grantChampion } from "~/models/champions/champions.server";
import { conversionContext, writeConversions, type ConversionInput } from "~/models/conversions/record.server";
import { addBlockedPhrase, setDisclosures } from "~/models/sharing/guardrails.server";

const DAY = 86_400_000;
export const DEMO_PILOT_WAVE = "Ola 1 — piloto";
const PILOT_EMAILS = ["care@demo.altavoz.test", "editor@demo.altavoz.test", "lucia.0@demo.altavoz.test", "mateo.1@demo.altavoz.test"];
export const DEMO_CHAMPION_EMAIL = "care@demo.altavoz.test";
const CONVERSIONS: { kind: ConversionKind; value: number | null; daysAgo: number }[] = [
  { kind: "lead", value: null, daysAgo: 5 },
  { kind: "lead", value: null, daysAgo: 3 },
  { kind: "signup", value: null, daysAgo: 3 },
  { kind: "lead", value: null, daysAgo: 1 },
  { kind: "sale", value: 39.9, daysAgo: 1 },
];

async function seedConversions(db: DB, now: number): Promise<number> {
  const links = await db
    .selectFrom("tracked_links")
    .innerJoin("content_items", "content_items.id", "tracked_links.item_id")
    .innerJoin("shares", "shares.link_id", "tracked_links.id")
    .select("tracked_links.code")
    .distinct()
    .where("content_items.campaign_id", "is not", null)
    .orderBy("tracked_links.code")
    .limit(CONVERSIONS.length)
    .execute();
  if (links.length === 0) return 0;
  const inputs: ConversionInput[] = CONVERSIONS.map((c, i) => ({
    eventId: `demo-conversion-${i + 1}`,
    code: links[i % links.length].code,
    kind: c.kind,
    value: c.value,
    currency: null,
    occurredAt: now - c.daysAgo * DAY,
  }));
  const context = await conversionContext(db, [...new Set(inputs.map((i) => i.code))], now);
  return (await writeConversions(db, inputs, context, "csv")).recorded;
}

export async function seedDemoResults(db: DB, now = Date.now()): Promise<{ conversions: number; wave: boolean }> {
  if (await db.selectFrom("cohorts").select("id").where("name", "=", DEMO_PILOT_WAVE).executeTakeFirst())
    return { conversions: 0, wave: false };
  const admin = await db.selectFrom("users").select("id").where("email", "=", "admin@demo.altavoz.test").executeTakeFirst();
  if (!admin) return { conversions: 0, wave: false };
  const conversions = await seedConversions(db, now);
  // Rule 5 of the decálogo: "Your opinions are your own".
  const phrase = await addBlockedPhrase(db, admin.id, { phrase: "opinión oficial de la empresa", ruleNumber: 5, ruleText: null }, now);
  if (!phrase.ok) throw new Error(`demo blocked phrase: ${JSON.stringify(phrase.errors)}`);
  await setDisclosures(db, admin.id, { x: "#empleado" }, now);
  const wave = await createCohort(
    db,
    admin.id,
    {
      name: DEMO_PILOT_WAVE,
      startsAt: now - 60 * DAY,
      endsAt: now + 30 * DAY,
      goalParticipation: 75,
      goalShares: 40,
      goalUniqueClicks: 200,
      goalConversions: 10,
      departmentIds: [],
      emails: PILOT_EMAILS.join("\n"),
    },
    now,
  );
  if (!wave.ok) throw new Error(`demo wave: ${wave.error}`);
  const granted = await grantChampion(db, { id: admin.id, roles: ["admin"] }, DEMO_CHAMPION_EMAIL, { kind: "cohort", id: wave.id }, now);
  if (!granted.ok) throw new Error(`demo champion: ${granted.error}`);
  return { conversions, wave: true };
}
