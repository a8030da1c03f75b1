import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ContentStatus } from "#db/schema";
import { describeDuration, waitingLevel } from "~/models/content/workflow";
import type { PresentedItem, PresentedShareText } from "~/models/content/present.server";
import contentStylesUrl from "~/styles/content.css";
import { ShareVariantList } from "~/components/share-variants";

export const contentLinks = () => [{ rel: "stylesheet", href: contentStylesUrl }];

export function StatusBadge({ status }: { status: ContentStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`content.status.${status}`)}</span>;
}

/** "waiting 3 h", coloured once it passes a day (amber) and three days (red). */
export function WaitingBadge({ ms, large = false }: { ms: number; large?: boolean }) {
  const { t } = useTranslation();
  const { unit, count } = describeDuration(ms);
  const level = waitingLevel(ms);
  return <span className={`waiting waiting-${level}${large ? " waiting-large" : ""}`}>{t(`content.waiting.${unit}`, { count })}</span>;
}

export function DurationText({ ms }: { ms: number }) {
  const { t } = useTranslation();
  const { unit, count } = describeDuration(ms);
  return <>{t(`content.duration.${unit}`, { count })}</>;
}

export function ShareTextList({ texts, headingLevel = 3 }: { texts: PresentedShareText[]; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation();
  if (texts.length === 0) return <p className="hint">{t("content.preview.noShareTexts")}</p>;
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <div className="share-texts">
      {texts.map((s) => (
        <section key={s.network} className="share-text" aria-label={t(`content.networks.${s.network}`)}>
          <Heading>{t(`content.networks.${s.network}`)}</Heading>
          {s.subject ? (
            <p>
              <strong>{t("content.preview.subject")}</strong> {s.subject}
            </p>
          ) : null}
          <p className="body">{s.text}</p>
          <p className="hint">
            {s.appended.length ? t("content.preview.postedWith", { tags: s.appended.join(" ") }) : t("content.preview.postedWithLink")}
          </p>
          <p className={`counter${s.length > s.limit ? " counter-over" : ""}`}>
            {t("content.preview.length", { length: s.length, limit: s.limit })}
          </p>
        </section>
      ))}
    </div>
  );
}

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** The whole item as reviewers and editors check it: text, link, audience, dates and every suggested post. */
export function ContentPreview({ item }: { item: PresentedItem }) {
  const { t } = useTranslation();
  return (
    <article className="card content-preview" aria-labelledby="preview-title">
      {item.imageUrl ? <img className="preview-image" src={item.imageUrl} alt="" loading="lazy" /> : null}
      <h2 id="preview-title">{item.title}</h2>
      <div className="commentary" dangerouslySetInnerHTML={{ __html: item.commentaryHtml }} />
      <dl className="content-meta">
        <Meta label={t("content.fields.destinationUrl")}>
          <a href={item.destinationUrl} target="_blank" rel="noopener noreferrer nofollow">
            {item.destinationUrl || "—"}
          </a>
        </Meta>
        <Meta label={t("content.fields.language")}>{t(`content.languages.${item.language}`)}</Meta>
        <Meta label={t("content.fields.audience")}>
          {item.departments.length ? item.departments.join(", ") : t("content.preview.everyone")}
        </Meta>
        <Meta label={t("content.fields.campaign")}>{item.campaignName ?? "—"}</Meta>
        <Meta label={t("content.fields.publishAt")}>{item.publishAt || t("content.preview.onApproval")}</Meta>
        <Meta label={t("content.fields.expireAt")}>{item.expireAt || t("content.preview.neverExpires")}</Meta>
        <Meta label={t("content.fields.topics")}>
          {item.topics.length
            ? item.topics.map((topic) => (
                <span key={topic} className="badge">
                  {topic}
                </span>
              ))
            : "—"}
        </Meta>
        <Meta label={t("content.fields.hashtags")}>{item.hashtags.length ? item.hashtags.join(" ") : "—"}</Meta>
        {item.proposedBy ? <Meta label={t("content.preview.ideaBy")}>{item.proposedBy}</Meta> : null}
      </dl>
      <h3>{t("content.preview.shareTexts")}</h3>
      <ShareTextList texts={item.shareTexts} headingLevel={4} />
      <ShareVariantList variants={item.shareVariants} />
    </article>
  );
}

export function TransitionHistory({ history }: { history: PresentedItem["history"] }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t("content.history.title")}</h2>
      <ol className="history">
        {history.map((h) => (
          <li key={h.id}>
            <strong>
              {h.from
                ? t("content.history.moved", { from: t(`content.status.${h.from}`), to: t(`content.status.${h.to}`) })
                : t("content.history.created")}
            </strong>
            {" · "}
            {h.system ? t("content.history.bySchedule") : (h.actor ?? t("content.history.formerMember"))}
            {" · "}
            <span className="hint">{h.at}</span>
            {h.comment ? <blockquote>{h.comment}</blockquote> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
