import type { i18n, TFunction } from "i18next";

const MAX_ENTRIES = 5_000;

type Options = Record<string, unknown>;

/** A cache key for a call whose options are all plain values; null when one is not (objects, functions). */
function callKey(key: string, options: Options | undefined): string | null {
  if (options === undefined) return key;
  for (const name in options) {
    const value = options[name];
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return null;
  }
  return `${key}\u0000${JSON.stringify(options)}`;
}

/**
 * The same strings, computed once per language: every server render asks for the same few hundred
 * strings, and each i18next call copies its whole option set first (a tenth of /feed's server time went
 * there). An instance's language and strings never change (page-i18n makes a new one), so a string
 * depends only on the key and plain-valued options; anything else goes to i18next as before.
 */
function memoizedT(base: TFunction): TFunction {
  const strings = new Map<string, string>();
  const call = base as unknown as (key: unknown, options?: unknown) => unknown;
  const t = (key: unknown, options?: unknown) => {
    const id =
      typeof key === "string" && (options === undefined || (typeof options === "object" && options !== null && !Array.isArray(options)))
        ? callKey(key, options as Options | undefined)
        : null;
    if (id === null) return call(key, options);
    const known = strings.get(id);
    if (known !== undefined) return known;
    const value = call(key, options);
    if (typeof value === "string") {
      if (strings.size >= MAX_ENTRIES) strings.clear();
      strings.set(id, value);
    }
    return value;
  };
  return t as unknown as TFunction;
}

/** The instance, its `getFixedT()` for the default language, namespace and no prefix handing out one memoized function. */
export function withMemoizedT(instance: i18n): i18n {
  const getFixedT = instance.getFixedT.bind(instance) as (...args: unknown[]) => TFunction;
  const byNamespace = new Map<string, TFunction>();
  instance.getFixedT = ((...args: unknown[]) => {
    const [lng, ns, keyPrefix] = args;
    if (args.length > 3 || lng != null || keyPrefix !== undefined || typeof ns !== "string") return getFixedT(...args);
    let t = byNamespace.get(ns);
    if (!t) {
      t = memoizedT(getFixedT(lng, ns));
      byNamespace.set(ns, t);
    }
    return t;
  }) as i18n["getFixedT"];
  return instance;
}
