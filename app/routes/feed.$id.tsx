import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { contentLinks, ShareTextList } from "~/components/content-preview";
import { formatDateTime } from "~/models/content-dates";
import { getFeedItem } from "~/models/content-feed.server";
import { presentShareTexts } from "~/models/content-present.server";
import { getOrganisationTimeZone } from "~/models/points.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";

export const links = contentLinks;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const item = await getFeedItem(db, { id: user.id, departmentId: user.departmentId }, params.id ?? "");
  if (!item) notFound();
  const [timeZone, locale] = await Promise.all([getOrganisationTimeZone(db), resolveLocale(request, user.locale)]);
  return json({
    item: {
      id: item.id,
      title: item.title,
      commentaryHtml: item.commentaryHtml,
      destinationUrl: item.destination_url,
      imageUrl: item.image_url,
      campaign: item.campaign_name,
      topics: item.topics,
      hashtags: item.hashtagList,
      sharedByMe: item.sharedByMe,
      publishedAt: formatDateTime(item.publish_at, locale, timeZone),
      expiresAt: formatDateTime(item.expire_at, locale, timeZone),
      shareTexts: presentShareTexts(item.shareTexts, item.hashtagList),
    },
  });
}

export default function FeedItemPage() {
  const { t } = useTranslation();
  const { item } = useLoaderData<typeof loader>();
  return (
    <>
      <p><Link to="/feed">{t("content.feed.back")}</Link></p>
      <article className="card feed-item" aria-labelledby="feed-item-title">
        {item.imageUrl ? <img className="preview-image" src={item.imageUrl} alt="" /> : null}
        <h1 id="feed-item-title">{item.title}</h1>
        <p className="hint">
          {item.publishedAt}
          {item.campaign ? ` · ${item.campaign}` : ""}
          {item.expiresAt ? ` · ${t("content.feed.until", { date: item.expiresAt })}` : ""}
          {item.sharedByMe ? <> · <span className="badge shared-mark">{t("content.feed.shared")}</span></> : null}
        </p>
        <div className="commentary" dangerouslySetInnerHTML={{ __html: item.commentaryHtml }} />
        <p>
          <a href={item.destinationUrl} target="_blank" rel="noopener noreferrer">{t("content.feed.readOriginal")}</a>
        </p>
        {item.topics.length ? <p>{item.topics.map((topic) => <span key={topic} className="badge">{topic}</span>)}</p> : null}
        {item.hashtags.length ? <p className="hint">{item.hashtags.join(" ")}</p> : null}
      </article>
      {/* Sharing (issue 6) adds its share dialog here, keyed on item.id. */}
      <section id="share" className="card" aria-labelledby="share-title">
        <h2 id="share-title">{t("content.feed.suggestedTexts")}</h2>
        <p className="hint">{t("content.feed.suggestedHint")}</p>
        <ShareTextList texts={item.shareTexts} />
      </section>
    </>
  );
}
