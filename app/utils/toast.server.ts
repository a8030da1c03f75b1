import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { z } from "zod";
import { secureCookies, sessionSecret } from "./env.server";

const ToastSchema = z.object({
  kind: z.enum(["success", "error", "info"]).default("success"),
  /** Translation key and its values; the page translates it in the reader's language. */
  message: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type Toast = z.infer<typeof ToastSchema>;

const storage = createCookieSessionStorage({
  cookie: {
    name: "altavoz_toast",
    httpOnly: true,
    path: "/",
    sameSite: "lax",
    secure: secureCookies(),
    secrets: [sessionSecret()],
  },
});

export async function toastHeader(toast: z.input<typeof ToastSchema>): Promise<string> {
  const session = await storage.getSession();
  session.flash("toast", ToastSchema.parse(toast));
  return storage.commitSession(session);
}

export async function redirectWithToast(url: string, toast: z.input<typeof ToastSchema>, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await toastHeader(toast));
  return redirect(url, { ...init, headers });
}

/** Reads the one-time toast and the Set-Cookie that clears it. */
export async function readToast(request: Request): Promise<{ toast: Toast | null; setCookie: string | null }> {
  const session = await storage.getSession(request.headers.get("Cookie"));
  // Check before reading: reading a flash value removes it from the session.
  if (!session.has("toast")) return { toast: null, setCookie: null };
  const parsed = ToastSchema.safeParse(session.get("toast"));
  return { toast: parsed.success ? parsed.data : null, setCookie: await storage.commitSession(session) };
}
