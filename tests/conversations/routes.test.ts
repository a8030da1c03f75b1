import { describe, expect, it } from "vitest";
import * as careIndex from "~/routes/care._index";
import * as careReport from "~/routes/care.$id";
import * as csv from "~/routes/care.dashboard[.csv]";
import * as dashboard from "~/routes/care.dashboard";
import * as mine from "~/routes/conversations._index";
import * as report from "~/routes/conversations.new";
import * as adminCare from "~/routes/admin.care";
import { db } from "~/utils/db.server";
import { getFixedT } from "~/utils/i18n";
import { call, createTestUser, getRequest, jsonOf, postRequest } from "../support/http";

const form = { url: "https://x.com/cliente/status/1", kind: "complaint", network: "", note: "No me llega la factura", handle: "@cliente" };
const countReports = async () =>
  Number(
    (
      await db
        .selectFrom("conversation_reports")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("reporting a conversation through the form", () => {
  it("refuses a missing URL, a javascript: URL and a 10 kB note with clear messages, and writes nothing", async () => {
    const employee = await createTestUser();
    const before = await countReports();
    const cases: [Record<string, string>, string, string][] = [
      [{ ...form, url: "" }, "url", "conversations.errors.urlRequired"],
      [{ ...form, url: "javascript:alert(1)" }, "url", "conversations.errors.url"],
      [{ ...form, url: "ftp://example.com/x" }, "url", "conversations.errors.url"],
      [{ ...form, note: "x".repeat(10_240) }, "note", "validation.tooLong"],
      [{ ...form, kind: "gossip" }, "kind", "conversations.errors.kindRequired"],
    ];
    for (const [body, field, message] of cases) {
      const response = await call(report.action, postRequest("/conversations/new", body, { cookie: employee.cookie }));
      expect(response.status).toBe(400);
      const data = await jsonOf(response);
      expect(data.errors[field]).toBe(message);
      // Every message is a real sentence in both languages.
      for (const locale of ["es", "en"] as const) expect(getFixedT(locale)(message)).not.toBe(message);
    }
    expect(await countReports()).toBe(before);
  });

  it("saves a valid report, detects the network, and shows it only to its reporter", async () => {
    const employee = await createTestUser();
    const stranger = await createTestUser();
    const response = await call(
      report.action,
      postRequest(
        "/conversations/new",
        { ...form, url: `https://twitter.com/c/status/${Date.now()}`, answeredPublicly: "on" },
        { cookie: employee.cookie },
      ),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/conversations");
    const own = await jsonOf(await call(mine.loader, getRequest("/conversations", { cookie: employee.cookie })));
    expect(own.reports).toHaveLength(1);
    expect(own.reports[0]).toMatchObject({ kind: "complaint", network: "x", status: "open" });
    const theirs = await jsonOf(await call(mine.loader, getRequest("/conversations", { cookie: stranger.cookie })));
    expect(theirs.reports).toEqual([]);
    const page = await jsonOf(await call(report.loader, getRequest("/conversations/new", { cookie: employee.cookie })));
    expect(page).toHaveProperty("guideline");
  });
});

describe("the care pages", () => {
  it("lets care claim and answer from the pages, and the reporter sees the answer", async () => {
    const employee = await createTestUser();
    const careUser = await createTestUser({ roles: ["care"] });
    const link = `https://x.com/c/status/${Math.random()}`;
    await call(report.action, postRequest("/conversations/new", { ...form, url: link }, { cookie: employee.cookie }));
    const queue = await jsonOf(await call(careIndex.loader, getRequest("/care", { cookie: careUser.cookie })));
    const entry = queue.reports.find((r: { url: string }) => r.url === link);
    const id = entry.id;
    expect(entry.clock).toMatchObject({ targetMinutes: 90, answered: false });
    const claimed = await call(careIndex.action, postRequest("/care", { intent: "claim", reportId: id }, { cookie: careUser.cookie }));
    expect(claimed.headers.get("Location")).toBe(`/care/${id}`);
    const bad = await call(
      careReport.action,
      postRequest(`/care/${id}`, { intent: "reply", note: "", answerUrl: "javascript:alert(1)" }, { cookie: careUser.cookie }),
      { id },
    );
    expect(bad.status).toBe(400);
    expect((await jsonOf(bad)).errors.answerUrl).toBe("conversations.errors.url");
    const unknownIntent = await call(careReport.action, postRequest(`/care/${id}`, { intent: "drop_table" }, { cookie: careUser.cookie }), {
      id,
    });
    expect(unknownIntent.status).toBe(400);
    const replied = await call(
      careReport.action,
      postRequest(
        `/care/${id}`,
        { intent: "reply", note: "Ya le hemos escrito", answerUrl: "https://x.com/empresa/status/2" },
        { cookie: careUser.cookie },
      ),
      { id },
    );
    expect(replied.status).toBe(302);
    const own = await jsonOf(await call(mine.loader, getRequest("/conversations", { cookie: employee.cookie })));
    expect(own.reports[0]).toMatchObject({
      replyNote: "Ya le hemos escrito",
      answerUrl: "https://x.com/empresa/status/2",
      status: "in_progress",
    });
    const detail = await jsonOf(await call(careReport.loader, getRequest(`/care/${id}`, { cookie: careUser.cookie }), { id }));
    expect(detail.events.map((e: { kind: string }) => e.kind)).toContain("replied");
    const board = await jsonOf(await call(dashboard.loader, getRequest("/care/dashboard?weeks=4", { cookie: careUser.cookie })));
    expect(board.dashboard.overall.answered).toBeGreaterThanOrEqual(1);
    const file = await call(csv.loader, getRequest("/care/dashboard.csv", { cookie: careUser.cookie }));
    expect(file.headers.get("Content-Type")).toContain("text/csv");
    expect(await file.text()).toContain("Desglose");
  });

  it("admin settings refuse bad hours and save good ones", async () => {
    const admin = await createTestUser({ roles: ["admin"] });
    const bad = await call(
      adminCare.action,
      postRequest(
        "/admin/care",
        { intent: "settings", targetMinutes: "2", dailyPointCap: "3", days: ["1"], start: "18:00", end: "09:00" },
        { cookie: admin.cookie },
      ),
    );
    expect(bad.status).toBe(400);
    expect((await jsonOf(bad)).errors).toMatchObject({
      targetMinutes: "conversations.errors.target",
      end: "conversations.errors.hoursOrder",
    });
    const good = await call(
      adminCare.action,
      postRequest(
        "/admin/care",
        { intent: "settings", targetMinutes: "60", dailyPointCap: "5", days: ["1", "2"], start: "09:00", end: "17:30" },
        { cookie: admin.cookie },
      ),
    );
    expect(good.status).toBe(302);
    const page = await jsonOf(await call(adminCare.loader, getRequest("/admin/care", { cookie: admin.cookie })));
    expect(page.settings).toMatchObject({ targetMinutes: 60, dailyPointCap: 5, days: ["1", "2"], start: "09:00", end: "17:30" });
    await call(
      adminCare.action,
      postRequest(
        "/admin/care",
        { intent: "settings", targetMinutes: "90", dailyPointCap: "3", days: ["1", "2", "3", "4", "5"], start: "08:00", end: "20:00" },
        { cookie: admin.cookie },
      ),
    );
  });
});
