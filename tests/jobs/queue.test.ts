import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { claimJobs, enqueueJob, enqueueJobs, LEASE_MS, retryJob } from "~/models/jobs/queue.server";
import { drainJobs, runDueJobs } from "~/runtime/job-runner.server";
import { createDatabase, db } from "~/utils/db.server";
import { outboxHandlers } from "./handlers";

async function clearJobs() {
  await db.deleteFrom("jobs").execute();
  await db.deleteFrom("outbox").execute();
}

async function outboxCount(to: string) {
  const row = await db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("to_address", "=", to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("durable jobs", () => {
  it("exist only when the transaction that caused them commits; a dedupe key keeps one", async () => {
    await clearJobs();
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueueJob(trx, { kind: "test.mail", payload: { to: "a@example.com" } });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(
      await enqueueJobs(db, [
        { kind: "test.mail", payload: { to: "b@example.com" }, dedupeKey: "k" },
        { kind: "test.mail", payload: { to: "c@example.com" }, dedupeKey: "k" },
      ]),
    ).toBe(1);
    expect(await enqueueJob(db, { kind: "test.mail", payload: { to: "c@example.com" }, dedupeKey: "k" })).toBe(0);
    expect(await db.selectFrom("jobs").select("payload").execute()).toEqual([{ payload: JSON.stringify({ to: "b@example.com" }) }]);
  });

  it("retries a failing job with growing backoff, records the outcome, and gives up after its last attempt", async () => {
    await clearJobs();
    const t0 = 1_800_000_000_000;
    await enqueueJob(db, { kind: "test.mail", payload: { to: "flaky@example.com" }, maxAttempts: 4 }, t0);
    let calls = 0;
    const handlers = outboxHandlers(() => {
      calls += 1;
      if (calls <= 2) throw new Error(`down ${calls}`);
    });
    expect(await runDueJobs(db, handlers, { now: t0 })).toMatchObject({ claimed: 1, retried: 1 });
    let job = await db.selectFrom("jobs").selectAll().executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: "pending", attempts: 1, run_at: t0 + 30_000, last_error: "down 1" });
    expect((await runDueJobs(db, handlers, { now: t0 + 29_999 })).claimed).toBe(0);
    await runDueJobs(db, handlers, { now: t0 + 30_000 });
    job = await db.selectFrom("jobs").selectAll().executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: "pending", attempts: 2, run_at: t0 + 30_000 + 60_000 });
    expect(await runDueJobs(db, handlers, { now: t0 + 90_000 })).toMatchObject({ done: 1 });
    job = await db.selectFrom("jobs").selectAll().executeTakeFirstOrThrow();
    expect(job).toMatchObject({
      status: "done",
      attempts: 3,
      last_error: null,
      finished_at: t0 + 90_000,
      result: JSON.stringify({ to: "flaky@example.com" }),
    });
    expect(await outboxCount("flaky@example.com")).toBe(1);

    await enqueueJob(db, { kind: "test.mail", payload: { to: "dead@example.com" }, maxAttempts: 2 }, t0);
    const failing = outboxHandlers(() => {
      throw new Error("refused");
    });
    await runDueJobs(db, failing, { now: t0 });
    expect(await runDueJobs(db, failing, { now: t0 + 30_000 })).toMatchObject({ failed: 1 });
    const dead = await db.selectFrom("jobs").selectAll().where("payload", "like", "%dead@%").executeTakeFirstOrThrow();
    expect(dead).toMatchObject({ status: "failed", attempts: 2, last_error: "refused" });
    expect(await outboxCount("dead@example.com")).toBe(0);
    expect(await retryJob(db, dead.id, t0 + 40_000)).toBe(true);
    expect(await runDueJobs(db, outboxHandlers(), { now: t0 + 40_000 })).toMatchObject({ done: 1 });
    expect(await outboxCount("dead@example.com")).toBe(1);
  });

  it("a claim that outlived its lease is taken over, and the late sender's completion records nothing", async () => {
    await clearJobs();
    const t0 = 1_800_000_000_000;
    await enqueueJob(db, { kind: "test.mail", payload: { to: "slow@example.com" } }, t0);
    const [stale] = await claimJobs(db, { now: t0 });
    expect(await runDueJobs(db, outboxHandlers(), { now: t0 + LEASE_MS - 1 })).toMatchObject({ claimed: 0 });
    expect(await runDueJobs(db, outboxHandlers(), { now: t0 + LEASE_MS + 1 })).toMatchObject({ done: 1 });
    const { completeJob } = await import("~/models/jobs/queue.server");
    expect(await completeJob(db, stale, null, t0 + LEASE_MS + 2)).toBe(false);
    expect(await outboxCount("slow@example.com")).toBe(1);
  });

  it("two senders (two database instances) working the same queue send each job exactly once", async () => {
    await clearJobs();
    const inputs = Array.from({ length: 120 }, (_, i) => ({ kind: "test.mail", payload: { to: `p${i}@example.com` } }));
    await enqueueJobs(db, inputs);
    const performed: string[] = [];
    const handlers = outboxHandlers(async ({ to }) => {
      performed.push(to);
      await new Promise((resolve) => setTimeout(resolve, 1));
    });
    const [one, two] = [createDatabase(process.env.DATABASE_URL), createDatabase(process.env.DATABASE_URL)];
    try {
      const [a, b] = await Promise.all([drainJobs(one, handlers, { limit: 5 }), drainJobs(two, handlers, { limit: 5 })]);
      expect(a.done + b.done).toBe(120);
      expect(a.done).toBeGreaterThan(0);
      expect(b.done).toBeGreaterThan(0);
    } finally {
      await Promise.all([one.destroy(), two.destroy()]);
    }
    expect(performed).toHaveLength(120);
    expect(new Set(performed).size).toBe(120);
    const counts = await db
      .selectFrom("outbox")
      .select(["to_address", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("to_address")
      .execute();
    expect(counts).toHaveLength(120);
    expect(counts.every((c) => Number(c.n) === 1)).toBe(true);
  });

  it("kill -9 of the sender loses nothing and sends nothing twice that it had recorded as sent", async () => {
    await clearJobs();
    const t0 = Date.now();
    await enqueueJobs(
      db,
      ["first", "second", "hang", "last"].map((name, i) => ({
        kind: "test.mail",
        payload: { to: `${name}@example.com` },
        runAt: t0 - 1000 + i,
      })),
      t0 - 1000,
    );
    const child = spawn(process.execPath, ["--import", "tsx", "tests/jobs/kill-sender.ts"], {
      env: { ...process.env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("hanging") && resolve());
      child.on("exit", (code) => reject(new Error(`sender exited early (${code})`)));
    });
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(await outboxCount("first@example.com")).toBe(1);
    expect(await outboxCount("second@example.com")).toBe(1);
    expect(await outboxCount("hang@example.com")).toBe(0);
    // The killed sender's claim holds the remaining jobs until its lease ends; then they are sent once.
    expect(await drainJobs(db, outboxHandlers(), { now: Date.now() })).toMatchObject({ claimed: 0 });
    expect(await drainJobs(db, outboxHandlers(), { now: Date.now() + LEASE_MS + 1 })).toMatchObject({ done: 2 });
    for (const name of ["first", "second", "hang", "last"]) expect(await outboxCount(`${name}@example.com`)).toBe(1);
  });
});
