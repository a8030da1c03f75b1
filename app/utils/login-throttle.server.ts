import { RateLimiterMemory } from "rate-limiter-flexible";

const WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

const perAccount = new RateLimiterMemory({ keyPrefix: "login_account", points: MAX_FAILURES_PER_ACCOUNT, duration: WINDOW_SECONDS });
const perIp = new RateLimiterMemory({ keyPrefix: "login_ip", points: MAX_FAILURES_PER_IP, duration: WINDOW_SECONDS });

const accountKey = (email: string) => email.trim().toLowerCase();

async function waitFor(limiter: RateLimiterMemory, key: string, max: number): Promise<number> {
  const state = await limiter.get(key);
  return state && state.consumedPoints >= max ? Math.ceil(state.msBeforeNext / 1000) : 0;
}

/** Seconds until another attempt is allowed, or 0 when this account and address may try now. */
export async function loginRetryAfter(email: string, ip: string): Promise<number> {
  const waits = await Promise.all([
    waitFor(perAccount, accountKey(email), MAX_FAILURES_PER_ACCOUNT),
    waitFor(perIp, ip, MAX_FAILURES_PER_IP),
  ]);
  return Math.max(...waits);
}

export async function recordFailedLogin(email: string, ip: string): Promise<void> {
  await Promise.all([perAccount.penalty(accountKey(email), 1), perIp.penalty(ip, 1)]);
}

export async function clearFailedLogins(email: string): Promise<void> {
  await perAccount.delete(accountKey(email));
}
