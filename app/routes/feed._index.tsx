import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { contentLinks, ShareTextList } from "~/components/content-preview";
import { formatDateTime } from "~/models/core/dates";
import { feedTopics, listFeed } from "~/models/content/feed.server";
import { FeedFiltersSchema } from "~/models/content/feed-filters.server";
import { presentShareTexts } from "~/models/content/present.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { pageParam } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";

export const links = contentLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const filters = FeedFiltersSchema.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
  const locale = await resolveLocale(request, user.locale);
  const language = filters.lang === "all" ? null : locale;
  const viewer = { id: user.id, departmentId: user.departmentId };
  const now = Date.now();
  const [feed, topics, timeZone] = await Promise.all([
    listFeed(db, viewer, { language, topic: filters.topic, query: filters.q, page: pageParam(url), now }),
    feedTopics(db, viewer, language, now),
    getOrganisationTimeZone(db),
  ]);
  return json({
    filters,
    locale,
    topics,
    total: feed.total,
    page: feed.page,
    pageSize: feed.pageSize,
    items: feed.items.map((item) => ({
      id: item.id,
      title: item.title,
      commentaryHtml: item.commentaryHtml,
      imageUrl: item.image_url,
      language: item.language,
      campaign: item.campaign_name,
      topics: item.topics,
      sharedByMe: item.sharedByMe,
      publishedAt: formatDateTime(item.publish_at, locale, timeZone),
      shareTexts: presentShareTexts(item.shareTexts, item.hashtagList),
    })),
  });
}

export default function FeedPage() {
  const { t } = useTranslation();
  const { filters, locale, topics, items, total, page, pageSize } = useLoaderData<typeof loader>();
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (p: number) => {
    const params = new URLSearchParams(
      Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1]) && !(e[0] === "lang" && e[1] === "mine")),
    );
    params.set("page", String(p));
    return `?${params}`;
  };
  return (
    <>
      <h1>{t("content.feed.title")}</h1>
      <p className="hint">{t("content.feed.intro")}</p>
      <Form method="get" className="filters" role="search" aria-label={t("content.feed.filters")}>
        <div className="field">
          <label htmlFor="feed-q">{t("content.feed.search")}</label>
          <input id="feed-q" name="q" type="search" defaultValue={filters.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="feed-topic">{t("content.feed.topic")}</label>
          <select id="feed-topic" name="topic" defaultValue={filters.topic ?? ""}>
            <option value="">{t("content.feed.allTopics")}</option>
            {topics.map((topic) => (
              <option key={topic} value={topic}>
                {topic}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="feed-lang">{t("content.feed.language")}</label>
          <select id="feed-lang" name="lang" defaultValue={filters.lang}>
            <option value="mine">{t(`content.feed.onlyLanguage.${locale}`)}</option>
            <option value="all">{t("content.feed.allLanguages")}</option>
          </select>
        </div>
        <button type="submit">{t("content.feed.apply")}</button>
      </Form>
      <p aria-live="polite">{t("content.feed.count", { count: total })}</p>
      {items.length === 0 ? (
        <p className="card">{filters.q || filters.topic ? t("content.feed.noMatches") : t("content.feed.empty")}</p>
      ) : (
        <ul className="feed-list">
          {items.map((item) => (
            <li key={item.id}>
              <article className="card feed-item" aria-labelledby={`item-${item.id}`}>
                {item.imageUrl ? (
                  <img className="preview-image" src={item.imageUrl} alt="" width={640} height={336} loading="lazy" />
                ) : null}
                <h2 id={`item-${item.id}`}>
                  <Link to={`/feed/${item.id}`}>{item.title}</Link>
                </h2>
                <p className="hint">
                  {item.publishedAt}
                  {item.campaign ? ` · ${item.campaign}` : ""}
                  {filters.lang === "all" ? ` · ${t(`content.languages.${item.language}`)}` : ""}
                  {item.sharedByMe ? (
                    <>
                      {" "}
                      · <span className="badge shared-mark">{t("content.feed.shared")}</span>
                    </>
                  ) : null}
                </p>
                <div className="commentary" dangerouslySetInnerHTML={{ __html: item.commentaryHtml }} />
                {item.topics.length ? (
                  <p>
                    {item.topics.map((topic) => (
                      <span key={topic} className="badge">
                        {topic}
                      </span>
                    ))}
                  </p>
                ) : null}
                <details>
                  <summary>{t("content.feed.suggestedTexts")}</summary>
                  <ShareTextList texts={item.shareTexts} />
                </details>
                <div className="actions">
                  <Link className="button" to={`/feed/${item.id}#share`}>
                    {item.sharedByMe ? t("content.feed.shareAgain") : t("content.feed.share")}
                  </Link>
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
      <nav className="pagination" aria-label={t("content.pagination")}>
        {page > 1 ? <Link to={pageLink(page - 1)}>{t("common.previous")}</Link> : null}
        <span>{t("common.pageOf", { page, pages: lastPage })}</span>
        {page < lastPage ? <Link to={pageLink(page + 1)}>{t("common.next")}</Link> : null}
      </nav>
    </>
  );
}
