import { TableWrap } from "~/components/ui/table-wrap";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AUDIT_ACTIONS, cursorOf, listAudit, parseCursor } from "~/models/audit/log.server";
import { formatDateTime } from "~/models/core/dates";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { resolveLocale } from "~/utils/locale.server";

const actionParam = (url: URL) => {
  const value = url.searchParams.get("action");
  return value && (AUDIT_ACTIONS as readonly string[]).includes(value) ? value : undefined;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const url = new URL(request.url);
  const action = actionParam(url);
  const [page, locale, timeZone] = await Promise.all([
    listAudit(db, { action, before: parseCursor(url.searchParams.get("before")) }),
    resolveLocale(request, user.locale),
    getOrganisationTimeZone(db),
  ]);
  const last = page.entries[page.entries.length - 1];
  return json({
    // From a server module, so the page gets the list as data (the browser bundle has no .server code).
    actions: AUDIT_ACTIONS,
    action: action ?? "",
    next: page.hasMore && last ? cursorOf(last) : null,
    entries: page.entries.map((e) => ({
      id: e.id,
      at: formatDateTime(e.created_at, locale, timeZone),
      actor: e.actor_label,
      action: e.action,
      target: `${e.target_type}: ${e.target_label}`,
      before: e.before_json,
      after: e.after_json,
    })),
  });
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { entries, next, action, actions } = useLoaderData<typeof loader>();
  const filter = action ? `action=${encodeURIComponent(action)}` : "";
  return (
    <>
      <h1>{t("identity.audit.title")}</h1>
      <p className="hint">{t("identity.audit.intro")}</p>
      <Form method="get" className="actions">
        <label>
          {t("identity.audit.filter")}{" "}
          <select name="action" defaultValue={action}>
            <option value="">{t("identity.audit.allActions")}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="secondary">
          {t("identity.audit.apply")}
        </button>
        <a href={`/admin/audit.csv${filter ? `?${filter}` : ""}`} download>
          {t("identity.audit.export")}
        </a>
      </Form>
      {entries.length === 0 ? <p>{t("identity.audit.empty")}</p> : null}
      <TableWrap>
        <table>
          <thead>
            <tr>
              {(["date", "actor", "action", "target", "before", "after"] as const).map((c) => (
                <th key={c} scope="col">
                  {t(`identity.audit.columns.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{e.at}</td>
                <td>{e.actor}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.target}</td>
                <td>
                  <code>{e.before ?? ""}</code>
                </td>
                <td>
                  <code>{e.after ?? ""}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <nav className="pagination" aria-label={t("identity.audit.pagination")}>
        {next ? <Link to={`?${filter ? `${filter}&` : ""}before=${encodeURIComponent(next)}`}>{t("common.next")}</Link> : null}
      </nav>
    </>
  );
}
