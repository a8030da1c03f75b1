import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MyConversionsTable } from "~/components/conversions";
import { FollowersPrompt, homeLinks } from "~/components/home";
import { SharedLinksTable, sharingLinks } from "~/components/shared-links";
import { presentLinkConversions } from "~/models/conversions/present.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { MY_SHARES_PAGE_SIZE, sharedLinkMetrics } from "~/models/sharing/share-metrics.server";
import { presentSharedLinks } from "~/models/sharing/present.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { pageParam } from "~/utils/http.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";

export const links = () => [...sharingLinks(), ...homeLinks()];

/** My shares: one row per item and network, with clicks, reach, CTR, EMV and points. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = pageParam(new URL(request.url));
  const [locale, timeZone, metrics] = await Promise.all([
    resolveLocale(request, user.locale),
    getOrganisationTimeZone(db),
    sharedLinkMetrics(db, user.id, { page }),
  ]);
  const conversions = await presentLinkConversions(db, getFixedT(locale), metrics.rows, { locale, currency: metrics.currency });
  return json({
    page,
    conversions,
    pages: Math.max(1, Math.ceil(metrics.total / MY_SHARES_PAGE_SIZE)),
    reachMissing: metrics.rows.some((r) => r.reach === 0),
    rows: presentSharedLinks(metrics.rows, { locale, currency: metrics.currency, timeZone }),
  });
}

export default function MySharesPage() {
  const { t } = useTranslation();
  const { rows, page, pages, conversions, reachMissing } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("sharing.mine.title")}</h1>
      <p className="hint">{t("sharing.mine.intro")}</p>
      {rows.length === 0 ? (
        <p>
          {t("sharing.mine.empty")} <Link to="/feed">{t("sharing.mine.toFeed")}</Link>
        </p>
      ) : (
        <>
          {reachMissing ? <FollowersPrompt /> : null}
          <SharedLinksTable rows={rows} withItem caption={t("sharing.mine.caption")} />
          <p className="hint">{t("sharing.mine.definitions")}</p>
          {conversions.length > 0 ? <MyConversionsTable rows={conversions} /> : null}
          {pages > 1 ? (
            <nav className="pagination" aria-label={t("sharing.mine.title")}>
              {page > 1 ? <Link to={`?page=${page - 1}`}>{t("common.previous")}</Link> : null}
              <span>{t("common.pageOf", { page, pages })}</span>
              {page < pages ? <Link to={`?page=${page + 1}`}>{t("common.next")}</Link> : null}
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}
