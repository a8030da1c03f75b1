// A reminder round: a refused claim sends nothing; a claim's recipients each get the mail composed in
// their own language, its text and HTML bodies built from the same parts (links escaped in the HTML).
import { describe, expect, it } from "vitest";
import { reminderIntervalSetting, sendReminderRound } from "~/models/core/reminder-round.server";
import { db } from "~/utils/db.server";

const stamp = () => Math.random().toString(36).slice(2, 10);
const mailsTo = (address: string) =>
  db.selectFrom("outbox").select(["subject", "text_body", "html_body"]).where("to_address", "=", address).execute();

describe("sendReminderRound", () => {
  it("mails each claimed recipient in their language, and nothing when the claim refuses", async () => {
    const es = `es-${stamp()}@example.com`;
    const en = `en-${stamp()}@example.com`;
    const refused = await sendReminderRound<{ recipients: { name: string; email: string; locale: "es" }[] }, string>(
      db,
      async () => ({ refused: "too soon" }),
      () => {
        throw new Error("no mail is composed for a refused claim");
      },
    );
    expect(refused).toEqual({ refused: "too soon" });

    const round = await sendReminderRound(
      db,
      async () => ({
        recipients: [
          { name: "Ana", email: es, locale: "es" as const },
          { name: "Bob", email: en, locale: "en" as const },
        ],
        link: "https://altavoz.example/x?a=1&b=2",
      }),
      (to, t, claimed) => ({
        subject: `${t("common.create")} ${to.name}`,
        paragraphs: [`Hola ${to.name}`, "<b>no markup</b>"],
        items: to.locale === "en" ? [{ text: "Item", link: claimed.link }] : undefined,
        cta: { text: "Go", link: claimed.link },
      }),
    );
    expect(round.recipients).toHaveLength(2);

    const [toAna] = await mailsTo(es);
    expect(toAna.subject).toBe("Crear Ana");
    expect(toAna.text_body).toBe("Hola Ana\n\n<b>no markup</b>\n\nGo: https://altavoz.example/x?a=1&b=2");
    expect(toAna.html_body).toBe(
      '<p>Hola Ana</p><p>&lt;b&gt;no markup&lt;/b&gt;</p><p><a href="https://altavoz.example/x?a=1&amp;b=2">Go</a></p>',
    );
    const [toBob] = await mailsTo(en);
    expect(toBob.subject).toBe("Create Bob");
    expect(toBob.text_body).toBe(
      "Hola Bob\n\n<b>no markup</b>\n\n- Item: https://altavoz.example/x?a=1&b=2\n\nGo: https://altavoz.example/x?a=1&b=2",
    );
    expect(toBob.html_body).toContain('<ul><li><a href="https://altavoz.example/x?a=1&amp;b=2">Item</a></li></ul>');
  });
});

describe("reminderIntervalSetting", () => {
  it("reads the default until set, refuses values out of range and reads an out-of-range stored value as the default", async () => {
    const key = `test.reminder.${stamp()}`;
    const interval = reminderIntervalSetting(key, { min: 1, default: 7, max: 90 });
    expect(await interval.get(db)).toBe(7);
    await interval.set(db, 30);
    expect(await interval.get(db)).toBe(30);
    await expect(interval.set(db, 91)).rejects.toThrow("out of range");
    await expect(interval.set(db, 1.5)).rejects.toThrow("out of range");
    expect(await interval.get(db)).toBe(30);
    await db.updateTable("settings").set({ value: "500" }).where("key", "=", key).execute();
    expect(await interval.get(db)).toBe(7);
  });
});
