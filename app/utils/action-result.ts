// Actions answer `{ ok: true, … }` or `{ ok: false, errors, … }`; these read the refusal back in the page.

/** The action's refusal, when it refused. */
export function refusalOf<T extends { ok: boolean }>(data: T | undefined): Extract<T, { ok: false }> | undefined {
  return data && !data.ok ? (data as Extract<T, { ok: false }>) : undefined;
}

/** The field errors of the action's refusal, when it refused. */
export function errorsOf<E>(data: { ok: true } | { ok: false; errors: E } | undefined): E | undefined {
  return data && !data.ok ? data.errors : undefined;
}
