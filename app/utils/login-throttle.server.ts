import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getDb, rawHandle, type DB } from "./db.server";

const WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

interface Limiters {
  perAccount: RateLimiterAbstract;
  perIp: RateLimiterAbstract;
}

/**
 * On PostgreSQL the counts live in the shared `rate_limits` table (rate-limiter-flexible's store,
 * one atomic upsert per failure), so every instance sees every failure; SQLite means one process,
 * so memory is enough there.
 */
const limiters = new WeakMap<DB, Limiters>();

function limitersFor(database: DB): Limiters {
  let found = limiters.get(database);
  if (!found) {
    const handle = rawHandle(database);
    const make = (keyPrefix: string, points: number) =>
      handle.dialect === "postgres"
        ? new RateLimiterPostgres({
            storeClient: handle.pool,
            storeType: "pool",
            tableName: "rate_limits",
            tableCreated: true,
            keyPrefix,
            points,
            duration: WINDOW_SECONDS,
          })
        : new RateLimiterMemory({ keyPrefix, points, duration: WINDOW_SECONDS });
    found = { perAccount: make("login_account", MAX_FAILURES_PER_ACCOUNT), perIp: make("login_ip", MAX_FAILURES_PER_IP) };
    limiters.set(database, found);
  }
  return found;
}

const accountKey = (email: string) => email.trim().toLowerCase();

async function waitFor(limiter: RateLimiterAbstract, key: string, max: number): Promise<number> {
  const state = await limiter.get(key);
  return state && state.consumedPoints >= max ? Math.ceil(state.msBeforeNext / 1000) : 0;
}

/** Seconds until another attempt is allowed, or 0 when this account and address may try now. */
export async function loginRetryAfter(email: string, ip: string): Promise<number> {
  const { perAccount, perIp } = limitersFor(getDb());
  const waits = await Promise.all([
    waitFor(perAccount, accountKey(email), MAX_FAILURES_PER_ACCOUNT),
    waitFor(perIp, ip, MAX_FAILURES_PER_IP),
  ]);
  return Math.max(...waits);
}

export async function recordFailedLogin(email: string, ip: string): Promise<void> {
  const { perAccount, perIp } = limitersFor(getDb());
  await Promise.all([perAccount.penalty(accountKey(email), 1), perIp.penalty(ip, 1)]);
}

export async function clearFailedLogins(email: string): Promise<void> {
  await limitersFor(getDb()).perAccount.delete(accountKey(email));
}
