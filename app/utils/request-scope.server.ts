import { AsyncLocalStorage } from "node:async_hooks";

const scope = new AsyncLocalStorage<Map<string, unknown>>();

/**
 * Runs one HTTP request's handling with a memo of its own: the root loader and the route's loader
 * run in parallel for the same request and would otherwise each read the session. Entered by the
 * server for GET and HEAD requests only, so an action's writes are never hidden by a memo.
 */
export function inRequestScope<T>(work: () => T): T {
  return scope.run(new Map(), work);
}

/** The value computed once per request under `key`; outside a request scope (tests, scripts) every call computes. */
export function oncePerRequest<T>(key: string, compute: () => T): T {
  const memo = scope.getStore();
  if (!memo) return compute();
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  memo.set(key, value);
  return value;
}

/** Drops a memo, for a write made inside a request scope (a GET that stores a setting). */
export function forgetInRequest(key: string): void {
  scope.getStore()?.delete(key);
}

/** Like oncePerRequest, but undefined outside a request scope (for memos that only pay off when shared). */
export function inRequest<T>(key: string, create: () => T): T | undefined {
  return scope.getStore() ? oncePerRequest(key, create) : undefined;
}
