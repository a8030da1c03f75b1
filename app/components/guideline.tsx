import { useTranslation } from "react-i18next";
import type { GuidelineVersionStatus } from "#db/schema";
import type { Segment } from "~/models/guidelines/diff.server";
import type { PresentedText } from "~/models/guidelines/text.server";
import guidelineStylesUrl from "~/styles/guidelines.css";

export const guidelineLinks = () => [{ rel: "stylesheet", href: guidelineStylesUrl }];

export function VersionBadge({ status }: { status: GuidelineVersionStatus }) {
  const { t } = useTranslation();
  return <span className={`badge version-${status}`}>{t(`guidelines.versionStatus.${status}`)}</span>;
}

export function PersonStatusBadge({ status, required = true }: { status: "acknowledged" | "pending" | "outdated"; required?: boolean }) {
  const { t } = useTranslation();
  const tone = status === "acknowledged" ? "badge-success" : required ? "badge-danger" : "badge-muted";
  return <span className={`badge ${tone}`}>{t(`guidelines.status.${status}`)}</span>;
}

/** The introduction and the numbered rules with their do / don't examples (HTML already sanitised on the server). */
export function GuidelineBody({ text }: { text: PresentedText }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="guideline-intro" dangerouslySetInnerHTML={{ __html: text.introductionHtml }} />
      <ol className="guideline-rules">
        {text.rules.map((rule, i) => (
          <li key={i} className="guideline-rule" aria-labelledby={`rule-${i + 1}`}>
            <h2 id={`rule-${i + 1}`}>
              <span className="rule-number" aria-hidden="true">
                {i + 1}
              </span>{" "}
              {rule.title}
            </h2>
            <div dangerouslySetInnerHTML={{ __html: rule.bodyHtml }} />
            {rule.do.length || rule.dont.length ? (
              <div className="do-dont">
                {rule.do.length ? (
                  <div className="do">
                    <h3>{t("guidelines.document.do")}</h3>
                    <ul>
                      {rule.do.map((html, k) => (
                        <li key={k} dangerouslySetInnerHTML={{ __html: html }} />
                      ))}
                    </ul>
                  </div>
                ) : null}
                {rule.dont.length ? (
                  <div className="dont">
                    <h3>{t("guidelines.document.dont")}</h3>
                    <ul>
                      {rule.dont.map((html, k) => (
                        <li key={k} dangerouslySetInnerHTML={{ __html: html }} />
                      ))}
                    </ul>
                  </div>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}

/** Added words underlined in green, removed ones struck through in red; screen readers hear which is which. */
export function DiffText({ segments }: { segments: Segment[] }) {
  const { t } = useTranslation();
  return (
    <>
      {segments.map((s, i) =>
        s.kind === "added" ? (
          <ins key={i} aria-label={t("guidelines.diff.addedText", { text: s.text })}>
            {s.text}
          </ins>
        ) : s.kind === "removed" ? (
          <del key={i} aria-label={t("guidelines.diff.removedText", { text: s.text })}>
            {s.text}
          </del>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
