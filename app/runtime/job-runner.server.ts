import type { DB } from "~/utils/db.server";
import { startPeriodic } from "./periodic.server";
import { claimJobs, completeJob, defaultBackoff, failJob, type ClaimedJob } from "~/models/jobs/queue.server";

export interface JobContext {
  db: DB;
  job: ClaimedJob;
  now: number;
}

export interface JobOutcome {
  /** Stored as the job's result (JSON). */
  result?: unknown;
  /** Written in the transaction that marks the job done: both commit, or neither (e.g. the outbox row). */
  record?: (trx: DB) => Promise<void>;
}

export interface JobHandler {
  /** The side effect (SMTP, HTTP), outside any transaction. Throw to retry with backoff. */
  perform(payload: unknown, context: JobContext): Promise<JobOutcome | void>;
  backoff?: (attempt: number) => number;
  /** Runs (in a transaction) when the last attempt failed. */
  onFailed?: (trx: DB, payload: unknown, error: string, context: JobContext) => Promise<void>;
}

export type JobHandlers = Readonly<Record<string, JobHandler>>;

export interface RunSummary {
  claimed: number;
  done: number;
  retried: number;
  failed: number;
  /** Claims lost to another sender after the lease ran out (nothing recorded for them). */
  lost: number;
}

class ClaimLost extends Error {}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function runOne(db: DB, handler: JobHandler, job: ClaimedJob, now: number, summary: RunSummary) {
  const context: JobContext = { db, job, now };
  let outcome: JobOutcome | void;
  try {
    outcome = await handler.perform(JSON.parse(job.payload), context);
  } catch (error) {
    const text = message(error);
    const status = await db.transaction().execute(async (trx) => {
      const result = await failJob(trx, job, text, { now, backoff: handler.backoff ?? defaultBackoff });
      if (result === "failed") await handler.onFailed?.(trx, JSON.parse(job.payload), text, { ...context, db: trx });
      return result;
    });
    summary[status === "retry" ? "retried" : status] += 1;
    return;
  }
  try {
    await db.transaction().execute(async (trx) => {
      if (!(await completeJob(trx, job, outcome?.result, now))) throw new ClaimLost();
      await outcome?.record?.(trx);
    });
    summary.done += 1;
  } catch (error) {
    if (!(error instanceof ClaimLost)) throw error;
    summary.lost += 1;
  }
}

/** Claims the due jobs of the kinds in `handlers` (one batch) and runs them one after another. */
export async function runDueJobs(
  db: DB,
  handlers: JobHandlers,
  { now = Date.now(), limit = 20 }: { now?: number; limit?: number } = {},
): Promise<RunSummary> {
  const jobs = await claimJobs(db, { limit, now, kinds: Object.keys(handlers) });
  const summary: RunSummary = { claimed: jobs.length, done: 0, retried: 0, failed: 0, lost: 0 };
  for (const job of jobs) {
    const handler = handlers[job.kind];
    if (handler) await runOne(db, handler, job, now, summary);
  }
  return summary;
}

/** Runs batches until nothing is due (or `maxBatches`), e.g. after a scheduler queued a digest. */
export async function drainJobs(
  db: DB,
  handlers: JobHandlers,
  options: { now?: number; limit?: number; maxBatches?: number } = {},
): Promise<RunSummary> {
  const total: RunSummary = { claimed: 0, done: 0, retried: 0, failed: 0, lost: 0 };
  for (let batch = 0; batch < (options.maxBatches ?? Infinity); batch++) {
    const summary = await runDueJobs(db, handlers, options);
    for (const key of Object.keys(total) as (keyof RunSummary)[]) total[key] += summary[key];
    // Not "fewer than a batch": a job may queue more (a publication its alerts), run them too.
    if (summary.claimed === 0) break;
  }
  return total;
}

/** A polling sender: every `everyMs` it drains the due jobs; one run at a time. */
export const startJobRunner = (db: () => DB, handlers: JobHandlers, { everyMs = 5_000 }: { everyMs?: number } = {}) =>
  startPeriodic(() => drainJobs(db(), handlers, { maxBatches: 50 }), {
    everyMs,
    failure: "jobs: a run failed; its jobs are retried after their lease",
  });
