import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DiffText, guidelineLinks, VersionBadge } from "~/components/guideline";
import { viewGuidelineDiff } from "~/models/guidelines/view.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { hasRole, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";

export const links = guidelineLinks;

const versionParam = (value: string | null) => {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 && n < 1_000_000 ? n : undefined;
};

/** /guidelines/<slug>/diff?from=1&to=2: what changed, rule by rule. Drafts take part only for editors. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const [language, timeZone] = await Promise.all([resolveLocale(request, user.locale), getOrganisationTimeZone(db)]);
  const view = await viewGuidelineDiff(
    db,
    params.slug ?? "",
    { from: versionParam(url.searchParams.get("from")), to: versionParam(url.searchParams.get("to")) },
    { language, timeZone, canSeeDrafts: hasRole(user, "editor") },
  );
  if (!view) notFound();
  return json(view);
}

/** Whether a part of a rule changed (unchanged parts of a changed rule are shown muted, for context). */
const touched = (segments: { kind: string }[]) => segments.some((s) => s.kind !== "same");

export default function GuidelineDiffPage() {
  const { t } = useTranslation();
  const view = useLoaderData<typeof loader>();
  const { diff } = view;
  const pick = (name: "from" | "to", selected: number | null) => (
    <div className="field">
      <label htmlFor={`diff-${name}`}>{t(`guidelines.diff.${name}`)}</label>
      <select id={`diff-${name}`} name={name} defaultValue={selected ?? undefined}>
        {view.versions.map((v) => (
          <option key={v.number} value={v.number}>
            {t("guidelines.versionN", { version: v.number })} ({t(`guidelines.versionStatus.${v.status}`)})
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      <p>
        <Link to={`/guidelines/${view.slug}`}>{t("guidelines.version.back")}</Link>
      </p>
      <h1>{t("guidelines.diff.title", { title: view.title })}</h1>
      <Form method="get" className="filters" aria-label={t("guidelines.diff.choose")}>
        {pick("from", view.from)}
        {pick("to", view.to)}
        <button type="submit">{t("guidelines.diff.compare")}</button>
      </Form>
      {view.from === null ? <p className="notice">{t("guidelines.diff.nothingEarlier")}</p> : null}
      {view.from !== null && !diff ? <p className="notice notice-warn">{t("guidelines.diff.noCommonLanguage")}</p> : null}
      {diff ? (
        <>
          <p>
            <strong>{t("guidelines.diff.fromTo", { from: view.from, to: view.to })}</strong>{" "}
            {view.versions
              .filter((v) => v.number === view.to)
              .map((v) => (
                <VersionBadge key={v.number} status={v.status} />
              ))}
          </p>
          <p>{t("guidelines.diff.summary", diff.counts)}</p>
          <p className="diff-legend">
            {t("guidelines.diff.legend")} <ins>{t("guidelines.diff.legendAdded")}</ins> <del>{t("guidelines.diff.legendRemoved")}</del>
          </p>
          {diff.titleChanged ? (
            <section className="diff-rule kind-changed">
              <h2>{t("guidelines.diff.titleHeading")}</h2>
              <p className="diff-text">
                <DiffText segments={diff.title} />
              </p>
            </section>
          ) : null}
          {diff.introductionChanged ? (
            <section className="diff-rule kind-changed">
              <h2>{t("guidelines.diff.introHeading")}</h2>
              <p className="diff-text">
                <DiffText segments={diff.introduction} />
              </p>
            </section>
          ) : null}
          <h2>{t("guidelines.diff.rulesHeading")}</h2>
          <ol className="diff-rules">
            {diff.rules.map((rule, i) => (
              <li key={i} className={`diff-rule kind-${rule.kind}`}>
                <h3>
                  <span className="badge">{t(`guidelines.diff.kinds.${rule.kind}`)}</span>{" "}
                  {rule.to !== null ? t("guidelines.diff.ruleN", { n: rule.to }) : t("guidelines.diff.formerRuleN", { n: rule.from })}
                  {rule.from !== null && rule.to !== null && rule.from !== rule.to
                    ? ` (${t("guidelines.diff.wasRuleN", { n: rule.from })})`
                    : ""}
                  : <DiffText segments={rule.title} />
                </h3>
                {rule.kind === "unchanged" ? null : (
                  <>
                    <p className={`diff-text${touched(rule.body) ? "" : " diff-same-part"}`}>
                      <DiffText segments={rule.body} />
                    </p>
                    {rule.do.length ? (
                      <div className={touched(rule.do) ? undefined : "diff-same-part"}>
                        <h4>{t("guidelines.document.do")}</h4>
                        <ul>
                          {rule.do.map((s, k) => (
                            <li key={k}>
                              <DiffText segments={[s]} />
                            </li>
                          ))}
                        </ul>
                      </div>
                    ) : null}
                    {rule.dont.length ? (
                      <div className={touched(rule.dont) ? undefined : "diff-same-part"}>
                        <h4>{t("guidelines.document.dont")}</h4>
                        <ul>
                          {rule.dont.map((s, k) => (
                            <li key={k}>
                              <DiffText segments={[s]} />
                            </li>
                          ))}
                        </ul>
                      </div>
                    ) : null}
                  </>
                )}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </>
  );
}
