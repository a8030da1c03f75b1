import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { championScopes } from "~/models/champions/champions.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

/** The groups the signed-in person champions (none for most people). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ scopes: await championScopes(db, user.id) });
}

export default function MyGroupsPage() {
  const { t } = useTranslation();
  const { scopes } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("champions.mine.title")}</h1>
      {scopes.length === 0 ? (
        <p>{t("champions.mine.none")}</p>
      ) : (
        <ul>
          {scopes.map((scope) => (
            <li key={`${scope.kind}:${scope.id}`}>
              <Link to={`/champions/${scope.kind}/${scope.id}`}>{scope.name}</Link> ({t(`champions.kind.${scope.kind}`)})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
