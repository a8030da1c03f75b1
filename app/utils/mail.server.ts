import nodemailer from "nodemailer";
import type { Insertable } from "kysely";
import type { Database } from "#db/schema";
import type { DB } from "./db.server";
import { newId } from "./crypto.server";
import { readEnv } from "./env.server";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers (e.g. List-Unsubscribe); kept with the outbox copy too. */
  headers?: Record<string, string>;
}

export interface Delivery {
  transport: "smtp" | "outbox";
  error: string | null;
}

let transport: nodemailer.Transporter | null | undefined;

function smtpTransport(): nodemailer.Transporter | null {
  if (transport === undefined) {
    const url = readEnv().SMTP_URL;
    transport = url ? nodemailer.createTransport(url) : null;
  }
  return transport;
}

export const MAX_ATTEMPTS = 8;
/** While one instance is sending a message, others leave it alone (and take it over after a crash). */
const LEASE_MS = 5 * 60_000;
/** 1, 2, 4 … 64 minutes between attempts. */
export const retryDelay = (attempts: number) => 60_000 * 2 ** Math.max(0, attempts - 1);

/** Hands the mail to the SMTP server when one is configured; a failure is returned, not thrown. */
export async function deliverMail(mail: Mail): Promise<Delivery> {
  const smtp = smtpTransport();
  if (!smtp) return { transport: "outbox", error: null };
  try {
    await smtp.sendMail({
      from: readEnv().MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
    });
    return { transport: "smtp", error: null };
  } catch (cause) {
    return { transport: "smtp", error: cause instanceof Error ? cause.message : String(cause) };
  }
}

type OutboxState = Pick<OutboxRow, "transport" | "error" | "status"> & Partial<Pick<OutboxRow, "next_attempt_at" | "import_id">>;
type OutboxRow = Insertable<Database["outbox"]>;

/** The one way a mail enters the outbox: its copy (body and headers) and its delivery state. */
async function insertOutbox(db: DB, mail: Mail, state: OutboxState, now: number): Promise<string> {
  const id = newId();
  await db
    .insertInto("outbox")
    .values({
      id,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      headers: mail.headers ? JSON.stringify(mail.headers) : null,
      created_at: now,
      ...state,
    })
    .execute();
  return id;
}

/** Keeps the outbox copy of a mail already handed over (pass a transaction to record it with what it belongs to). */
export async function recordMail(db: DB, mail: Mail, delivery: Delivery, now = Date.now()): Promise<string> {
  const status = delivery.transport === "outbox" ? "kept" : delivery.error ? "failed" : "sent";
  return insertOutbox(db, mail, { transport: delivery.transport, error: delivery.error, status }, now);
}

/**
 * Every mail is kept in the outbox, which admins read in the app, and is written there first: in the
 * caller's transaction when there is one, so a mail can never be lost between the commit and the
 * send. With SMTP_URL set, the transport then sends it (at once when not in a transaction; otherwise
 * the mail dispatcher does, after the commit), retrying with backoff; failures are recorded on the message.
 * `holdFor` keeps the message until that import has finished.
 */
export async function sendMail(db: DB, mail: Mail, options: { holdFor?: string } = {}): Promise<void> {
  const smtp = smtpTransport();
  const now = Date.now();
  const id = await insertOutbox(
    db,
    mail,
    {
      transport: smtp ? "smtp" : "outbox",
      error: null,
      status: options.holdFor ? "held" : smtp ? "pending" : "kept",
      next_attempt_at: smtp ? now : null,
      import_id: options.holdFor ?? null,
    },
    now,
  );
  if (smtp && !options.holdFor && !db.isTransaction) await deliverMessage(db, id);
}

/** Lets the mail held for an import go (in the transaction that finishes it). */
export async function releaseHeldMail(trx: DB, importId: string): Promise<void> {
  await trx
    .updateTable("outbox")
    .set({ status: smtpTransport() ? "pending" : "kept", import_id: null })
    .where("import_id", "=", importId)
    .where("status", "=", "held")
    .execute();
}

/** Drops the mail held for an import that failed: it was never sent. */
export async function dropHeldMail(trx: DB, importId: string): Promise<void> {
  await trx.deleteFrom("outbox").where("import_id", "=", importId).where("status", "=", "held").execute();
}

/**
 * Sends one pending message if it is due and no other instance holds it: claimed by a conditional
 * UPDATE (a lease), so two instances never send it at the same time.
 */
export async function deliverMessage(db: DB, id: string, now = Date.now()): Promise<"sent" | "retry" | "failed" | "skipped"> {
  const smtp = smtpTransport();
  if (!smtp) return "skipped";
  const claimed = await db
    .updateTable("outbox")
    .set((eb) => ({ attempts: eb("attempts", "+", 1), next_attempt_at: now + LEASE_MS }))
    .where("id", "=", id)
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", now)
    .returning(["to_address", "subject", "text_body", "html_body", "headers", "attempts"])
    .executeTakeFirst();
  if (!claimed) return "skipped";
  try {
    await smtp.sendMail({
      from: readEnv().MAIL_FROM,
      to: claimed.to_address,
      subject: claimed.subject,
      text: claimed.text_body,
      html: claimed.html_body,
      headers: claimed.headers ? (JSON.parse(claimed.headers) as Record<string, string>) : undefined,
    });
    await db.updateTable("outbox").set({ status: "sent", error: null, next_attempt_at: null }).where("id", "=", id).execute();
    return "sent";
  } catch (cause) {
    const error = cause instanceof Error ? cause.message : String(cause);
    const failed = claimed.attempts >= MAX_ATTEMPTS;
    await db
      .updateTable("outbox")
      .set({ status: failed ? "failed" : "pending", error, next_attempt_at: failed ? null : Date.now() + retryDelay(claimed.attempts) })
      .where("id", "=", id)
      .execute();
    return failed ? "failed" : "retry";
  }
}

/** Sends the messages that are due, oldest first, up to `limit`; returns how many were tried. */
export async function deliverDueMail(db: DB, limit = 50, now = Date.now()): Promise<number> {
  if (!smtpTransport()) return 0;
  const due = await db
    .selectFrom("outbox")
    .select("id")
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", now)
    .orderBy("next_attempt_at")
    .limit(limit)
    .execute();
  for (const row of due) await deliverMessage(db, row.id, now);
  return due.length;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}
