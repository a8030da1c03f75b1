import { TableWrap } from "~/components/ui/table-wrap";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ROLES } from "#db/schema";
import { listDepartments } from "~/models/people/departments.server";
import { listPeople } from "~/models/people/list.server";
import { PeopleFiltersSchema } from "~/models/people/people-filters.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { pageParam } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin", "hr");
  const url = new URL(request.url);
  const filters = PeopleFiltersSchema.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
  const [result, departments] = await Promise.all([
    listPeople(db, {
      query: filters.q,
      departmentId: filters.department,
      status: filters.status,
      role: filters.role,
      page: pageParam(url),
    }),
    listDepartments(db),
  ]);
  return json({ ...result, departments, filters });
}

export default function PeoplePage() {
  const { t } = useTranslation();
  const { people, total, page, pageSize, departments, filters } = useLoaderData<typeof loader>();
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (p: number) => {
    const params = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])));
    params.set("page", String(p));
    return `?${params}`;
  };
  return (
    <>
      <h1>{t("people.title")}</h1>
      <div className="actions">
        <Link className="button" to="/admin/people/invite">
          {t("people.invite")}
        </Link>
        <Link className="button secondary" to="/admin/people/import">
          {t("people.importCsv")}
        </Link>
        <Link className="button secondary" to="/admin/people/sync">
          {t("peopleSync.title")}
        </Link>
      </div>
      <Form method="get" className="filters" role="search" aria-label={t("people.filters")}>
        <div className="field">
          <label htmlFor="q">{t("people.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="department">{t("people.department")}</label>
          <select id="department" name="department" defaultValue={filters.department ?? ""}>
            <option value="">{t("people.allDepartments")}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">{t("people.status")}</label>
          <select id="status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">{t("people.anyStatus")}</option>
            {(["invited", "active", "deactivated"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`people.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="role">{t("people.role")}</label>
          <select id="role" name="role" defaultValue={filters.role ?? ""}>
            <option value="">{t("people.anyRole")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("people.applyFilters")}</button>
      </Form>
      <p>{t("people.count", { count: total })}</p>
      <TableWrap>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("people.name")}</th>
              <th scope="col">{t("people.email")}</th>
              <th scope="col">{t("people.department")}</th>
              <th scope="col">{t("people.roles")}</th>
              <th scope="col">{t("people.status")}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.id}>
                <td>
                  <Link to={`/admin/people/${person.id}`}>{person.name}</Link>
                </td>
                <td>{person.email}</td>
                <td>{person.department_name ?? "—"}</td>
                <td>
                  {person.roles.map((r) => (
                    <span key={r} className="badge">
                      {t(`roles.${r}`)}
                    </span>
                  ))}
                </td>
                <td>
                  <span
                    className={`badge ${person.status === "active" ? "badge-success" : person.status === "deactivated" ? "badge-danger" : "badge-muted"}`}
                  >
                    {t(`people.statuses.${person.status}`)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <nav className="pagination" aria-label={t("people.pagination")}>
        {page > 1 ? <Link to={pageLink(page - 1)}>{t("common.previous")}</Link> : null}
        <span>{t("common.pageOf", { page, pages: lastPage })}</span>
        {page < lastPage ? <Link to={pageLink(page + 1)}>{t("common.next")}</Link> : null}
      </nav>
    </>
  );
}
