import { TableWrap } from "~/components/ui/table-wrap";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { contentLinks } from "~/components/content-preview";
import { IdeaStatusBadge } from "~/components/idea-board";
import { FormError, Select, TextArea, TextInput, useErrorText, useValidatedForm } from "~/components/forms";
import { formatDateTime } from "~/models/core/dates";
import { submittedValues } from "~/models/content/schema";
import { effectiveStatus } from "~/models/content/workflow";
import { IdeaSchema } from "~/models/content/idea-schema";
import { IDEA_TOPICS } from "~/models/ideas/schema";
import { listMyIdeas, proposeIdea } from "~/models/content/ideas.server";
import { championScopes, isChampionOf, parseScope } from "~/models/champions/champions.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData, type FieldErrors } from "~/utils/forms";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { refusalOf } from "~/utils/action-result";

export { IdeaSchema };
export const links = contentLinks;

/** 400 with the field errors and what was posted, so the form comes back filled in. */
const refuse = (errors: FieldErrors, formData: FormData) =>
  json({ ok: false as const, errors, values: submittedValues(formData) }, { status: 400 });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [ideas, timeZone, locale, scopes] = await Promise.all([
    listMyIdeas(db, user.id),
    getOrganisationTimeZone(db),
    resolveLocale(request, user.locale),
    championScopes(db, user.id),
  ]);
  const now = Date.now();
  const groups = scopes.map((scope) => ({ value: `${scope.kind}:${scope.id}`, name: scope.name }));
  const wanted = new URL(request.url).searchParams.get("group");
  return json({
    // A champion proposes content for a group they champion (from their group's page: ?group=kind:id).
    groups,
    chosenGroup: groups.some((g) => g.value === wanted) ? wanted : "",
    ideas: ideas.map((idea) => ({
      id: idea.id,
      kind: idea.kind,
      summary: idea.kind === "url" ? (idea.url ?? "") : (idea.text ?? ""),
      reason: idea.reason,
      status: idea.status,
      topic: idea.topic,
      declineReason: idea.decline_reason,
      createdAt: formatDateTime(idea.created_at, locale, timeZone),
      // Once accepted, what became of the draft: in the feed now, or still on its way.
      inFeed:
        idea.item_status !== null &&
        effectiveStatus({ status: idea.item_status, publish_at: idea.item_publish_at, expire_at: idea.item_expire_at }, now) ===
          "published",
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const parsed = parseFormData(IdeaSchema, formData);
  if (!parsed.success) return refuse(parsed.errors, formData);
  const [kind, id] = parsed.data.group.split(":");
  const group = parsed.data.group ? parseScope(kind, id) : null;
  if (parsed.data.group && !(group && (await isChampionOf(db, user.id, group)))) {
    return refuse({ group: "champions.errors.notYourGroup" }, formData);
  }
  await proposeIdea(db, user.id, { ...parsed.data, group });
  return redirectWithToast("/ideas", { message: "content.toasts.ideaSent" });
}

export default function IdeasPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { ideas, groups, chosenGroup } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const failed = refusalOf(actionData);
  const serverErrors = failed?.errors;
  const { onSubmit, register, errorFor } = useValidatedForm(IdeaSchema, {
    serverErrors,
    defaultValues: { kind: "url", topic: "content", group: chosenGroup ?? "" },
  });
  // Rendered into the HTML as well, so what was typed survives a refusal without JavaScript.
  const typed = (name: "url" | "text" | "reason") => {
    const value = failed?.values[name];
    return typeof value === "string" ? value : undefined;
  };
  const kind = failed?.values.kind === "post" ? "post" : "url";
  const kindError = errorText(errorFor("kind"));
  return (
    <>
      <h1>{t("content.ideas.title")}</h1>
      <p className="hint">{t("content.ideas.intro")}</p>
      <p>
        <Link to="/board">{t("ideas.board.open")}</Link>
      </p>
      <section className="card" aria-labelledby="propose-title">
        <h2 id="propose-title">{t("content.ideas.propose")}</h2>
        <FormError error={serverErrors?.[""]} />
        <Form method="post" onSubmit={onSubmit} noValidate>
          <fieldset className="field">
            <legend>{t("content.ideas.kind")}</legend>
            <label className="checkbox">
              <input type="radio" value="url" defaultChecked={kind === "url"} {...register("kind")} /> {t("content.ideas.kinds.url")}
            </label>
            <label className="checkbox">
              <input type="radio" value="post" defaultChecked={kind === "post"} {...register("kind")} /> {t("content.ideas.kinds.post")}
            </label>
            {kindError ? (
              <p className="field-error" role="alert">
                {kindError}
              </p>
            ) : null}
          </fieldset>
          <Select label={t("ideas.topic")} hint={t("ideas.topicHint")} registration={register("topic")} error={errorFor("topic")}>
            {IDEA_TOPICS.map((topic) => (
              <option key={topic} value={topic}>
                {t(`ideas.topics.${topic}`)}
              </option>
            ))}
          </Select>
          {groups.length ? (
            <Select
              label={t("champions.ideas.group")}
              hint={t("champions.ideas.groupHint")}
              registration={register("group")}
              error={errorFor("group")}
              defaultValue={chosenGroup ?? ""}
            >
              <option value="">{t("champions.ideas.noGroup")}</option>
              {groups.map((g) => (
                <option key={g.value} value={g.value}>
                  {g.name}
                </option>
              ))}
            </Select>
          ) : null}
          <TextInput
            label={t("content.ideas.url")}
            hint={t("content.ideas.urlHint")}
            type="url"
            inputMode="url"
            placeholder="https://"
            registration={register("url")}
            error={errorFor("url")}
            defaultValue={typed("url")}
          />
          <TextArea
            label={t("content.ideas.reason")}
            hint={t("content.ideas.reasonHint")}
            rows={3}
            registration={register("reason")}
            error={errorFor("reason")}
            defaultValue={typed("reason")}
          />
          <TextArea
            label={t("content.ideas.text")}
            hint={t("content.ideas.textHint")}
            rows={4}
            registration={register("text")}
            error={errorFor("text")}
            defaultValue={typed("text")}
          />
          <label className="checkbox">
            <input type="checkbox" {...register("anonymous")} /> {t("ideas.proposeAnonymously")}
          </label>
          <p className="hint">{t("ideas.anonymousHint")}</p>
          <button type="submit" disabled={navigation.state !== "idle"}>
            {t("content.ideas.send")}
          </button>
        </Form>
      </section>
      <h2>{t("content.ideas.mine")}</h2>
      {ideas.length === 0 ? (
        <p>{t("content.ideas.none")}</p>
      ) : (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("content.ideas.date")}</th>
                <th scope="col">{t("content.ideas.idea")}</th>
                <th scope="col">{t("content.ideas.status")}</th>
              </tr>
            </thead>
            <tbody>
              {ideas.map((idea) => (
                <tr key={idea.id}>
                  <td>{idea.createdAt}</td>
                  <td>
                    <span className="badge badge-muted">{t(`ideas.topics.${idea.topic}`)}</span>{" "}
                    <span className="badge badge-muted">{t(`content.ideas.kinds.${idea.kind}`)}</span>{" "}
                    <span className="reason">{idea.summary}</span>
                    {idea.reason && idea.kind === "url" ? <p className="hint reason">{idea.reason}</p> : null}
                  </td>
                  <td>
                    <IdeaStatusBadge status={idea.status} />
                    {idea.status === "declined" && idea.declineReason ? (
                      <p className="reason">{t("content.ideas.declinedBecause", { reason: idea.declineReason })}</p>
                    ) : null}
                    {idea.status === "accepted" ? (
                      <p className="hint">{idea.inFeed ? t("content.ideas.inFeed") : t("content.ideas.inPreparation")}</p>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
