/**
 * How the editors' pages of guidelines and workshops show a draft: its card on the manage page, the
 * editor's header, and the title and version cells of the overview table. Each feature keeps its own
 * versions and publish form (they really differ); only the way a draft reads is shared.
 */
import type { ReactNode } from "react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LOCALES, type Locale } from "#db/schema";

type Feature = "guidelines" | "workshops";

export interface DraftSummary {
  version: number;
  updatedAt: string;
  source: string;
  /** A translation key saying why the draft cannot be published yet. */
  problem: string | null;
}

/**
 * The draft card: when it was saved and from where, `actions` (list items: edit a language, preview…),
 * the publish form or why it cannot be published, and the discard button. Without a draft, `noDraft`.
 */
export function DraftCard({
  feature,
  draft,
  actionsLabel,
  actions,
  publishForm,
  noDraft,
}: {
  feature: Feature;
  draft: DraftSummary | null;
  actionsLabel: string;
  actions: ReactNode;
  publishForm: ReactNode;
  noDraft: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="draft-title">
      <h2 id="draft-title">
        {draft ? t(`${feature}.manage.draftTitle`, { version: draft.version }) : t(`${feature}.manage.noDraftTitle`)}
      </h2>
      {draft ? (
        <>
          <p className="hint">
            {t(`${feature}.manage.draftSaved`, { date: draft.updatedAt })} ·{" "}
            {t(draft.source === "sync" ? `${feature}.manage.fromFiles` : `${feature}.manage.fromEditor`)}
          </p>
          <ul className="actions" aria-label={actionsLabel}>
            {actions}
          </ul>
          {draft.problem ? <p className="notice notice-warn">{t(draft.problem)}</p> : publishForm}
          <Form method="post" className="actions">
            <button type="submit" name="intent" value="discard" className="secondary">
              {t(`${feature}.manage.discard`)}
            </button>
          </Form>
        </>
      ) : (
        noDraft
      )}
    </section>
  );
}

/** One link a language to the editor of `slug`, labelled by `label`. */
export function EditLanguageLinks({ feature, slug, label }: { feature: Feature; slug: string; label: (language: Locale) => string }) {
  return (
    <>
      {LOCALES.map((l) => (
        <li key={l}>
          <Link className="button secondary" to={`/manage/${feature}/${slug}/edit?lang=${l}`}>
            {label(l)}
          </Link>
        </li>
      ))}
    </>
  );
}

/** The editor's header: back to the manage page, which draft is edited, and a tab a language. */
export function DraftEditorHeader({
  feature,
  slug,
  language,
  draftVersion,
  basedOn,
  tabsLabel,
  tabName,
}: {
  feature: Feature;
  slug: string;
  language: Locale;
  draftVersion: number | null;
  basedOn: number | null;
  tabsLabel: string;
  tabName: (language: Locale) => string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/manage/${feature}/${slug}`}>{t(`${feature}.edit.back`)}</Link>
      </p>
      <h1>{t(`${feature}.edit.heading`, { language: t(`${feature}.languageNames.${language}`) })}</h1>
      <p className="hint">
        {draftVersion
          ? t(`${feature}.edit.editingDraft`, { version: draftVersion })
          : basedOn
            ? t(`${feature}.edit.newDraftFrom`, { version: basedOn })
            : t(`${feature}.edit.firstDraft`)}
      </p>
      <ul className="lang-tabs" aria-label={tabsLabel}>
        {LOCALES.map((l) => (
          <li key={l}>
            <Link to={`?lang=${l}`} aria-current={l === language ? "page" : undefined}>
              {tabName(l)}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The overview table's cells for an item: its title (a link for editors), slug and whether it is required; its current version and draft. */
export function OverviewCells({
  feature,
  item,
  isEditor,
}: {
  feature: Feature;
  item: {
    slug: string;
    title: string;
    required: boolean;
    current: { version: number; publishedAt: string } | null;
    draft: { version: number; updatedAt: string } | null;
  };
  isEditor: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <td>
        {isEditor ? <Link to={`/manage/${feature}/${item.slug}`}>{item.title}</Link> : item.title}
        <br />
        <code>{item.slug}</code>{" "}
        {item.required ? (
          <span className="badge">{t(`${feature}.required`)}</span>
        ) : (
          <span className="badge badge-muted">{t(`${feature}.optional`)}</span>
        )}
      </td>
      <td>
        {item.current
          ? `${t(`${feature}.versionN`, { version: item.current.version })} · ${item.current.publishedAt}`
          : t(`${feature}.manage.notPublished`)}
      </td>
      <td>{item.draft ? `${t(`${feature}.versionN`, { version: item.draft.version })} · ${item.draft.updatedAt}` : "—"}</td>
    </>
  );
}
