import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DiffText } from "~/components/guideline";
import { SHARE_NETWORKS, type ShareNetwork } from "~/models/core/networks";
import type { Segment } from "~/models/guidelines/diff.server";

interface PresentedEditDiff {
  approvedAt: string;
  commentary: Segment[] | null;
  networks: { network: ShareNetwork; text: Segment[]; subject: Segment[] | null }[];
}

/** On re-review: what changed, word by word, since the version a reviewer last approved. */
export function EditDiffSection({ diff }: { diff: PresentedEditDiff }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="edit-diff-title" data-testid="edit-diff">
      <h2 id="edit-diff-title">{t("guardrails.review.diffTitle")}</h2>
      <p className="hint">{t("guardrails.review.diffHint", { date: diff.approvedAt })}</p>
      {diff.commentary ? (
        <>
          <h3>{t("guardrails.review.commentary")}</h3>
          <p className="diff-text" data-diff="commentary">
            <DiffText segments={diff.commentary} />
          </p>
        </>
      ) : null}
      {diff.networks.map((n) => (
        <div key={n.network}>
          <h3>{t(`scoring.networks.${n.network}`)}</h3>
          {n.subject ? (
            <p className="diff-text" data-diff={`${n.network}-subject`}>
              {t("guardrails.review.subject")}: <DiffText segments={n.subject} />
            </p>
          ) : null}
          <p className="diff-text" data-diff={n.network}>
            <DiffText segments={n.text} />
          </p>
        </div>
      ))}
    </section>
  );
}

/** One button per network: lock the text (employees share it as written) or unlock it. */
export function TextLocksSection({ locked }: { locked: ShareNetwork[] }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="locks-title">
      <h2 id="locks-title">{t("guardrails.review.locksTitle")}</h2>
      <p className="hint">{t("guardrails.review.locksHint")}</p>
      <ul className="text-locks">
        {SHARE_NETWORKS.map((network) => {
          const isLocked = locked.includes(network);
          const name = t(`scoring.networks.${network}`);
          return (
            <li key={network} data-network={network}>
              <Form method="post">
                <input type="hidden" name="network" value={network} />
                {name}: {isLocked ? t("guardrails.review.locked") : t("guardrails.review.editable")}{" "}
                <button type="submit" name="intent" value={isLocked ? "unlock" : "lock"} className="secondary">
                  {t(isLocked ? "guardrails.review.unlock" : "guardrails.review.lock", { network: name })}
                </button>
              </Form>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
