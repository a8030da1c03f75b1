/**
 * Conversions: a lead, sign-up or sale a CRM attributes to one of Altavoz's tracked links (the
 * link's code travels as utm_content). The same checks serve the signed webhook and the CSV
 * upload; a batch is checked whole before anything is written, and written in one transaction
 * with its rollups and points, so it lands entirely or not at all.
 *
 * Rules:
 * - the sender's event id identifies the event: sending it again changes nothing (idempotent);
 * - a value is in the organisation's currency (the EMV currency; there are no exchange rates),
 *   kept in cents; a different currency is refused rather than added up wrongly;
 * - occurred_at may not be in the future (five minutes' clock skew allowed) nor before 2000;
 * - points go to the link's owner, `conversion` points of the scheme in force when it occurred,
 *   only when that is above zero (the default is zero: off).
 */
import { z } from "zod";
import { CONVERSION_KINDS, type ConversionKind, type ConversionSource } from "#db/schema";
import { inTransaction, type DB } from "~/utils/db.server";
import { newId } from "~/utils/crypto.server";
import { CODE_PATTERN } from "~/models/sharing/tracked-links.server";
import { getEmvRates } from "~/models/sharing/amplification.server";
import { getPointScheme, awardPoints } from "~/models/scoring/points.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { dayLabeller } from "~/models/analytics/rollup-periods";
import { addConversionsToRollups } from "./rollups.server";

export const CLOCK_SKEW_MS = 5 * 60 * 1000;
const EARLIEST = Date.UTC(2000, 0, 1);
const MAX_VALUE = 1_000_000_000;

export interface ConversionInput {
  eventId: string;
  code: string;
  kind: ConversionKind;
  /** Major units (e.g. euros); null when none was given. */
  value: number | null;
  currency: string | null;
  occurredAt: number;
}

/** One problem with one field, as a translation key under conversions.errors. */
export interface ConversionProblem {
  field: "eventId" | "code" | "kind" | "value" | "currency" | "occurredAt";
  message: string;
}

export const ConversionShape = z.object({
  eventId: z.string().trim().min(1).max(200),
  code: z.string().trim().regex(CODE_PATTERN),
  kind: z.enum(CONVERSION_KINDS),
  value: z.number().finite().min(0).max(MAX_VALUE).nullable(),
  currency: z
    .string()
    .trim()
    .transform((c) => c.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{3}$/))
    .nullable(),
  occurredAt: z.number().int(),
});

interface LinkInfo {
  id: string;
  user_id: string;
  item_id: string;
  network: string;
  department_id: string | null;
  campaign_id: string | null;
}

/** Tracked links by code, with their owner's department and their item's campaign. */
export async function linksByCode(db: DB, codes: string[]): Promise<Map<string, LinkInfo>> {
  const result = new Map<string, LinkInfo>();
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom("tracked_links")
      .innerJoin("users", "users.id", "tracked_links.user_id")
      .leftJoin("content_items", "content_items.id", "tracked_links.item_id")
      .select([
        "tracked_links.id",
        "tracked_links.code",
        "tracked_links.user_id",
        "tracked_links.item_id",
        "tracked_links.network",
        "users.department_id",
        "content_items.campaign_id",
      ])
      .where("tracked_links.code", "in", unique.slice(i, i + 500))
      .execute();
    for (const r of rows) result.set(r.code, { ...r, campaign_id: r.campaign_id ?? null });
  }
  return result;
}

/** What is wrong with one event beyond its shape (its link, currency and time), given the context. */
export function conversionProblems(
  input: ConversionInput,
  context: { links: Map<string, LinkInfo>; currency: string; now: number },
): ConversionProblem[] {
  const problems: ConversionProblem[] = [];
  if (!context.links.has(input.code)) problems.push({ field: "code", message: "conversions.errors.unknownCode" });
  if (input.value !== null && input.currency !== null && input.currency !== context.currency)
    problems.push({ field: "currency", message: "conversions.errors.currency" });
  if (input.occurredAt > context.now + CLOCK_SKEW_MS) problems.push({ field: "occurredAt", message: "conversions.errors.future" });
  if (input.occurredAt < EARLIEST) problems.push({ field: "occurredAt", message: "conversions.errors.time" });
  return problems;
}

export interface ConversionContext {
  links: Map<string, LinkInfo>;
  currency: string;
  now: number;
}

export async function conversionContext(db: DB, codes: string[], now = Date.now()): Promise<ConversionContext> {
  const [links, rates] = await Promise.all([linksByCode(db, codes), getEmvRates(db)]);
  return { links, currency: rates.currency, now };
}

interface RecordedConversion {
  link: LinkInfo;
  input: ConversionInput;
  id: string;
  valueCents: number;
}

/** Inserts one checked event; null when its event id was already recorded. */
async function insertConversion(
  trx: DB,
  input: ConversionInput,
  context: ConversionContext,
  source: ConversionSource,
): Promise<RecordedConversion | null> {
  const link = context.links.get(input.code);
  if (!link) throw new Error(`writeConversions: unchecked code ${input.code}`);
  const valueCents = input.value === null ? null : Math.round(input.value * 100);
  const id = newId();
  const inserted = await trx
    .insertInto("conversions")
    .values({
      id,
      event_id: input.eventId,
      link_id: link.id,
      kind: input.kind,
      value_cents: valueCents,
      currency: valueCents === null ? null : context.currency,
      occurred_at: input.occurredAt,
      source,
      received_at: context.now,
    })
    .onConflict((oc) => oc.column("event_id").doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return null;
  return { link, input, id, valueCents: valueCents ?? 0 };
}

async function awardConversionPoints(trx: DB, events: RecordedConversion[]) {
  for (const { link, input, id } of events) {
    const points = (await getPointScheme(trx, input.occurredAt)).conversion.points;
    if (points > 0)
      await awardPoints(trx, {
        userId: link.user_id,
        action: "conversion",
        referenceType: "conversion",
        referenceId: id,
        at: input.occurredAt,
        points,
      });
  }
}

/**
 * Writes checked events (call conversionProblems first): each new event id becomes a conversion
 * with its rollups and points; ids already recorded are skipped. Returns how many were new.
 */
export async function writeConversions(
  db: DB,
  inputs: ConversionInput[],
  context: ConversionContext,
  source: ConversionSource,
): Promise<{ recorded: number; duplicates: number; ids: string[] }> {
  return inTransaction(db, async (trx) => {
    const label = dayLabeller(await getOrganisationTimeZone(trx));
    const events: RecordedConversion[] = [];
    const ids: string[] = [];
    for (const input of inputs) {
      const event = await insertConversion(trx, input, context, source);
      if (!event) continue;
      ids.push(event.id);
      events.push(event);
    }
    await addConversionsToRollups(
      trx,
      events.map(({ link, input, valueCents }) => ({
        day: label(input.occurredAt),
        linkId: link.id,
        userId: link.user_id,
        departmentId: link.department_id,
        itemId: link.item_id,
        campaignId: link.campaign_id,
        network: link.network,
        kind: input.kind,
        valueCents,
      })),
    );
    await awardConversionPoints(trx, events);
    return { recorded: events.length, duplicates: inputs.length - events.length, ids };
  });
}
