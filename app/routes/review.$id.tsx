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
import { transitionContent } from "~/models/content/items.server";
import { isOwnItem, refusalFor } from "~/models/content/workflow";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid, notFound, requestOrigin } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { errorsOf } from "~/utils/action-result";
import { EditDiffSection, TextLocksSection } from "~/components/review-guardrails";
import { editsSinceApproval } from "~/models/content/approved-versions.server";
import { lockedNetworks, setTextLock } from "~/models/content/text-locks.server";
import { formatDateTime } from "~/models/core/dates";
import { isShareNetwork } from "~/models/core/networks";

/** Run the cross-field checks even when a field already failed, so every problem is reported at once. */
const ALWAYS = { when: () => true };

export const links = contentLinks;

const ReviewSchema = z
  .object({
    // Comes from the button pressed, which the browser-side check does not see: required by the action.
    intent: z.enum(["approve", "request_changes"], { error: "validation.invalid" }).optional(),
    comment: z.preprocess((v) => v ?? "", z.string().trim().max(2000, "validation.tooLong")),
  })
  .superRefine((value, ctx) => {
    if (value.intent === "request_changes" && typeof value.comment === "string" && !value.comment) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "content.errors.commentRequired" });
    }
  }, ALWAYS);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "reviewer");
  const item = await getContentItem(db, params.id ?? "");
  if (!item) notFound();
  const now = Date.now();
  const [timeZone, locale] = await Promise.all([getOrganisationTimeZone(db), resolveLocale(request, user.locale)]);
  const presented = presentItem(item, locale, timeZone, now);
  const [locked, edits] = await Promise.all([lockedNetworks(db, item.id), editsSinceApproval(db, item)]);
  return json({
    locked,
    edits: edits && presented.status === "in_review" ? { ...edits, approvedAt: formatDateTime(edits.approvedAt, locale, timeZone) } : null,
    item: presented,
    canApprove: refusalFor("approve", { ...item, status: presented.status }, user, now) === null,
    canRequestChanges: refusalFor("request_changes", { ...item, status: presented.status }, user, now) === null,
    own: isOwnItem(item, user.id),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "reviewer");
  const id = params.id ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "lock" || intent === "unlock") {
    const network = formData.get("network");
    if (typeof network !== "string" || !isShareNetwork(network)) return invalid({ "": "sharing.errors.badNetwork" });
    if (!(await setTextLock(db, { actorId: user.id, itemId: id, network, locked: intent === "lock" }))) notFound();
    return redirectWithToast(`/review/${id}`, {
      message: intent === "lock" ? "guardrails.review.lockedToast" : "guardrails.review.unlockedToast",
    });
  }
  const parsed = parseFormData(ReviewSchema, formData);
  if (!parsed.success) return invalid(parsed.errors);
  if (!parsed.data.intent) return invalid({ "": "content.errors.noDecision" });
  const result = await transitionContent(db, user, id, parsed.data.intent, { comment: parsed.data.comment });
  if (!result.ok) {
    if (result.error === "content.errors.notFound") notFound();
    return invalid({ "": result.error });
  }
  await notifyContentStep(db, {
    itemId: id,
    action: parsed.data.intent,
    actorId: user.id,
    comment: parsed.data.comment,
    origin: requestOrigin(request),
  });
  return redirectWithToast("/review", {
    message: parsed.data.intent === "approve" ? "content.toasts.approved" : "content.toasts.changesRequested",
  });
}

export default function ReviewItemPage() {
  const { t } = useTranslation();
  const { item, canApprove, canRequestChanges, own, locked, edits } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useValidatedForm(ReviewSchema, { serverErrors });
  return (
    <>
      <p>
        <Link to="/review">{t("content.review.back")}</Link>
      </p>
      <h1>{t("content.review.itemTitle", { title: item.title })}</h1>
      <p>
        <StatusBadge status={item.status} /> {item.waitingMs !== null ? <WaitingBadge ms={item.waitingMs} large /> : null}
      </p>
      <p className="hint">
        {t("content.review.submittedBy", { name: item.updatedBy ?? item.createdBy ?? "—", at: item.submittedAt || "—" })}
      </p>
      <FormError error={serverErrors?.[""]} />
      {own && item.status === "in_review" ? (
        <p className="form-error" role="note">
          {t("content.errors.selfApproval")}
        </p>
      ) : null}
      {canApprove || canRequestChanges ? (
        <Form method="post" onSubmit={onSubmit} noValidate className="card" aria-labelledby="decision-title">
          <h2 id="decision-title">{t("content.review.decision")}</h2>
          <TextArea
            label={t("content.review.comment")}
            hint={t("content.review.commentHint")}
            rows={3}
            registration={register("comment")}
            error={errorFor("comment")}
          />
          <div className="actions">
            {canApprove ? (
              <button type="submit" name="intent" value="approve" disabled={navigation.state !== "idle"}>
                {t("content.actions.approve")}
              </button>
            ) : null}
            {canRequestChanges ? (
              <button type="submit" name="intent" value="request_changes" className="secondary" disabled={navigation.state !== "idle"}>
                {t("content.actions.request_changes")}
              </button>
            ) : null}
          </div>
        </Form>
      ) : null}
      {edits ? <EditDiffSection diff={edits} /> : null}
      <ContentPreview item={item} />
      <TextLocksSection locked={locked} />
      <TransitionHistory history={item.history} />
    </>
  );
}
