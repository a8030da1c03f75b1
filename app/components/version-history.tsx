import { TableWrap } from "~/components/ui/table-wrap";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "#db/schema";

export interface VersionHistoryRow {
  version: number;
  languages: Locale[];
  publishedAt: string | null;
  supersededAt: string | null;
  changeNote?: string | null;
}

/**
 * The editors' table of a guideline's or workshop's versions. The two features keep their own
 * versions (they really differ); only the way their history reads is shared.
 */
export function VersionHistory<R extends VersionHistoryRow>({
  feature,
  versions,
  versionCell,
  statusCell,
  languageName,
  withChangeNote = false,
  changeNoteCell,
}: {
  feature: "guidelines" | "workshops";
  versions: R[];
  versionCell: (row: R) => ReactNode;
  statusCell: (row: R) => ReactNode;
  languageName: (language: Locale) => string;
  withChangeNote?: boolean;
  /** Replaces the plain change note, e.g. to add what the publisher decided. */
  changeNoteCell?: (row: R) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">{t(`${feature}.manage.versionsTitle`)}</h2>
      {versions.length === 0 ? (
        <p>{t(`${feature}.manage.noVersions`)}</p>
      ) : (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t(`${feature}.manage.version`)}</th>
                <th scope="col">{t(`${feature}.manage.status`)}</th>
                <th scope="col">{t(`${feature}.manage.languages`)}</th>
                <th scope="col">{t(`${feature}.manage.published`)}</th>
                {withChangeNote ? <th scope="col">{t(`${feature}.manage.changeNoteColumn`)}</th> : null}
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <td>{versionCell(v)}</td>
                  <td>{statusCell(v)}</td>
                  <td>{v.languages.map(languageName).join(", ")}</td>
                  <td>
                    {v.publishedAt || "—"}
                    {v.supersededAt ? ` → ${v.supersededAt}` : ""}
                  </td>
                  {withChangeNote ? <td>{changeNoteCell ? changeNoteCell(v) : (v.changeNote ?? "")}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
