import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/forms";
import { IdeaBody, IdeaStatusBadge, IdeaTopicBadge, VoteButton } from "~/components/idea-board";
import { CommentForm, HideCommentForm, StatusForm } from "~/components/idea-moderation";
import { formatDateTime } from "~/models/core/dates";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { getBoardIdea, isEditor } from "~/models/ideas/board.server";
import { addComment, hideComment, listComments } from "~/models/ideas/comments.server";
import { CommentSchema, HideCommentSchema, StatusSchema, VoteSchema } from "~/models/ideas/schema";
import { setIdeaStatus } from "~/models/ideas/status.server";
import { castVote, withdrawVote } from "~/models/ideas/votes.server";
import { requireUser, type SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid, notFound } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { refusalOf } from "~/utils/action-result";

export { CommentSchema, HideCommentSchema, StatusSchema, VoteSchema };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const idea = await getBoardIdea(db, user, params.id ?? "");
  if (!idea) notFound();
  const [comments, timeZone, locale] = await Promise.all([
    listComments(db, user, idea.id),
    getOrganisationTimeZone(db),
    resolveLocale(request, user.locale),
  ]);
  return json({
    idea: { ...idea, createdAt: formatDateTime(idea.createdAt, locale, timeZone) },
    comments: comments.map((comment) => ({ ...comment, createdAt: formatDateTime(comment.createdAt, locale, timeZone) })),
    editor: isEditor(user),
  });
}

async function runIntent(user: SessionUser, ideaId: string, formData: FormData) {
  const intent = formData.get("intent");
  if (intent === "vote" || intent === "unvote") {
    const parsed = parseFormData(VoteSchema, formData);
    if (!parsed.success) return invalid(parsed.errors);
    const result = intent === "vote" ? await castVote(db, user.id, ideaId) : await withdrawVote(db, user.id, ideaId);
    return result.ok ? null : invalid({ "": result.error });
  }
  if (intent === "comment") {
    const parsed = parseFormData(CommentSchema, formData);
    if (!parsed.success) return invalid(parsed.errors, { form: "comment" });
    const result = await addComment(db, user.id, ideaId, parsed.data.body);
    return result.ok ? null : invalid({ "": result.error }, { form: "comment" });
  }
  if (intent === "hide" || intent === "status") {
    if (!isEditor(user)) throw json({ message: "errors.forbidden" }, { status: 403 });
    if (intent === "hide") {
      const parsed = parseFormData(HideCommentSchema, formData);
      const commentId = String(formData.get("commentId") ?? "");
      if (!parsed.success) return invalid(parsed.errors, { form: "hide", commentId });
      const result = await hideComment(db, user, ideaId, parsed.data.commentId, parsed.data.reason);
      return result.ok ? null : invalid({ "": result.error }, { form: "hide", commentId });
    }
    const parsed = parseFormData(StatusSchema, formData);
    if (!parsed.success) return invalid(parsed.errors, { form: "status" });
    const result = await setIdeaStatus(db, user, ideaId, parsed.data);
    return result.ok ? null : invalid({ "": result.error }, { form: "status" });
  }
  return invalid({ "": "validation.invalid" });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ideaId = params.id ?? "";
  const exists = await db.selectFrom("ideas").select("id").where("id", "=", ideaId).executeTakeFirst();
  if (!exists) notFound();
  const formData = await request.formData();
  // The vote forms post the idea id too (they are shared with the board); the URL's id is the one used.
  const refused = await runIntent(user, ideaId, formData);
  return refused ?? redirect(`/board/${ideaId}`);
}

export default function BoardIdeaPage() {
  const { t } = useTranslation();
  const { idea, comments, editor } = useLoaderData<typeof loader>();
  const failed = refusalOf(useActionData<typeof action>());
  const form = failed && "form" in failed ? failed.form : null;
  const failedComment = failed && "commentId" in failed ? failed.commentId : null;
  return (
    <>
      <p>
        <Link to="/board">{t("ideas.board.back")}</Link>
      </p>
      <h1>
        {idea.proposer ? t("ideas.by", { name: idea.proposer }) : t("ideas.anonymous")} <IdeaTopicBadge topic={idea.topic} />{" "}
        <IdeaStatusBadge status={idea.status} />
      </h1>
      <p className="hint">
        {idea.createdAt}
        {idea.department ? ` · ${idea.department}` : ""}
        {editor && idea.anonymous ? ` · ${t("ideas.anonymousToColleagues")}` : ""}
      </p>
      <IdeaBody idea={idea} />
      {idea.status === "declined" && idea.declineReason ? (
        <p className="reason">{t("ideas.declinedBecause", { reason: idea.declineReason })}</p>
      ) : null}
      {idea.outcome ? (
        <section className="card" aria-labelledby="outcome-title">
          <h2 id="outcome-title">{t("ideas.outcome")}</h2>
          <p className="reason" data-testid="idea-outcome">
            {idea.outcome}
          </p>
        </section>
      ) : null}
      {failed && !form ? <FormError error={Object.values(failed.errors)[0]} /> : null}
      <VoteButton ideaId={idea.id} votes={idea.votes} votedByMe={idea.votedByMe} own={idea.own} />
      {editor && !idea.own ? (
        <section className="card" aria-labelledby="status-title">
          <h2 id="status-title">{t("ideas.setStatus")}</h2>
          <StatusForm outcome={idea.outcome} errors={form === "status" ? failed?.errors : undefined} />
        </section>
      ) : null}
      <h2>{t("ideas.comments")}</h2>
      {comments.length === 0 ? <p>{t("ideas.noComments")}</p> : null}
      {comments.map((comment) => (
        <article key={comment.id} className="card" data-testid="idea-comment">
          <p className="hint">
            {comment.author ?? "—"} · {comment.createdAt}
          </p>
          {comment.body !== null ? <p className="reason">{comment.body}</p> : null}
          {comment.hidden ? <p className="hint">{t("ideas.hiddenBecause", { reason: comment.hiddenReason ?? "—" })}</p> : null}
          {editor && !comment.hidden ? (
            <HideCommentForm commentId={comment.id} errors={form === "hide" && failedComment === comment.id ? failed?.errors : undefined} />
          ) : null}
        </article>
      ))}
      <FormError error={form === "comment" ? failed?.errors[""] : undefined} />
      <CommentForm errors={form === "comment" ? failed?.errors : undefined} />
    </>
  );
}
