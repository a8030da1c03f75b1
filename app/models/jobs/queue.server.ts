import { PostgresAdapter } from "kysely";
import type { Job } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { newId, newToken } from "~/utils/crypto.server";

export interface EnqueueInput {
  kind: string;
  payload: unknown;
  /** Default: now. */
  runAt?: number;
  /** A second job with the same key is not added (e.g. "digest:<user>:<period>"). */
  dedupeKey?: string | null;
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 6;
/** How long a claim holds a job; a sender killed mid-job loses it to another claim after this. */
export const LEASE_MS = 5 * 60_000;

function jobRow(input: EnqueueInput, now: number) {
  return {
    id: newId(),
    kind: input.kind,
    payload: JSON.stringify(input.payload ?? null),
    dedupe_key: input.dedupeKey ?? null,
    status: "pending" as const,
    attempts: 0,
    max_attempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    run_at: input.runAt ?? now,
    created_at: now,
  };
}

/**
 * Records jobs. Pass the transaction of what caused them, so they exist exactly when it commits.
 * Rows whose dedupe key already exists are skipped; returns how many were added.
 */
export async function enqueueJobs(db: DB, inputs: readonly EnqueueInput[], now = Date.now()): Promise<number> {
  let added = 0;
  for (let start = 0; start < inputs.length; start += 500) {
    const rows = inputs.slice(start, start + 500).map((input) => jobRow(input, now));
    const result = await db
      .insertInto("jobs")
      .values(rows)
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

export const enqueueJob = (db: DB, input: EnqueueInput, now = Date.now()) => enqueueJobs(db, [input], now);

export type ClaimedJob = Job & { claim_token: string };

/**
 * Claims up to `limit` due jobs (pending and due, or running with an expired lease) in one statement.
 * PostgreSQL: the candidate rows are locked `FOR UPDATE SKIP LOCKED`, so concurrent senders take
 * different jobs without waiting. SQLite runs the single UPDATE as one write transaction, so two
 * claims never overlap. Each claim gets its own token, which fences its completion.
 */
export async function claimJobs(
  db: DB,
  { limit = 10, now = Date.now(), kinds }: { limit?: number; now?: number; kinds?: readonly string[] } = {},
): Promise<ClaimedJob[]> {
  const token = newToken();
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  let candidates = db
    .selectFrom("jobs")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "pending"), eb("run_at", "<=", now)]),
        eb.and([eb("status", "=", "running"), eb("locked_until", "<", now)]),
      ]),
    )
    .orderBy("run_at")
    .limit(limit);
  if (kinds) candidates = candidates.where("kind", "in", kinds.length ? [...kinds] : ["-"]);
  if (postgres) candidates = candidates.forUpdate().skipLocked();
  const rows = await db
    .updateTable("jobs")
    .set((eb) => ({ status: "running", claim_token: token, locked_until: now + LEASE_MS, attempts: eb("attempts", "+", 1) }))
    .where("id", "in", candidates)
    .returningAll()
    .execute();
  // RETURNING gives no order on PostgreSQL: run them oldest first.
  return rows.map((row) => ({ ...row, claim_token: token })).sort((a, b) => a.run_at - b.run_at || a.created_at - b.created_at);
}

/**
 * Marks a claimed job done, fenced by its claim: returns false (and changes nothing) when the claim
 * was lost, so a caller inside a transaction must roll back what it recorded with it.
 */
export async function completeJob(db: DB, job: ClaimedJob, result: unknown, now = Date.now()): Promise<boolean> {
  const updated = await db
    .updateTable("jobs")
    .set({ status: "done", result: JSON.stringify(result ?? null), finished_at: now, locked_until: null, last_error: null })
    .where("id", "=", job.id)
    .where("claim_token", "=", job.claim_token)
    .where("status", "=", "running")
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Exponential backoff: 30 s, 1 min, 2 min… capped at 1 hour. */
export const defaultBackoff = (attempt: number) => Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempt - 1));

/** Records a failed attempt: due again after the backoff, or failed for good after its last attempt. */
export async function failJob(
  db: DB,
  job: ClaimedJob,
  error: string,
  { now = Date.now(), backoff = defaultBackoff }: { now?: number; backoff?: (attempt: number) => number } = {},
): Promise<"retry" | "failed" | "lost"> {
  const final = job.attempts >= job.max_attempts;
  const updated = await db
    .updateTable("jobs")
    .set({
      status: final ? "failed" : "pending",
      run_at: final ? job.run_at : now + backoff(job.attempts),
      last_error: error.slice(0, 2000),
      claim_token: null,
      locked_until: null,
      finished_at: final ? now : null,
    })
    .where("id", "=", job.id)
    .where("claim_token", "=", job.claim_token)
    .where("status", "=", "running")
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return "lost";
  return final ? "failed" : "retry";
}

/** Puts a failed job back in the queue (an admin's "retry now"). */
export async function retryJob(db: DB, id: string, now = Date.now()): Promise<boolean> {
  const updated = await db
    .updateTable("jobs")
    .set((eb) => ({ status: "pending", run_at: now, finished_at: null, max_attempts: eb("attempts", "+", 1) }))
    .where("id", "=", id)
    .where("status", "=", "failed")
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
