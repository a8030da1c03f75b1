/** Demo customer conversations: answered in minutes, one resolved late, some waiting, for the care queue and dashboard. */
import type { ConversationKind } from "#db/schema";
import { claimReport, closeReport, replyToReport } from "~/models/conversations/care.server";
import { reportConversation } from "~/models/conversations/report.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { addDays, isoWeekday, localDate, zonedInstant } from "~/models/core/wall-clock";
import type { DB } from "~/utils/db.server";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const ORIGIN = `http://localhost:${process.env.PORT ?? "3000"}`;

interface DemoReport {
  url: string;
  kind: ConversationKind;
  note: string;
  handle: string;
  daysAgo: number;
  /** Minutes to care's first answer, then to resolution; null: still open. */
  answerAfter: number | null;
  resolveAfter?: number;
  reply?: string;
}

const REPORTS: DemoReport[] = [
  {
    url: "https://x.com/marta_runner/status/1860000000000000001",
    kind: "complaint",
    note: "Dice que lleva tres días sin fibra y nadie le contesta.",
    handle: "@marta_runner",
    daysAgo: 16,
    answerAfter: 35,
    resolveAfter: 300,
    reply: "Le hemos escrito por mensaje privado y el técnico va mañana.",
  },
  {
    url: "https://www.instagram.com/p/CdemoPregunta1/",
    kind: "question",
    note: "Pregunta si la tarifa nueva incluye roaming en Portugal.",
    handle: "@viajera.lu",
    daysAgo: 10,
    answerAfter: 22,
    resolveAfter: 40,
    reply: "Respondido en el hilo con el enlace a las condiciones.",
  },
  {
    url: "https://www.linkedin.com/feed/update/urn:li:activity:7000000000000000001/",
    kind: "praise",
    note: "Un cliente agradece la atención de la tienda de Valencia.",
    handle: "",
    daysAgo: 8,
    answerAfter: 60,
    resolveAfter: 70,
    reply: "Le dimos las gracias en nombre del equipo.",
  },
  {
    url: "https://www.facebook.com/groups/vecinos/posts/1234567890/",
    kind: "complaint",
    note: "Queja por una factura duplicada; hay varios vecinos comentando.",
    handle: "Ramón P.",
    daysAgo: 5,
    answerAfter: 1500,
    resolveAfter: 2900,
    reply: "Abono tramitado; contestado en público sin datos personales.",
  },
  {
    url: "https://x.com/consumidor_enfadado/status/1860000000000000002",
    kind: "crisis",
    note: "Vídeo de una avería que se está compartiendo mucho.",
    handle: "@consumidor_enfadado",
    daysAgo: 0,
    answerAfter: null,
  },
  {
    url: "https://www.tiktok.com/@clienta.curiosa/video/7300000000000000001",
    kind: "question",
    note: "Pregunta cómo cambiar el titular del contrato.",
    handle: "@clienta.curiosa",
    daysAgo: 0,
    answerAfter: null,
  },
];

/**
 * When an answered demo report came in: 10:00 on the last working day at least `daysAgo` days back, so
 * its response times mean the same in business hours whatever the day and hour the demo is seeded.
 */
function workingMorning(now: number, daysAgo: number, timeZone: string): number {
  let day = localDate(now - daysAgo * DAY, timeZone);
  while (isoWeekday(day) > 5) day = addDays(day, -1);
  return zonedInstant(day, 10 * 60, timeZone);
}

export async function seedDemoConversations(db: DB, now = Date.now()): Promise<number> {
  const reporters = await db
    .selectFrom("users")
    .select("id")
    .where("email", "like", "%.%@demo.altavoz.test")
    .orderBy("email")
    .limit(REPORTS.length + 2)
    .execute();
  const carer = await db.selectFrom("users").select("id").where("email", "=", "care@demo.altavoz.test").executeTakeFirst();
  if (!carer || reporters.length < REPORTS.length) return 0;
  const care = { id: carer.id, roles: ["care" as const] };
  const timeZone = await getOrganisationTimeZone(db);
  let made = 0;
  for (const [i, r] of REPORTS.entries()) {
    const at = r.answerAfter === null ? now - (i + 1) * 40 * MINUTE : workingMorning(now, r.daysAgo, timeZone);
    const result = await reportConversation(
      db,
      reporters[i].id,
      { url: r.url, network: "auto", kind: r.kind, note: r.note, handle: r.handle, answeredPublicly: i % 2 === 0 },
      at,
    );
    if (!result.ok) continue;
    made += 1;
    if (i === 0)
      await reportConversation(
        db,
        reporters[REPORTS.length].id,
        { url: `${r.url}?s=20`, network: "auto", kind: r.kind, note: "Lo he visto también.", handle: "", answeredPublicly: false },
        at + 5 * MINUTE,
      );
    if (r.answerAfter === null) continue;
    await claimReport(db, care, result.reportId, at + Math.floor(r.answerAfter / 2) * MINUTE);
    await replyToReport(
      db,
      care,
      { reportId: result.reportId, note: r.reply ?? "", answerUrl: "", origin: ORIGIN },
      at + r.answerAfter * MINUTE,
    );
    if (r.resolveAfter)
      await closeReport(
        db,
        care,
        { reportId: result.reportId, outcome: "resolve", note: "", origin: ORIGIN },
        at + r.resolveAfter * MINUTE,
      );
  }
  return made;
}
