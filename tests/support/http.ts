import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { Role } from "#db/schema";
import { lucia } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { insertUser } from "~/models/people/users.server";
import { createDepartment } from "~/models/people/departments.server";
import { hashPassword } from "~/utils/password.server";

export const ORIGIN = "http://altavoz.test";
export const TEST_PASSWORD = "correct horse battery";

let counter = 0;
let cachedHash: string | undefined;

export interface TestUser {
  id: string;
  email: string;
  cookie: string;
}

/** An active person with a session; the cookie header signs requests in as them. */
export async function createTestUser(
  options: { roles?: Role[]; departmentId?: string | null; email?: string; name?: string } = {},
): Promise<TestUser> {
  counter += 1;
  const email = options.email ?? `person${counter}_${Math.random().toString(36).slice(2, 8)}@example.com`;
  const id = await insertUser(db, {
    email,
    name: options.name ?? `Person ${counter}`,
    departmentId: options.departmentId ?? null,
    roles: options.roles ?? ["employee"],
    status: "active",
  });
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  await db.updateTable("users").set({ password_hash: cachedHash }).where("id", "=", id).execute();
  return { id, email, cookie: await sessionCookie(id) };
}

export async function sessionCookie(userId: string): Promise<string> {
  const session = await lucia.createSession(userId, {});
  return lucia.createSessionCookie(session.id).serialize().split(";")[0];
}

export async function createTestDepartment(name = `Department ${++counter}`): Promise<string> {
  const result = await createDepartment(db, name);
  if (!result.ok) throw new Error(`department ${name} exists`);
  return result.id;
}

type Body = Record<string, string | string[] | File> | FormData | URLSearchParams;

export function getRequest(path: string, { cookie, headers }: { cookie?: string; headers?: HeadersInit } = {}) {
  const h = new Headers(headers);
  if (cookie) h.set("Cookie", cookie);
  return new Request(`${ORIGIN}${path}`, { headers: h });
}

export function postRequest(
  path: string,
  body: Body = {},
  { cookie, origin = ORIGIN, headers }: { cookie?: string; origin?: string | null; headers?: HeadersInit } = {},
) {
  const h = new Headers(headers);
  if (cookie) h.set("Cookie", cookie);
  if (origin) h.set("Origin", origin);
  let form: FormData | URLSearchParams;
  if (body instanceof FormData || body instanceof URLSearchParams) form = body;
  else {
    form = new FormData();
    for (const [key, value] of Object.entries(body)) {
      for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
    }
  }
  return new Request(`${ORIGIN}${path}`, { method: "POST", headers: h, body: form });
}

type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown;

/** Calls a loader or action the way Remix does; a thrown Response is returned like a returned one. */
export async function call(
  handler: unknown,
  request: Request,
  params: Record<string, string> = {},
  context: Record<string, unknown> = { clientIp: "203.0.113.7" },
): Promise<Response> {
  try {
    const result = await (handler as Handler)({ request, params, context });
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result ?? null), { status: 200, headers: { "Content-Type": "application/json" } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export async function jsonOf<T = any>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export function setCookies(response: Response): string[] {
  return response.headers.getSetCookie();
}
