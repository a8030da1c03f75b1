import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** On a champion's home: the groups they champion (nothing for everyone else). */
export function ChampionGroups({ groups }: { groups: { kind: "cohort" | "department"; id: string; name: string }[] }) {
  const { t } = useTranslation();
  if (groups.length === 0) return null;
  return (
    <section aria-labelledby="home-champion">
      <h2 id="home-champion">{t("champions.mine.title")}</h2>
      <ul>
        {groups.map((group) => (
          <li key={`${group.kind}:${group.id}`}>
            <Link to={`/champions/${group.kind}/${group.id}`}>{group.name}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
