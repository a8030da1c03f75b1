import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/forms";
import { IdeaBody, IdeaStatusBadge, IdeaTopicBadge, VoteButton } from "~/components/idea-board";
import { formatDateTime } from "~/models/core/dates";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { listBoard } from "~/models/ideas/board.server";
import { BOARD_SORTS, IDEA_TOPICS, isBoardSort, isIdeaTopic, VoteSchema } from "~/models/ideas/schema";
import { castVote, withdrawVote } from "~/models/ideas/votes.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { refusalOf } from "~/utils/action-result";

export { VoteSchema };

function boardFilters(url: URL) {
  const sort = url.searchParams.get("sort");
  const topic = url.searchParams.get("topic");
  return { sort: isBoardSort(sort) ? sort : "votes", topic: isIdeaTopic(topic) ? topic : null } as const;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = boardFilters(new URL(request.url));
  const [ideas, timeZone, locale] = await Promise.all([
    listBoard(db, user, filters),
    getOrganisationTimeZone(db),
    resolveLocale(request, user.locale),
  ]);
  return json({ filters, ideas: ideas.map((idea) => ({ ...idea, createdAt: formatDateTime(idea.createdAt, locale, timeZone, false) })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const parsed = parseFormData(VoteSchema, formData);
  if (!parsed.success) return invalid(parsed.errors);
  const { intent, ideaId } = parsed.data;
  const result = intent === "vote" ? await castVote(db, user.id, ideaId) : await withdrawVote(db, user.id, ideaId);
  if (!result.ok) return invalid({ "": result.error }, { ideaId });
  // Back to the same view of the board (the query string is ours: only sort and topic are kept).
  const { sort, topic } = boardFilters(new URL(request.url));
  return redirect(`/board?${new URLSearchParams({ sort, ...(topic ? { topic } : {}) })}`);
}

export default function BoardPage() {
  const { t } = useTranslation();
  const { filters, ideas } = useLoaderData<typeof loader>();
  const failed = refusalOf(useActionData<typeof action>());
  return (
    <>
      <h1>{t("ideas.board.title")}</h1>
      <p className="hint">{t("ideas.board.intro")}</p>
      <p>
        <Link to="/ideas">{t("ideas.board.propose")}</Link>
      </p>
      <Form method="get" className="filters">
        <label>
          {t("ideas.board.sort")}{" "}
          <select name="sort" defaultValue={filters.sort}>
            {BOARD_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`ideas.sorts.${sort}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("ideas.board.topic")}{" "}
          <select name="topic" defaultValue={filters.topic ?? ""}>
            <option value="">{t("ideas.board.allTopics")}</option>
            {IDEA_TOPICS.map((topic) => (
              <option key={topic} value={topic}>
                {t(`ideas.topics.${topic}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit" className="secondary">
          {t("ideas.board.apply")}
        </button>
      </Form>
      {failed ? <FormError error={Object.values(failed.errors)[0]} /> : null}
      {ideas.length === 0 ? <p className="card">{t("ideas.board.empty")}</p> : null}
      {ideas.map((idea) => (
        <article key={idea.id} className="card" aria-labelledby={`idea-${idea.id}`} data-testid="board-idea">
          <h2 id={`idea-${idea.id}`}>
            <Link to={`/board/${idea.id}`}>{idea.proposer ? t("ideas.by", { name: idea.proposer }) : t("ideas.anonymous")}</Link>{" "}
            <IdeaTopicBadge topic={idea.topic} /> <IdeaStatusBadge status={idea.status} />
          </h2>
          <p className="hint">
            {idea.createdAt} · {t("ideas.commentCount", { count: idea.comments })}
          </p>
          <IdeaBody idea={idea} />
          <VoteButton ideaId={idea.id} votes={idea.votes} votedByMe={idea.votedByMe} own={idea.own} />
        </article>
      ))}
    </>
  );
}
