import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { IdeaStatus, IdeaTopic } from "#db/schema";

export const statusBadge = (status: IdeaStatus) =>
  status === "done" || status === "accepted" ? "badge-success" : status === "declined" ? "badge-danger" : "badge-muted";

export function IdeaStatusBadge({ status }: { status: IdeaStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${statusBadge(status)}`} data-testid="idea-status">
      {t(`ideas.statuses.${status}`)}
    </span>
  );
}

export function IdeaTopicBadge({ topic }: { topic: IdeaTopic }) {
  const { t } = useTranslation();
  return <span className="badge badge-muted">{t(`ideas.topics.${topic}`)}</span>;
}

/** Vote or withdraw: a plain form, so it works before (and without) JavaScript. */
export function VoteButton({ ideaId, votes, votedByMe, own }: { ideaId: string; votes: number; votedByMe: boolean; own: boolean }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  if (own) return <p className="hint">{t("ideas.votes", { count: votes })}</p>;
  return (
    <Form method="post" className="actions">
      <input type="hidden" name="ideaId" value={ideaId} />
      <button
        type="submit"
        name="intent"
        value={votedByMe ? "unvote" : "vote"}
        className={votedByMe ? "secondary" : undefined}
        aria-pressed={votedByMe}
        disabled={navigation.state !== "idle"}
      >
        {votedByMe ? t("ideas.withdrawVote") : t("ideas.vote")}
      </button>
      <span data-testid="vote-count">{t("ideas.votes", { count: votes })}</span>
    </Form>
  );
}

export function IdeaBody({ idea }: { idea: { url: string | null; text: string | null; reason: string | null } }) {
  const { t } = useTranslation();
  return (
    <>
      {idea.url ? (
        <p>
          <a href={idea.url} target="_blank" rel="noopener noreferrer nofollow">
            {idea.url}
          </a>
        </p>
      ) : null}
      {idea.text ? <p className="reason">{idea.text}</p> : null}
      {idea.reason ? (
        <p className="reason">
          <strong>{t("ideas.why")}</strong> {idea.reason}
        </p>
      ) : null}
    </>
  );
}
