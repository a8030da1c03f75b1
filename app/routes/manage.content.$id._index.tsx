import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";
import { contentLinks, ContentPreview, StatusBadge, TransitionHistory, WaitingBadge } from "~/components/content-preview";
import { FormError, TextArea, useValidatedForm } from "~/components/forms";
import { presentItem } from "~/models/content/present.server";
import { notifyContentStep } from "~/models/content/notify.server";
import { getContentItem } from "~/models/content/item-queries.server";
import { materialiseLifecycle, transitionContent } from "~/models/content/items.server";
import { availableActions, EDITABLE_STATUSES } from "~/models/content/workflow";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid, notFound, requestOrigin } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { errorsOf } from "~/utils/action-result";

export const links = contentLinks;

const EDITOR_ACTIONS = ["submit", "withdraw", "archive", "restore"] as const;

const EditorActionSchema = z.object({
  // Comes from the button pressed, which the browser-side check does not see: required by the action.
  intent: z.enum(EDITOR_ACTIONS, { error: "validation.invalid" }).optional(),
  comment: z.preprocess((v) => v ?? "", z.string().trim().max(2000, "validation.tooLong")),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "editor");
  const now = Date.now();
  await materialiseLifecycle(db, now);
  const item = await getContentItem(db, params.id ?? "");
  if (!item) notFound();
  const [timeZone, locale] = await Promise.all([getOrganisationTimeZone(db), resolveLocale(request, user.locale)]);
  const presented = presentItem(item, locale, timeZone, now);
  return json({
    item: presented,
    actions: availableActions(item, user, now).filter((a): a is (typeof EDITOR_ACTIONS)[number] =>
      (EDITOR_ACTIONS as readonly string[]).includes(a),
    ),
    editable: EDITABLE_STATUSES.includes(presented.status),
    urgent: { asked: item.notify_now === 1, outcome: item.urgent_outcome },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "editor");
  const id = params.id ?? "";
  const parsed = parseFormData(EditorActionSchema, await request.formData());
  if (!parsed.success) return invalid(parsed.errors);
  const intent = parsed.data.intent;
  if (!intent) return invalid({ "": "content.errors.noDecision" });
  const result = await transitionContent(db, user, id, intent, { comment: parsed.data.comment });
  if (!result.ok) {
    if (result.error === "content.errors.notFound") notFound();
    return invalid({ "": result.error });
  }
  await notifyContentStep(db, {
    itemId: id,
    action: intent,
    actorId: user.id,
    comment: parsed.data.comment,
    origin: requestOrigin(request),
  });
  return redirectWithToast(`/manage/content/${id}`, { message: `content.toasts.${intent}` });
}

export default function ContentItemPage() {
  const { t } = useTranslation();
  const { item, actions, editable, urgent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useValidatedForm(EditorActionSchema, { serverErrors });
  return (
    <>
      <p>
        <Link to="/manage/content">{t("content.backToDashboard")}</Link>
      </p>
      <h1>{item.title}</h1>
      <p>
        <StatusBadge status={item.status} /> {item.waitingMs !== null ? <WaitingBadge ms={item.waitingMs} /> : null}
      </p>
      <FormError error={serverErrors?.[""]} />
      <div className="actions">
        {editable ? (
          <Link className="button secondary" to={`/manage/content/${item.id}/edit`}>
            {t("content.item.edit")}
          </Link>
        ) : null}
      </div>
      {item.status === "approved" || item.status === "published" ? <p className="hint">{t("content.item.editReopens")}</p> : null}
      {actions.length ? (
        <Form method="post" onSubmit={onSubmit} noValidate className="card" aria-labelledby="workflow-title">
          <h2 id="workflow-title">{t("content.item.workflow")}</h2>
          <TextArea
            label={t("content.item.comment")}
            hint={t("content.item.commentHint")}
            rows={2}
            registration={register("comment")}
            error={errorFor("comment")}
          />
          <div className="actions">
            {actions.map((a) => (
              <button
                key={a}
                type="submit"
                name="intent"
                value={a}
                className={a === "archive" ? "danger" : a === "submit" ? undefined : "secondary"}
                disabled={navigation.state !== "idle"}
              >
                {t(`content.actions.${a}`)}
              </button>
            ))}
          </div>
        </Form>
      ) : null}
      {urgent.asked ? (
        <p className="hint">{urgent.outcome ? t(`delivery.content.outcome.${urgent.outcome}`) : t("delivery.content.notifyNow")}</p>
      ) : null}
      <ContentPreview item={item} />
      <TransitionHistory history={item.history} />
    </>
  );
}
