import nodemailer from "nodemailer";
import type { DB } from "./db.server";
import { newId } from "./crypto.server";
import { readEnv } from "./env.server";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

let transport: nodemailer.Transporter | null | undefined;

function smtpTransport(): nodemailer.Transporter | null {
  if (transport === undefined) {
    const url = readEnv().SMTP_URL;
    transport = url ? nodemailer.createTransport(url) : null;
  }
  return transport;
}

/**
 * Every mail is kept in the outbox, which admins read in the app. With SMTP_URL set it is
 * also handed to the SMTP server; a delivery failure is recorded rather than thrown, so the
 * action that sent it still succeeds and an admin can see what went wrong.
 */
export async function sendMail(db: DB, mail: Mail): Promise<void> {
  const smtp = smtpTransport();
  let error: string | null = null;
  if (smtp) {
    try {
      await smtp.sendMail({ from: readEnv().MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
  }
  await db
    .insertInto("outbox")
    .values({
      id: newId(),
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      transport: smtp ? "smtp" : "outbox",
      error,
      created_at: Date.now(),
    })
    .execute();
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}
