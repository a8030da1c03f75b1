import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableWrap } from "~/components/ui/table-wrap";
import { isChampionOf, parseScope, scopeName, type ChampionScope } from "~/models/champions/champions.server";
import { GROUP_PAGE_SIZE, groupOnboarding, nudgeGroup } from "~/models/champions/group.server";
import { hasRole, requireUser, type SessionUser } from "~/utils/auth.server";
import { db, getReadDb } from "~/utils/db.server";
import { invalid, notFound, pageParam, requestOrigin } from "~/utils/http.server";
import { redirectWithToast } from "~/utils/toast.server";

/** A champion's group, or (for admins and HR) any group; everyone else is told it does not exist. */
async function requireGroup(user: SessionUser, params: LoaderFunctionArgs["params"]): Promise<{ scope: ChampionScope; name: string }> {
  const scope = parseScope(params.kind, params.id);
  if (!scope) notFound();
  const allowed = hasRole(user, "admin", "hr") || (await isChampionOf(db, user.id, scope));
  const name = allowed ? await scopeName(db, scope) : null;
  if (name === null) notFound();
  return { scope, name };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { scope, name } = await requireGroup(user, params);
  const page = pageParam(new URL(request.url));
  const group = await groupOnboarding(getReadDb(), scope, page);
  return json({ name, kind: scope.kind, id: scope.id, page, pages: Math.max(1, Math.ceil(group.total / GROUP_PAGE_SIZE)), ...group });
}

/** Intent "nudge": the onboarding reminder round for the group's people who have not started. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { scope } = await requireGroup(user, params);
  const formData = await request.formData();
  if (formData.get("intent") !== "nudge") return invalid({ "": "validation.invalid" });
  const result = await nudgeGroup(db, scope, { actorId: user.id, origin: requestOrigin(request) });
  return redirectWithToast(`/champions/${scope.kind}/${scope.id}`, {
    message: "onboarding.toasts.remindersSent",
    values: { sent: result.sent, skipped: result.skipped },
    kind: result.sent ? "success" : "info",
  });
}

export default function ChampionGroupPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/champions">{t("champions.back")}</Link>
      </p>
      <h1>{data.name}</h1>
      <p className="hint" data-testid="group-summary">
        {t("champions.group.summary", { count: data.total, started: data.started, ambassadors: data.ambassadors })}
      </p>
      <section className="card" aria-labelledby="nudge">
        <h2 id="nudge">{t("champions.group.nudgeTitle")}</h2>
        <p className="hint">{t("champions.group.nudgeHint")}</p>
        <Form method="post">
          <button type="submit" name="intent" value="nudge">
            {t("champions.group.nudge")}
          </button>
        </Form>
        <p>
          <Link to={`/ideas?group=${data.kind}:${data.id}`}>{t("champions.group.propose")}</Link> {t("champions.group.proposeHint")}
        </p>
      </section>
      <TableWrap>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("champions.group.person")}</th>
              <th scope="col">{t("champions.group.state")}</th>
              <th scope="col">{t("champions.group.guidelines")}</th>
              <th scope="col">{t("champions.group.workshops")}</th>
              <th scope="col">{t("champions.group.shares")}</th>
              <th scope="col">{t("champions.group.uniqueClicks")}</th>
            </tr>
          </thead>
          <tbody>
            {data.people.map((person) => (
              <tr key={person.id}>
                <th scope="row">{person.name}</th>
                <td>{t(`onboarding.states.${person.state}`)}</td>
                <td>{t(person.guidelinesDone ? "champions.yes" : "champions.no")}</td>
                <td>{person.workshopsDone}</td>
                <td>{person.shares}</td>
                <td>{person.uniqueClicks}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {data.pages > 1 ? (
        <nav aria-label={t("champions.group.pages")}>
          {data.page > 1 ? <Link to={`?page=${data.page - 1}`}>{t("champions.group.previous")}</Link> : null}{" "}
          {t("champions.group.pageOf", { page: data.page, pages: data.pages })}{" "}
          {data.page < data.pages ? <Link to={`?page=${data.page + 1}`}>{t("champions.group.next")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
