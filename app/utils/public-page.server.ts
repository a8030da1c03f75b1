import type { Locale } from "#db/schema";
import { readEnv } from "./env.server";
import { getFixedT } from "./i18n";
import { escapeHtml } from "./mail.server";

export interface PublicPage {
  locale: Locale;
  status: number;
  /** Translation keys. */
  title: string;
  body: string;
  /** A link to follow (its label a translation key): the brand's website when none is given and BRAND_URL is set. */
  link?: { href: string; label: string } | null;
  headers?: HeadersInit;
}

/**
 * A small standalone HTML page for the public (people following a shared link, a monitor's visitor):
 * no app shell, no script, translated into the browser's language, readable on a phone.
 */
export function publicPageResponse(page: PublicPage): Response {
  const t = getFixedT(page.locale);
  const brandUrl = readEnv().BRAND_URL;
  const link = page.link === undefined ? (brandUrl ? { href: brandUrl, label: "public.toBrand" } : null) : page.link;
  const html = `<!DOCTYPE html>
<html lang="${page.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(t(page.title))}</title>
<style>
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f4f6f8}
main{max-width:32rem;margin:3rem auto;padding:1.5rem;background:#fff;border:1px solid #d5dbe1;border-radius:8px}
h1{font-size:1.5rem;margin:0 0 .75rem}
a.button{display:inline-block;margin-top:.5rem;padding:.6rem 1rem;border-radius:8px;background:#0b5cad;color:#fff;text-decoration:none}
a.button:focus-visible{outline:3px solid #08457f;outline-offset:2px}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(t(page.title))}</h1>
<p>${escapeHtml(t(page.body))}</p>
${link ? `<p><a class="button" href="${escapeHtml(link.href)}">${escapeHtml(t(link.label))}</a></p>` : ""}
</main>
</body>
</html>`;
  const headers = new Headers(page.headers);
  headers.set("Content-Type", "text/html; charset=utf-8");
  return new Response(html, { status: page.status, headers });
}

/** Whether a browser (rather than a monitor or a script) asked, judging by what it accepts. */
export const wantsHtml = (request: Request) => /\btext\/html\b/.test(request.headers.get("Accept") ?? "");
