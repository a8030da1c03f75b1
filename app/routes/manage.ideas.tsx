import { TableWrap } from "~/components/ui/table-wrap";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IdeaBody } from "~/components/idea-board";
import { contentLinks } from "~/components/content-preview";
import { FormError, TextArea, useValidatedForm } from "~/components/forms";
import { formatDateTime } from "~/models/core/dates";
import { AcceptSchema, DeclineSchema } from "~/models/content/idea-schema";
import { acceptIdea, declineIdea, listDecidedIdeas, listPendingIdeas } from "~/models/content/ideas.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData, type FieldErrors } from "~/utils/forms";
import { invalid } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { refusalOf } from "~/utils/action-result";

export { AcceptSchema, DeclineSchema };
export const links = contentLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "editor");
  const [pending, decided, timeZone, locale] = await Promise.all([
    listPendingIdeas(db),
    listDecidedIdeas(db),
    getOrganisationTimeZone(db),
    resolveLocale(request, user.locale),
  ]);
  const present = (idea: Omit<(typeof pending)[number], "for_cohort_name" | "for_department_name">) => ({
    id: idea.id,
    kind: idea.kind,
    url: idea.url,
    text: idea.text,
    reason: idea.reason,
    proposer: idea.proposer_name,
    department: idea.department_name,
    own: idea.proposer_id === user.id,
    createdAt: formatDateTime(idea.created_at, locale, timeZone),
  });
  return json({
    pending: pending.map((idea) => ({ ...present(idea), forGroup: idea.for_cohort_name ?? idea.for_department_name })),
    decided: decided.map((idea) => ({
      ...present(idea),
      status: idea.status,
      declineReason: idea.decline_reason,
      decidedBy: idea.decided_by_name,
      decidedAt: formatDateTime(idea.decided_at, locale, timeZone),
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "editor");
  const formData = await request.formData();
  if (formData.get("intent") === "accept") {
    const parsed = parseFormData(AcceptSchema, formData);
    if (!parsed.success) return invalid(parsed.errors);
    const result = await acceptIdea(db, user, parsed.data.ideaId);
    if (!result.ok) return invalid({ "": result.error }, { ideaId: parsed.data.ideaId });
    return redirectWithToast(`/manage/content/${result.itemId}/edit`, { message: "content.toasts.ideaAccepted" });
  }
  const parsed = parseFormData(DeclineSchema, formData);
  const ideaId = String(formData.get("ideaId") ?? "");
  if (!parsed.success) return invalid(parsed.errors, { ideaId });
  const result = await declineIdea(db, user, parsed.data.ideaId, parsed.data.reason);
  if (!result.ok) return invalid({ "": result.error }, { ideaId });
  return redirectWithToast("/manage/ideas", { message: "content.toasts.ideaDeclined" });
}

function DecideIdea({ ideaId, own, errors }: { ideaId: string; own: boolean; errors?: FieldErrors }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { onSubmit, register, errorFor } = useValidatedForm(DeclineSchema, {
    serverErrors: errors,
    defaultValues: { intent: "decline", ideaId },
  });
  if (own) return <p className="hint">{t("content.ideas.errors.ownIdea")}</p>;
  return (
    <>
      <FormError error={errors?.[""]} />
      <Form method="post" className="actions">
        <input type="hidden" name="intent" value="accept" />
        <input type="hidden" name="ideaId" value={ideaId} />
        <button type="submit" disabled={navigation.state !== "idle"}>
          {t("content.ideas.accept")}
        </button>
      </Form>
      <Form method="post" onSubmit={onSubmit} noValidate>
        {/* Plain hidden fields: posted with or without JavaScript; the browser-side check reads them from defaultValues. */}
        <input type="hidden" name="intent" value="decline" />
        <input type="hidden" name="ideaId" value={ideaId} />
        <TextArea label={t("content.ideas.declineReason")} rows={2} registration={register("reason")} error={errorFor("reason")} />
        <button type="submit" className="secondary" disabled={navigation.state !== "idle"}>
          {t("content.ideas.decline")}
        </button>
      </Form>
    </>
  );
}

export default function ManageIdeasPage() {
  const { t } = useTranslation();
  const { pending, decided } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = refusalOf(actionData);
  const failedIdea = failed && "ideaId" in failed ? failed.ideaId : undefined;
  return (
    <>
      <h1>{t("content.ideas.inboxTitle")}</h1>
      <p className="hint">{t("content.ideas.inboxIntro")}</p>
      {failed && !pending.some((idea) => idea.id === failedIdea) ? <FormError error={Object.values(failed.errors)[0]} /> : null}
      {pending.length === 0 ? <p className="card">{t("content.ideas.inboxEmpty")}</p> : null}
      {pending.map((idea) => (
        <article key={idea.id} className="card" aria-labelledby={`idea-${idea.id}`}>
          <h2 id={`idea-${idea.id}`}>
            {t("content.ideas.from", { name: idea.proposer, department: idea.department ?? "—" })}{" "}
            <span className="badge badge-muted">{t(`content.ideas.kinds.${idea.kind}`)}</span>
          </h2>
          <p className="hint">{idea.createdAt}</p>
          {idea.forGroup ? <p className="hint">{t("champions.ideas.forGroup", { group: idea.forGroup })}</p> : null}
          <IdeaBody idea={idea} />
          <DecideIdea ideaId={idea.id} own={idea.own} errors={failedIdea === idea.id ? failed?.errors : undefined} />
        </article>
      ))}
      {decided.length ? (
        <>
          <h2>{t("content.ideas.recentlyDecided")}</h2>
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("content.ideas.proposer")}</th>
                  <th scope="col">{t("content.ideas.idea")}</th>
                  <th scope="col">{t("content.ideas.status")}</th>
                </tr>
              </thead>
              <tbody>
                {decided.map((idea) => (
                  <tr key={idea.id}>
                    <td>{idea.proposer}</td>
                    <td>
                      <IdeaBody idea={idea} />
                    </td>
                    <td>
                      <span className={`badge ${idea.status === "accepted" ? "badge-success" : "badge-danger"}`}>
                        {t(`content.ideas.statuses.${idea.status}`)}
                      </span>
                      <p className="hint">{t("content.ideas.decidedBy", { name: idea.decidedBy ?? "—", at: idea.decidedAt })}</p>
                      {idea.declineReason ? <p className="reason">{idea.declineReason}</p> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : null}
    </>
  );
}
