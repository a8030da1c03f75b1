import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { unsubscribe, verifyUnsubscribeToken } from "~/models/digests/unsubscribe.server";
import { db } from "~/utils/db.server";
import { isSameOrigin } from "~/utils/origin.server";

const tokenOf = (request: Request) => new URL(request.url).searchParams.get("token");

/** GET only shows the button: link scanners that open mailed links must not unsubscribe anybody. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = tokenOf(request);
  const verified = verifyUnsubscribeToken(token);
  return json({ valid: verified !== null, list: verified?.list ?? "digest", token: token ?? "" });
}

/**
 * RFC 8058 one-click: mail providers POST `List-Unsubscribe=One-Click` to this URL with no cookie and no
 * Origin, so the signed token is what authorises it (it can only stop its own person's digest, or
 * their urgent alert mail).
 * Without an Origin only that exact one-click body is accepted; a browser POST must come from our own
 * pages (the confirmation button); anything else is refused like every other cross-site post.
 */
export async function action({ request }: ActionFunctionArgs) {
  const origin = request.headers.get("Origin");
  const body = await request.formData().catch(() => new FormData());
  const oneClick = !origin && !request.headers.get("Referer") && body.get("List-Unsubscribe") === "One-Click";
  if (!oneClick && !isSameOrigin(request)) return json({ ok: false as const, error: "errors.crossOrigin" }, { status: 403 });
  const verified = verifyUnsubscribeToken(tokenOf(request));
  if (!verified || !(await unsubscribe(db, verified)))
    return json({ ok: false as const, error: "notifications.unsubscribe.invalid" }, { status: 400 });
  return json({ ok: true as const, list: verified.list });
}

export default function UnsubscribePage() {
  const { t } = useTranslation();
  const { valid, list, token } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const texts = list === "alert" ? "delivery.alertUnsubscribe" : "notifications.unsubscribe";
  return (
    <section className="card" aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{t(`${texts}.title`)}</h1>
      {result?.ok ? (
        <p role="status" data-testid="unsubscribed">
          {t(`${texts}.done`)}
        </p>
      ) : result ? (
        <p role="alert">{t(result.error)}</p>
      ) : valid ? (
        <Form method="post" action={`/unsubscribe?${new URLSearchParams({ token })}`}>
          <input type="hidden" name="confirm" value="1" />
          <p>{t(`${texts}.confirm`)}</p>
          <button type="submit">{t("notifications.unsubscribe.button")}</button>
        </Form>
      ) : (
        <p role="alert">{t("notifications.unsubscribe.invalid")}</p>
      )}
    </section>
  );
}
