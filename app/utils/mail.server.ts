import nodemailer from "nodemailer";
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

/** Hands the mail to the SMTP server when one is configured; a failure is returned, not thrown. */
export async function deliverMail(mail: Mail): Promise<Delivery> {
  const smtp = smtpTransport();
  if (!smtp) return { transport: "outbox", error: null };
  try {
    await smtp.sendMail({ from: readEnv().MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers });
    return { transport: "smtp", error: null };
  } catch (cause) {
    return { transport: "smtp", error: cause instanceof Error ? cause.message : String(cause) };
  }
}

/** Keeps the outbox copy of a mail (pass a transaction to record it with what it belongs to). */
export async function recordMail(db: DB, mail: Mail, delivery: Delivery, now = Date.now()): Promise<string> {
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
      transport: delivery.transport,
      error: delivery.error,
      created_at: now,
    })
    .execute();
  return id;
}

/**
 * Every mail is kept in the outbox, which admins read in the app. With SMTP_URL set it is
 * also handed to the SMTP server; a delivery failure is recorded rather than thrown, so the
 * action that sent it still succeeds and an admin can see what went wrong.
 */
export async function sendMail(db: DB, mail: Mail): Promise<void> {
  await recordMail(db, mail, await deliverMail(mail));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}
