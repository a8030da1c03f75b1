import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { materialiseLifecycle } from "~/models/content/items.server";
import { decryptWebhookUrl } from "~/models/delivery/webhook-secret.server";
import { connectWebhook, disconnectWebhook, failedWebhookPosts, listWebhooks } from "~/models/delivery/webhooks.server";
import { retryJob } from "~/models/jobs/queue.server";
import { drainJobs } from "~/runtime/job-runner.server";
import { jobHandlers } from "~/runtime/job-handlers.server";
import { db } from "~/utils/db.server";
import { createActor, type TestActor } from "../content/helpers";
import { createTestDepartment } from "../support/http";
import { startChannelServer } from "./channel-server";
import { scheduledItem } from "./helpers";

const MINUTE = 60_000;
let server: Awaited<ReturnType<typeof startChannelServer>>;
let editor: TestActor;
let reviewer: TestActor;
const failFirst = new Map<string, number>();

beforeAll(async () => {
  server = await startChannelServer((path, seen) => (path.startsWith("/down") ? 503 : seen < (failFirst.get(path) ?? 0) ? 500 : 200));
  editor = await createActor(["editor"]);
  reviewer = await createActor(["reviewer"]);
});
afterAll(() => server.close());
beforeEach(async () => {
  await db.updateTable("channel_webhooks").set({ disabled_at: 1 }).execute();
});

const connect = async (kind: "teams" | "slack", path: string, departmentId: string | null = null) => {
  const result = await connectWebhook(db, {
    kind,
    departmentId,
    label: `${kind} /${path.split("/")[1]}`,
    url: server.url(path),
    createdBy: editor.id,
  });
  if (!result.ok) throw new Error(result.error);
  return result.id;
};

const webhookJobs = () => db.selectFrom("jobs").select(["status", "attempts", "payload", "last_error"]).where("kind", "=", "webhook");

describe("Teams and Slack channels", () => {
  it("keep the webhook URL encrypted and never show it again; only https (or this machine) is accepted", async () => {
    const url = server.url("/secret-hook/T000/B000/XXXXXXXX");
    const id = await connect("slack", "/secret-hook/T000/B000/XXXXXXXX");
    const stored = await db.selectFrom("channel_webhooks").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(stored.url_encrypted).not.toContain("secret-hook");
    expect(decryptWebhookUrl(stored.url_encrypted)).toBe(url);
    const [part0, iv, tag, data] = stored.url_encrypted.split(".");
    // Tampered: its first character changed (to another one: a random ciphertext may start with "A").
    const tampered = `${data[0] === "A" ? "B" : "A"}${data.slice(1)}`;
    expect(decryptWebhookUrl([part0, iv, tag, tampered].join("."))).toBeNull();
    const listed = await listWebhooks(db);
    expect(JSON.stringify(listed)).not.toContain("T000/B000");
    expect(listed.find((w) => w.id === id)?.url_hint).toMatch(/^127\.0\.0\.1:\d+\/…XXXX$/);
    for (const bad of ["http://hooks.example.com/x", "ftp://127.0.0.1/x", "not a url"]) {
      expect(await connectWebhook(db, { kind: "teams", departmentId: null, label: "x", url: bad, createdBy: editor.id })).toMatchObject({
        ok: false,
        field: "url",
      });
    }
  });

  it("post each new item to the company-wide channels and its departments' ones, retrying failures with backoff", async () => {
    const [a, b] = [await createTestDepartment(), await createTestDepartment()];
    failFirst.set("/slack-all", 2);
    await connect("slack", "/slack-all");
    await connect("teams", "/teams-a", a);
    await connect("teams", "/teams-b", b);
    const t = Date.UTC(2026, 11, 10, 9);
    const item = await scheduledItem(editor, reviewer, t, {
      departmentIds: [a],
      title: "Fibra *nueva* <@here>",
      imageUrl: "https://cdn.example.com/i.png",
    });
    await materialiseLifecycle(db, t);

    const first = await drainJobs(db, jobHandlers, { now: t });
    expect(first.retried).toBe(1);
    expect(server.attemptsAt("/teams-a")).toBe(1);
    expect(server.attemptsAt("/teams-b")).toBe(0);
    expect(server.attemptsAt("/slack-all")).toBe(1);
    // Not yet due again (the first backoff is 30 s).
    await drainJobs(db, jobHandlers, { now: t + 29_000 });
    expect(server.attemptsAt("/slack-all")).toBe(1);
    await drainJobs(db, jobHandlers, { now: t + 30_000 });
    expect(server.attemptsAt("/slack-all")).toBe(2);
    await drainJobs(db, jobHandlers, { now: t + 30_000 + MINUTE });
    expect(server.attemptsAt("/slack-all")).toBe(3);

    const slack = server.received.find((r) => r.path === "/slack-all")!.body;
    expect(slack.blocks[0].text.text).toContain("Fibra *nueva* &lt;@here&gt;");
    expect(slack.blocks[1].elements[0].url).toBe(`http://altavoz.test/feed/${item}?via=slack#share`);
    const teams = server.received.find((r) => r.path === "/teams-a")!.body;
    expect(teams["@type"]).toBe("MessageCard");
    expect(teams.title).toBe("Fibra \\*nueva\\* \\<@here\\>");
    expect(teams.potentialAction[0].targets[0].uri).toBe(`http://altavoz.test/feed/${item}?via=teams#share`);
    const jobs = (await webhookJobs().execute()).filter((j) => j.payload.includes(item));
    expect(jobs.map((j) => [j.status, j.attempts]).sort()).toEqual([
      ["done", 1],
      ["done", 3],
    ]);
    // Nothing is posted twice.
    await drainJobs(db, jobHandlers, { now: t + 2 * 3_600_000 });
    expect(server.received.filter((r) => r.path === "/slack-all")).toHaveLength(1);
  });

  it("a channel that keeps failing never blocks the publication; admins see the failure and can retry", async () => {
    const hook = await connect("slack", "/down/1");
    const t = Date.UTC(2026, 11, 11, 9);
    const item = await scheduledItem(editor, reviewer, t, { title: "Caída" });
    await materialiseLifecycle(db, t);
    expect((await db.selectFrom("content_items").select("status").where("id", "=", item).executeTakeFirstOrThrow()).status).toBe(
      "published",
    );
    for (let now = t; now < t + 6 * 3_600_000; now += 10 * MINUTE) await drainJobs(db, jobHandlers, { now });
    expect(server.attemptsAt("/down/1")).toBe(6);
    const [failed] = await failedWebhookPosts(db);
    expect(failed).toMatchObject({ item: "Caída", channel: "slack /down", attempts: 6, error: "The channel answered HTTP 503" });
    // The item stayed in the feed and in people's bells all along; an admin's retry queues the post again.
    expect(await retryJob(db, failed.id, t + 7 * 3_600_000)).toBe(true);
    await db.updateTable("channel_webhooks").set({ disabled_at: t }).where("id", "=", hook).execute();
    await drainJobs(db, jobHandlers, { now: t + 7 * 3_600_000 });
    expect(server.attemptsAt("/down/1")).toBe(6);
    expect(await failedWebhookPosts(db)).toEqual([]);
  });

  it("a disconnected channel gets nothing more", async () => {
    const hook = await connect("teams", "/gone");
    expect(await disconnectWebhook(db, hook)).toBe(true);
    expect(await disconnectWebhook(db, hook)).toBe(false);
    const t = Date.UTC(2026, 11, 12, 9);
    await scheduledItem(editor, reviewer, t);
    await materialiseLifecycle(db, t);
    await drainJobs(db, jobHandlers, { now: t });
    expect(server.attemptsAt("/gone")).toBe(0);
  });
});
