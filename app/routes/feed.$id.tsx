import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { contentLinks, ShareTextList } from "~/components/content-preview";
import { gateLinks, OnboardingGate } from "~/components/onboarding-gate";
import { ShareDialog, SharedLinksTable, sharingLinks, type ShareOutcome } from "~/components/sharing";
import { formatDateTime } from "~/models/core/dates";
import { getFeedItem } from "~/models/content/feed.server";
import { presentShareTexts } from "~/models/content/present.server";
import { onboardingGateData } from "~/models/onboarding/status.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { ShareSchema } from "~/models/sharing/forms.server";
import { recentlyScoredNetworks, sharedLinkMetrics } from "~/models/sharing/share-metrics.server";
import { recordShare, shareDrafts, type ShareRefusal } from "~/models/sharing/shares.server";
import { listDisclosures, shareGuardrailProblem, shareGuardrails } from "~/models/sharing/guardrails.server";
import { presentSharedLinks } from "~/models/sharing/present.server";
import { getFollowerCounts } from "~/models/sharing/amplification.server";
import { variantOffer } from "~/models/sharing/share-variants.server";
import { parseVariant } from "~/models/content/share-variants";
import { VariantPicker } from "~/components/share-variants";
import { isShareNetwork, SHARE_NETWORKS } from "~/models/core/networks";
import { SHARE_CHANNELS, type ShareChannel } from "#db/schema";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid, notFound, requestOrigin } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";

export const links = () => [...contentLinks(), ...gateLinks(), ...sharingLinks()];

/** The channel that brought the person to the dialog (?via=digest…); anything else counts as the feed. */
function channelOf(request: Request): ShareChannel {
  const via = new URL(request.url).searchParams.get("via");
  return (SHARE_CHANNELS as readonly string[]).includes(via ?? "") ? (via as ShareChannel) : "feed";
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = Date.now();
  const item = await getFeedItem(db, { id: user.id, departmentId: user.departmentId }, params.id ?? "", now);
  if (!item) notFound();
  const [timeZone, locale] = await Promise.all([getOrganisationTimeZone(db), resolveLocale(request, user.locale)]);
  const [onboarding, mine, recentlyScored] = await Promise.all([
    onboardingGateData(db, user.id, locale, now),
    sharedLinkMetrics(db, user.id, { itemId: item.id, pageSize: SHARE_NETWORKS.length }),
    recentlyScoredNetworks(db, user.id, item.id, now),
  ]);
  const canShare = onboarding.ambassador;
  const query = new URL(request.url).searchParams;
  const requested = query.get("network");
  const firstSuggested = SHARE_NETWORKS.find((n) => item.shareTexts[n]) ?? "linkedin";
  const network = isShareNetwork(requested) ? requested : firstSuggested;
  const guardrails = canShare ? await shareGuardrails(db, item, locale) : undefined;
  const disclosures = Object.fromEntries(SHARE_NETWORKS.map((n) => [n, guardrails?.[n].disclosure ?? null]));
  const drafts = canShare ? await shareDrafts(db, user.id, item, requestOrigin(request), disclosures) : [];
  // A locked text is shared exactly as the reviewer left it: no other version is offered.
  const locked = guardrails?.[network].lockedText != null;
  const offered =
    canShare && !locked
      ? await variantOffer(db, item, drafts, {
          network,
          requested: parseVariant(query.get("variant")),
          now,
          disclosure: disclosures[network],
        })
      : null;
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
    share: {
      via: channelOf(request),
      canShare,
      network,
      drafts: offered?.drafts ?? drafts,
      variants: offered?.offer ?? null,
      guardrails,
      recentlyScored,
      pendingGuidelines: onboarding.pendingGuidelines,
      pendingWorkshops: onboarding.pendingWorkshops,
    },
    mine: presentSharedLinks(mine.rows, { locale, currency: mine.currency, timeZone }),
  });
}

/** Refusals that concern the whole form rather than one field. */
const FORM_REFUSALS: Partial<Record<ShareRefusal, number>> = { notOnboarded: 403, notVisible: 404 };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent !== "share" && intent !== "copy") return invalid({ "": "sharing.errors.badIntent" });
  const parsed = parseFormData(ShareSchema, formData);
  if (!parsed.success) return invalid(parsed.errors);
  // Read once: the guardrail check and the share's exact-text count use the same disclosures.
  const disclosures = await listDisclosures(db);
  const guardrail = await shareGuardrailProblem(db, {
    userId: user.id,
    itemId: params.id ?? "",
    network: parsed.data.network,
    text: parsed.data.text,
    origin: requestOrigin(request),
    language: await resolveLocale(request, user.locale),
    disclosures,
  });
  if (guardrail) return invalid({ text: `guardrails.errors.${guardrail.kind}` }, { guardrail });
  const result = await recordShare(db, {
    userId: user.id,
    itemId: params.id ?? "",
    network: parsed.data.network,
    text: parsed.data.text,
    subject: parsed.data.subject,
    origin: requestOrigin(request),
    channel: channelOf(request),
    variant: parseVariant(formData.get("variant")),
    disclosures,
  });
  if (!result.ok) {
    const message = `sharing.errors.${result.reason}`;
    const status = FORM_REFUSALS[result.reason];
    if (status) return json({ ok: false as const, errors: { "": message } }, { status });
    return invalid({ [result.reason === "subjectTooLong" ? "subject" : result.reason === "badNetwork" ? "network" : "text"]: message });
  }
  // With JavaScript the page follows the redirect, or has opened the network in a window of its own and shows
  // what was recorded; without it the answer offers the network's page as a link (see share-popup.tsx).
  const opened = formData.get("opened");
  if (intent === "share" && opened !== "popup" && opened !== "link") return redirect(result.shareUrl);
  if (intent === "share") {
    const how = opened === "popup" ? ("popup" as const) : ("link" as const);
    return json({
      ok: true as const,
      intent,
      opened: how,
      network: parsed.data.network,
      networkUrl: result.shareUrl,
      scored: result.scored,
      points: result.points,
      // No followers known on this network: the share reaches 0, so the status asks for them.
      reachMissing: (await getFollowerCounts(db, user.id))[parsed.data.network] === 0,
    });
  }
  return json({
    ok: true as const,
    intent: "copy" as const,
    network: parsed.data.network,
    text: result.finalText,
    scored: result.scored,
    points: result.points,
  });
}

export default function FeedItemPage() {
  const { t } = useTranslation();
  const { item, share, mine } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>() as ShareOutcome | undefined;
  return (
    <>
      <p>
        <Link to="/feed">{t("content.feed.back")}</Link>
      </p>
      <article className="card feed-item" aria-labelledby="feed-item-title">
        {item.imageUrl ? <img className="preview-image" src={item.imageUrl} alt="" /> : null}
        <h1 id="feed-item-title">{item.title}</h1>
        <p className="hint">
          {item.publishedAt}
          {item.campaign ? ` · ${item.campaign}` : ""}
          {item.expiresAt ? ` · ${t("content.feed.until", { date: item.expiresAt })}` : ""}
          {item.sharedByMe ? (
            <>
              {" "}
              · <span className="badge shared-mark">{t("content.feed.shared")}</span>
            </>
          ) : null}
        </p>
        <div className="commentary" dangerouslySetInnerHTML={{ __html: item.commentaryHtml }} />
        <p>
          <a href={item.destinationUrl} target="_blank" rel="noopener noreferrer">
            {t("content.feed.readOriginal")}
          </a>
        </p>
        {item.topics.length ? (
          <p>
            {item.topics.map((topic) => (
              <span key={topic} className="badge">
                {topic}
              </span>
            ))}
          </p>
        ) : null}
        {item.hashtags.length ? <p className="hint">{item.hashtags.join(" ")}</p> : null}
      </article>
      <section id="share" className="card" aria-labelledby="share-title">
        <h2 id="share-title">{t("sharing.dialog.title")}</h2>
        {share.canShare ? (
          <ShareDialog
            key={`${share.network}-${share.variants?.chosen ?? 1}`}
            itemId={item.id}
            drafts={share.drafts}
            selected={share.network}
            recentlyScored={share.recentlyScored}
            outcome={outcome}
            via={share.via}
            preview={{ title: item.title, imageUrl: item.imageUrl, destinationUrl: item.destinationUrl }}
            guardrails={share.guardrails}
          >
            {share.variants ? <VariantPicker itemId={item.id} offer={share.variants} via={share.via} /> : null}
          </ShareDialog>
        ) : (
          <div data-testid="share-refused">
            <p>{t("sharing.errors.notOnboarded")}</p>
            <OnboardingGate pending={share.pendingGuidelines} workshops={share.pendingWorkshops} context="share" />
            <h3>{t("content.feed.suggestedTexts")}</h3>
            <ShareTextList texts={item.shareTexts} />
          </div>
        )}
      </section>
      {mine.length ? (
        <section className="card" aria-labelledby="mine-title">
          <h2 id="mine-title">{t("sharing.mine.itemTitle")}</h2>
          <SharedLinksTable rows={mine} withItem={false} caption={t("sharing.mine.itemTitle")} />
          <p className="hint">{t("sharing.mine.definitions")}</p>
        </section>
      ) : null}
    </>
  );
}
