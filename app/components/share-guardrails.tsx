import { useTranslation } from "react-i18next";
import { guardrailProblem, type GuardrailProblem, type NetworkGuardrails } from "~/models/sharing/guardrail-match";

/**
 * The guardrail the text being typed breaks (`live`: it holds the buttons back), and what to show:
 * the live problem, else what the server answered for the last post (the only one without JavaScript).
 */
export function useGuardrailProblem(
  text: string,
  trackedUrl: string,
  guardrails: NetworkGuardrails | undefined,
  answered: GuardrailProblem | undefined,
): { live: GuardrailProblem | null; shown: GuardrailProblem | null } {
  const live = guardrails ? guardrailProblem(text, trackedUrl, guardrails) : null;
  return { live, shown: live ?? answered ?? null };
}

/** Says which guardrail the post breaks, quoting the guideline rule of a blocked phrase. */
export function GuardrailNotice({ problem }: { problem: GuardrailProblem | null }) {
  const { t } = useTranslation();
  if (!problem) return null;
  const message =
    problem.kind === "blockedPhrase"
      ? problem.rule
        ? t("guardrails.dialog.blockedPhrase", { phrase: problem.phrase, rule: problem.rule })
        : t("guardrails.dialog.blockedPhraseNoRule", { phrase: problem.phrase })
      : problem.kind === "disclosureMissing"
        ? t("guardrails.dialog.disclosureMissing", { disclosure: problem.disclosure })
        : t("guardrails.errors.locked");
  return (
    <p className="form-error guardrail-notice" role="alert" data-testid="guardrail-notice">
      {message}
    </p>
  );
}

/** Shown above a locked text (which is read-only). */
export function LockedNote() {
  const { t } = useTranslation();
  return (
    <p className="hint" data-testid="text-locked">
      {t("guardrails.dialog.locked")}
    </p>
  );
}
